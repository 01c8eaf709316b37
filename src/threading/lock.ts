// Lock: Python's threading.Lock over one SharedArrayBuffer, the same lock in every worker it is passed to.
import { LockNotHeldError } from './errors.js';
import { adoptLockHandle, lockWordsOf, OwnedLock } from './owned-lock.js';
import { BROKEN, STATE, brokenError, describeThread, giveAny, giveOwn, ownerOf, takeAsync, takeSync, tryTake } from './owner.js';
import { lockTimeout, type AcquireOptions } from './timeouts.js';

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
export class Lock extends OwnedLock {
  constructor(buffer?: SharedArrayBuffer) {
    super('Lock', import.meta.url, buffer);
  }

  /** Wraps the memory of an existing Lock, e.g. one received by postMessage as `lock.buffer`. */
  static fromBuffer(buffer: SharedArrayBuffer): Lock {
    return new Lock(lockWordsOf(buffer, 'Lock', 'Lock.fromBuffer()').buffer as SharedArrayBuffer);
  }

  /**
   * Takes the lock, waiting up to `timeout` ms (-1, the default: for ever; `blocking: false`: not at
   * all). True when taken, false on timeout. Throws BrokenLockError when the holder died.
   * @example
   * if (lock.acquire({ timeout: 100 })) try { work(); } finally { lock.release(); }
   */
  acquire(options?: AcquireOptions): boolean {
    if (options === undefined && tryTake(this.words) === 0) return true;
    return takeSync(this.words, lockTimeout(options, 'Lock.acquire()'), 'Lock');
  }

  /** The event-loop-friendly acquire for the main thread (Atomics.waitAsync, or polling where missing). */
  acquireAsync(options?: AcquireOptions): Promise<boolean> {
    try {
      return takeAsync(this.words, lockTimeout(options, 'Lock.acquireAsync()'), 'Lock');
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Frees the lock. Releasing a lock that is not locked throws LockNotHeldError (Python's RuntimeError). */
  release(): void {
    // Fast path: the caller holds it (the usual case). Python also lets another thread release a Lock.
    if (giveOwn(this.words)) return;
    for (;;) {
      const state = Atomics.load(this.words, STATE);
      if (state === 0) throw new LockNotHeldError('Lock.release(): release unlocked lock (the lock is not held by anyone)');
      if (state === BROKEN) throw brokenError(this.words, 'Lock');
      if (giveAny(this.words, state)) return;
    }
  }

  override toString(): string {
    const state = Atomics.load(this.words, STATE);
    const how = state === 0 ? 'unlocked' : state === BROKEN ? 'broken' : `locked by ${describeThread(ownerOf(state)!)}`;
    return `<Lock ${how}>`;
  }
}

/** Worker side (src/internal/wire.ts): the same Lock over the same memory. */
export function reviveHandle(state: unknown, kind: string): Lock {
  return new Lock(adoptLockHandle(state, kind, 'Lock'));
}
