// What Lock and RLock share: lock words that record their holder, so a holder's death breaks the lock.
import { SHARE_HANDLE } from '../internal/shareable.js';
import { adoptLivenessBuffer, livenessBuffer } from '../internal/thread-liveness.js';
import type { SharedHandle } from '../internal/wire.js';
import { InvalidArgumentError } from './errors.js';
import { BROKEN, KIND, KIND_LOCK, KIND_RLOCK, LOCK_WORDS, STATE, heldHere, newLockWords, ownerOf, unbreak } from './owner.js';
import { ScopedHold } from './scoped-hold.js';

/** What crosses to a worker: the lock's memory and the process-wide record of dead threads. */
export interface LockHandleState {
  readonly buffer: SharedArrayBuffer;
  readonly liveness: SharedArrayBuffer;
}

export type LockKindName = 'Lock' | 'RLock';

const KINDS: Record<LockKindName, number> = { Lock: KIND_LOCK, RLock: KIND_RLOCK };

/** Checks a buffer given to fromBuffer(): right size, right kind of primitive. */
export function lockWordsOf(buffer: unknown, kindName: LockKindName, where: string): Int32Array {
  if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength !== LOCK_WORDS * Int32Array.BYTES_PER_ELEMENT) {
    throw new InvalidArgumentError(
      `${where}: expected the SharedArrayBuffer of a ${kindName} (its .buffer), got ${buffer instanceof SharedArrayBuffer ? `a SharedArrayBuffer of ${buffer.byteLength} bytes` : String(buffer)}`,
    );
  }
  const words = new Int32Array(buffer);
  const found = Atomics.load(words, KIND);
  if (found !== KINDS[kindName]) {
    const other = found === KIND_LOCK ? 'Lock' : found === KIND_RLOCK ? 'RLock' : 'something else';
    throw new InvalidArgumentError(
      `${where}: this buffer belongs to ${other === 'something else' ? 'something that is not a lock' : `an ${other}`}; use ${other === 'something else' ? 'the buffer of a lock' : `${other}.fromBuffer()`}`,
    );
  }
  return words;
}

/** Worker side of a Lock or RLock handle: adopts the liveness record and hands back the lock's memory. */
export function adoptLockHandle(state: unknown, kind: string, expected: LockKindName): SharedArrayBuffer {
  const { buffer, liveness } = state as LockHandleState;
  adoptLivenessBuffer(liveness);
  if (kind !== expected) throw new InvalidArgumentError(`the ${expected} module cannot revive a ${kind} handle`);
  return buffer;
}

/** The base of Lock and RLock: their words, holder, broken state and how they cross to workers. */
export abstract class OwnedLock extends ScopedHold {
  /** The lock words (owner.ts): state with the holder's threadId, kind, recursion count, OS thread id. */
  protected readonly words: Int32Array;
  readonly #kindName: LockKindName;
  /** The module whose reviveHandle() rebuilds this kind in a worker. */
  readonly #module: string;

  protected constructor(kindName: LockKindName, module: string, buffer: SharedArrayBuffer | undefined) {
    super();
    this.#kindName = kindName;
    this.#module = module;
    this.words = buffer === undefined ? newLockWords(KINDS[kindName]) : lockWordsOf(buffer, kindName, kindName);
  }

  /** The shared memory behind this lock: post it to a raw Worker and call fromBuffer() there. */
  get buffer(): SharedArrayBuffer {
    return this.words.buffer as SharedArrayBuffer;
  }

  /** Whether some thread holds it now. */
  locked(): boolean {
    return Atomics.load(this.words, STATE) !== 0;
  }

  /** The threadId of the holder (0 = main thread), or undefined when free or broken. */
  get owner(): number | undefined {
    return ownerOf(Atomics.load(this.words, STATE));
  }

  /** Whether a holder died and the lock refuses to be taken until reset(). */
  get broken(): boolean {
    return Atomics.load(this.words, STATE) === BROKEN;
  }

  /**
   * Makes a broken lock usable again (free), after you have repaired what its dead owner was
   * updating. Returns whether it was broken.
   */
  reset(): boolean {
    return unbreak(this.words);
  }

  [SHARE_HANDLE](): SharedHandle {
    return {
      __ts314Handle: this.#kindName,
      module: this.#module,
      state: { buffer: this.buffer, liveness: livenessBuffer() } satisfies LockHandleState,
    };
  }

  /** @internal For Condition: the lock words. */
  get _words(): Int32Array {
    return this.words;
  }

  /** @internal For Condition: whether this thread holds it. */
  _ownedHere(): boolean {
    return heldHere(this.words);
  }
}
