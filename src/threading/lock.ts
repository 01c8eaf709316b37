// Lock: Python's threading.Lock over one SharedArrayBuffer, the same lock in every worker it is passed to.
import { SHARE_HANDLE } from '../internal/shareable.js';
import { adoptLivenessBuffer, livenessBuffer } from '../internal/thread-liveness.js';
import type { SharedHandle } from '../internal/wire.js';
import { InvalidArgumentError, LockNotHeldError } from './errors.js';
import {
  BROKEN, KIND, KIND_LOCK, KIND_RLOCK, LOCK_WORDS, STATE, brokenError, describeThread, giveAny, giveOwn, heldHere, newLockWords, ownerOf, takeAsync, takeSync, tryTake, unbreak,
} from './owner.js';
import { ScopedHold } from './scoped-hold.js';
import { lockTimeout, type AcquireOptions } from './wait.js';

/** What crosses to a worker: the lock's memory and the process-wide record of dead threads. */
export interface LockHandleState {
  readonly buffer: SharedArrayBuffer;
  readonly liveness: SharedArrayBuffer;
}

/** Checks a buffer given to fromBuffer(): right size, right kind of primitive. */
export function lockWordsOf(buffer: unknown, kind: number, where: string): Int32Array {
  if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength !== LOCK_WORDS * Int32Array.BYTES_PER_ELEMENT) {
    throw new InvalidArgumentError(`${where}: expected the SharedArrayBuffer of a ${kind === KIND_LOCK ? 'Lock' : 'RLock'} (its .buffer), got ${buffer instanceof SharedArrayBuffer ? `a SharedArrayBuffer of ${buffer.byteLength} bytes` : String(buffer)}`);
  }
  const words = new Int32Array(buffer);
  const found = Atomics.load(words, KIND);
  if (found !== kind) {
    const other = found === KIND_LOCK ? 'Lock' : found === KIND_RLOCK ? 'RLock' : 'something else';
    throw new InvalidArgumentError(`${where}: this buffer belongs to ${other === 'something else' ? 'something that is not a lock' : `an ${other}`}; use ${other === 'something else' ? 'the buffer of a lock' : `${other}.fromBuffer()`}`);
  }
  return words;
}

/**
 * A mutual-exclusion lock shared by every worker it is passed to (as an argument to
 * Interpreter.call, InterpreterPoolExecutor.submit, inside a ts314/interpreters Queue item's
 * arguments, or raw as `lock.buffer` + `Lock.fromBuffer()`). As Python's Lock it has no owner
 * semantics for release: any thread may release it. It does remember who holds it, so a worker that
 * dies holding it breaks it (BrokenLockError for every waiter) instead of deadlocking them.
 *
 * An uncontended acquire/release is one compare-and-swap each; a contended acquire sleeps in
 * Atomics.wait. The synchronous forms block the calling thread; on the main thread that blocks
 * the event loop, so use `acquireAsync()`/`holdAsync()` there.
 * @example
 * const lock = new Lock();
 * await pool.submit(task(new URL('./kernels.js', import.meta.url), 'addUnderLock'), lock, counts);
 * {
 *   using held = lock.hold();   // or lock.withLock(() => …) where `using` is not available
 *   counts[0] += 1;
 * }
 */
export class Lock extends ScopedHold {
  readonly #words: Int32Array;

  constructor(buffer?: SharedArrayBuffer) {
    super();
    this.#words = buffer === undefined ? newLockWords(KIND_LOCK) : lockWordsOf(buffer, KIND_LOCK, 'Lock');
  }

  /** Wraps the memory of an existing Lock, e.g. one received by postMessage as `lock.buffer`. */
  static fromBuffer(buffer: SharedArrayBuffer): Lock {
    return new Lock(lockWordsOf(buffer, KIND_LOCK, 'Lock.fromBuffer()').buffer as SharedArrayBuffer);
  }

  /** The shared memory behind this lock: post it to a raw Worker and call Lock.fromBuffer() there. */
  get buffer(): SharedArrayBuffer {
    return this.#words.buffer as SharedArrayBuffer;
  }

  /**
   * Takes the lock, waiting up to `timeout` ms (-1, the default: for ever; `blocking: false`: not at
   * all). True when taken, false on timeout. Throws BrokenLockError when the holder died.
   * @example
   * if (lock.acquire({ timeout: 100 })) try { work(); } finally { lock.release(); }
   */
  acquire(options?: AcquireOptions): boolean {
    if (options === undefined && tryTake(this.#words) === 0) return true;
    return takeSync(this.#words, lockTimeout(options, 'Lock.acquire()'), 'Lock');
  }

  /** The event-loop-friendly acquire for the main thread (Atomics.waitAsync, or polling where missing). */
  acquireAsync(options?: AcquireOptions): Promise<boolean> {
    try {
      return takeAsync(this.#words, lockTimeout(options, 'Lock.acquireAsync()'), 'Lock');
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Frees the lock. Releasing a lock that is not locked throws LockNotHeldError (Python's RuntimeError). */
  release(): void {
    // Fast path: the caller holds it (the usual case). Python also lets another thread release a Lock.
    if (giveOwn(this.#words)) return;
    for (;;) {
      const state = Atomics.load(this.#words, STATE);
      if (state === 0) throw new LockNotHeldError('Lock.release(): release unlocked lock (the lock is not held by anyone)');
      if (state === BROKEN) throw brokenError(this.#words, 'Lock');
      if (giveAny(this.#words, state)) return;
    }
  }

  /** Whether some thread holds the lock now. */
  locked(): boolean {
    return Atomics.load(this.#words, STATE) !== 0;
  }

  /** The threadId of the holder (0 = main thread), or undefined when free or broken. */
  get owner(): number | undefined {
    return ownerOf(Atomics.load(this.#words, STATE));
  }

  /** Whether a holder died and the lock refuses to be taken until reset(). */
  get broken(): boolean {
    return Atomics.load(this.#words, STATE) === BROKEN;
  }

  /**
   * Makes a broken lock usable again (free), after you have repaired what its dead owner was
   * updating. Returns whether it was broken.
   */
  reset(): boolean {
    return unbreak(this.#words);
  }

  override toString(): string {
    const state = Atomics.load(this.#words, STATE);
    const how = state === 0 ? 'unlocked' : state === BROKEN ? 'broken' : `locked by ${describeThread(ownerOf(state)!)}`;
    return `<Lock ${how}>`;
  }

  [SHARE_HANDLE](): SharedHandle {
    return { __ts314Handle: 'Lock', module: import.meta.url, state: { buffer: this.buffer, liveness: livenessBuffer() } satisfies LockHandleState };
  }

  /** @internal For Condition: the lock words and whether this thread holds them. */
  get _words(): Int32Array {
    return this.#words;
  }

  /** @internal */
  _ownedHere(): boolean {
    return heldHere(this.#words);
  }
}

/** Worker side (src/internal/wire.ts): the same Lock over the same memory. */
export function reviveHandle(state: unknown, kind: string): Lock {
  const { buffer, liveness } = state as LockHandleState;
  adoptLivenessBuffer(liveness);
  if (kind !== 'Lock') throw new InvalidArgumentError(`lock module cannot revive a ${kind} handle`);
  return new Lock(buffer);
}
