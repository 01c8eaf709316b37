// RLock: Python's reentrant lock — one owner thread, a recursion count, release only by the owner.
import { SHARE_HANDLE } from '../internal/shareable.js';
import { adoptLivenessBuffer, livenessBuffer } from '../internal/thread-liveness.js';
import type { SharedHandle } from '../internal/wire.js';
import { InvalidArgumentError, LockNotHeldError } from './errors.js';
import { lockWordsOf, type LockHandleState } from './lock.js';
import { ScopedHold } from './scoped-hold.js';
import { BROKEN, COUNT, KIND_RLOCK, SELF, STATE, brokenError, describeThread, giveOwn, heldHere, newLockWords, ownerOf, takeAsync, takeSync, tryTake, unbreak } from './owner.js';
import { lockTimeout, type AcquireOptions } from './wait.js';

/**
 * A reentrant lock shared across workers: the thread that holds it may acquire it again, and must
 * release it as many times. Releasing it from another thread throws LockNotHeldError (Python's
 * RuntimeError). A worker that dies holding it breaks it, as for Lock.
 * @example
 * const rlock = new RLock();
 * rlock.withLock(() => rlock.withLock(() => update()));   // nested: fine
 */
export class RLock extends ScopedHold {
  readonly #words: Int32Array;

  constructor(buffer?: SharedArrayBuffer) {
    super();
    this.#words = buffer === undefined ? newLockWords(KIND_RLOCK) : lockWordsOf(buffer, KIND_RLOCK, 'RLock');
  }

  /** Wraps the memory of an existing RLock received as `rlock.buffer`. */
  static fromBuffer(buffer: SharedArrayBuffer): RLock {
    return new RLock(lockWordsOf(buffer, KIND_RLOCK, 'RLock.fromBuffer()').buffer as SharedArrayBuffer);
  }

  get buffer(): SharedArrayBuffer {
    return this.#words.buffer as SharedArrayBuffer;
  }

  /** As Lock.acquire(); when this thread already holds it, adds one level at once and returns true. */
  acquire(options?: AcquireOptions): boolean {
    const words = this.#words;
    if (options === undefined) {
      const seen = tryTake(words);
      if (seen === 0) {
        words[COUNT] = 1;
        return true;
      }
      if (seen >> 1 === SELF) {
        words[COUNT]!++;
        return true;
      }
    }
    if (heldHere(words)) {
      if (options !== undefined) lockTimeout(options, 'RLock.acquire()');
      words[COUNT]!++;
      return true;
    }
    if (!takeSync(words, lockTimeout(options, 'RLock.acquire()'), 'RLock')) return false;
    words[COUNT] = 1;
    return true;
  }

  /** The event-loop-friendly acquire for the main thread. */
  async acquireAsync(options?: AcquireOptions): Promise<boolean> {
    const words = this.#words;
    const timeout = lockTimeout(options, 'RLock.acquireAsync()');
    if (heldHere(words)) {
      words[COUNT]!++;
      return true;
    }
    if (!(await takeAsync(words, timeout, 'RLock'))) return false;
    words[COUNT] = 1;
    return true;
  }

  /** Drops one level; the lock is free when the count reaches 0. Only the owner may release. */
  release(): void {
    const words = this.#words;
    const state = Atomics.load(words, STATE);
    if (state === BROKEN) throw brokenError(words, 'RLock');
    if (state >> 1 !== SELF) {
      throw new LockNotHeldError(
        state === 0
          ? 'RLock.release(): cannot release un-acquired lock (it is not held)'
          : `RLock.release(): cannot release un-acquired lock (it is held by ${describeThread(ownerOf(state)!)}, not by this thread)`,
      );
    }
    if (--words[COUNT]! === 0) giveOwn(words);
  }

  /** Whether any thread holds it now. */
  locked(): boolean {
    return Atomics.load(this.#words, STATE) !== 0;
  }

  get owner(): number | undefined {
    return ownerOf(Atomics.load(this.#words, STATE));
  }

  /** Recursion depth when this thread holds it, else 0. */
  get count(): number {
    return heldHere(this.#words) ? this.#words[COUNT]! : 0;
  }

  get broken(): boolean {
    return Atomics.load(this.#words, STATE) === BROKEN;
  }

  /** Makes a broken RLock usable again; returns whether it was broken. */
  reset(): boolean {
    return unbreak(this.#words);
  }

  override toString(): string {
    const state = Atomics.load(this.#words, STATE);
    const how = state === 0 ? 'unlocked' : state === BROKEN ? 'broken' : `locked by ${describeThread(ownerOf(state)!)}${state >> 1 === SELF ? ` count=${this.#words[COUNT]}` : ''}`;
    return `<RLock ${how}>`;
  }

  [SHARE_HANDLE](): SharedHandle {
    return { __ts314Handle: 'RLock', module: import.meta.url, state: { buffer: this.buffer, liveness: livenessBuffer() } satisfies LockHandleState };
  }

  /** @internal */
  get _words(): Int32Array {
    return this.#words;
  }

  /** @internal */
  _ownedHere(): boolean {
    return heldHere(this.#words);
  }
}

export function reviveHandle(state: unknown, kind: string): RLock {
  const { buffer, liveness } = state as LockHandleState;
  adoptLivenessBuffer(liveness);
  if (kind !== 'RLock') throw new InvalidArgumentError(`rlock module cannot revive a ${kind} handle`);
  return new RLock(buffer);
}
