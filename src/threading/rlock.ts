// RLock: Python's reentrant lock — one owner thread, a recursion count, release only by the owner.
import { LockNotHeldError } from './errors.js';
import { adoptLockHandle, lockWordsOf, OwnedLock } from './owned-lock.js';
import {
  BROKEN,
  COUNT,
  SELF,
  STATE,
  brokenError,
  describeThread,
  giveOwn,
  heldHere,
  ownerOf,
  takeAsync,
  takeSync,
  tryTake,
} from './owner.js';
import { lockTimeout, type AcquireOptions } from './timeouts.js';

/**
 * A reentrant lock shared across workers: the thread that holds it may acquire it again, and must
 * release it as many times. Releasing it from another thread throws LockNotHeldError (Python's
 * RuntimeError). A worker that dies holding it breaks it, as for Lock.
 * @example
 * const rlock = new RLock();
 * rlock.withLock(() => rlock.withLock(() => update()));   // nested: fine
 */
export class RLock extends OwnedLock {
  constructor(buffer?: SharedArrayBuffer) {
    super('RLock', import.meta.url, buffer);
  }

  /** Wraps the memory of an existing RLock received as `rlock.buffer`. */
  static fromBuffer(buffer: SharedArrayBuffer): RLock {
    return new RLock(lockWordsOf(buffer, 'RLock', 'RLock.fromBuffer()').buffer as SharedArrayBuffer);
  }

  /** As Lock.acquire(); when this thread already holds it, adds one level at once and returns true. */
  acquire(options?: AcquireOptions): boolean {
    const words = this.words;
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
    const words = this.words;
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
    const words = this.words;
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

  /** Recursion depth when this thread holds it, else 0. */
  get count(): number {
    return heldHere(this.words) ? this.words[COUNT]! : 0;
  }

  override toString(): string {
    const state = Atomics.load(this.words, STATE);
    const how =
      state === 0
        ? 'unlocked'
        : state === BROKEN
          ? 'broken'
          : `locked by ${describeThread(ownerOf(state)!)}${state >> 1 === SELF ? ` count=${this.words[COUNT]}` : ''}`;
    return `<RLock ${how}>`;
  }
}

/** Worker side (src/internal/wire.ts): the same RLock over the same memory. */
export function reviveHandle(state: unknown, kind: string): RLock {
  return new RLock(adoptLockHandle(state, kind, 'RLock'));
}
