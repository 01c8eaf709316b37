// Condition: Python's threading.Condition — wait for a notify while releasing a shared Lock/RLock.
import { checkOptionKeys } from '../internal/validate.js';
import { SHARE_HANDLE } from '../internal/shareable.js';
import { adoptLivenessBuffer, livenessBuffer } from '../internal/thread-liveness.js';
import type { SharedHandle } from '../internal/wire.js';
import { InvalidArgumentError, LockNotHeldError, ThreadingError } from './errors.js';
import { Lock } from './lock.js';
import type { Held } from './scoped-hold.js';
import { COUNT, giveOwn, takeAsync, takeSync } from './owner.js';
import { RLock } from './rlock.js';
import { deadlineOf, now, sliceWait, sliceWaitAsync } from '../internal/shared-memory/slice-wait.js';
import { waitTimeout, type AcquireOptions, type WaitOptions } from './timeouts.js';

/**
 * Waiting threads each hold one slot of shared memory while they wait (notify must pick exactly n
 * of them, in arrival order, as Python's waiter deque does). 256 slots cost 2 KiB per Condition and
 * exceed the threads of any pool on ordinary hardware; raise it with `maxWaiters`.
 */
export const DEFAULT_MAX_WAITERS = 256;

const KIND = 0;
const TICKET = 1;
const MAX = 2;
/** One past the highest slot ever claimed, so notify scans only the slots in use. */
const HIGH = 3;
const BASE = 4;
const KIND_CONDITION = 0x434f4e44; // 'COND'
const FREE = 0;
const WAITING = 1;
const NOTIFIED = 2;

export interface ConditionOptions {
  /** Most threads that may wait at once (default DEFAULT_MAX_WAITERS). */
  readonly maxWaiters?: number;
}

interface ConditionHandleState {
  readonly buffer: SharedArrayBuffer;
  readonly lockKind: 'Lock' | 'RLock';
  readonly lockBuffer: SharedArrayBuffer;
  readonly liveness: SharedArrayBuffer;
}

/**
 * Python's Condition, shared by every worker it is passed to. Hold its lock, then wait() releases
 * it, sleeps until notify()/notifyAll() (or the timeout), and takes it back before returning. The
 * lock is an RLock unless you give one; wait/notify without holding it throw LockNotHeldError.
 * @example
 * const cond = new Condition();
 * // consumer (any worker):  cond.withLock(() => cond.waitFor(() => items[0] > 0, 1000));
 * // producer:               cond.withLock(() => { items[0]++; cond.notify(); });
 */
export class Condition {
  readonly #words: Int32Array;
  readonly #lock: Lock | RLock;
  readonly #reentrant: boolean;

  constructor(lock?: Lock | RLock, options?: ConditionOptions, /** @internal */ _buffer?: SharedArrayBuffer) {
    if (lock !== undefined && !(lock instanceof Lock) && !(lock instanceof RLock)) {
      throw new InvalidArgumentError(
        `Condition: lock must be a ts314 Lock or RLock (shared memory), got ${Object.prototype.toString.call(lock).slice(8, -1)}`,
      );
    }
    this.#lock = lock ?? new RLock();
    this.#reentrant = this.#lock instanceof RLock;
    if (_buffer !== undefined) {
      if (!(_buffer instanceof SharedArrayBuffer) || _buffer.byteLength < BASE * 4 || new Int32Array(_buffer)[KIND] !== KIND_CONDITION) {
        throw new InvalidArgumentError(
          `Condition.fromBuffer(): expected the SharedArrayBuffer of a Condition (its .buffer), got ${String(_buffer)}`,
        );
      }
      this.#words = new Int32Array(_buffer);
      return;
    }
    checkOptionKeys(options, ['maxWaiters'], 'Condition', InvalidArgumentError);
    const max = options?.maxWaiters ?? DEFAULT_MAX_WAITERS;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 1 << 20) {
      throw new InvalidArgumentError(`Condition: maxWaiters must be an integer from 1 to ${1 << 20}, got ${String(max)}`);
    }
    this.#words = new Int32Array(new SharedArrayBuffer((BASE + 2 * max) * 4));
    this.#words[KIND] = KIND_CONDITION;
    this.#words[MAX] = max;
  }

  /** Rebuilds a Condition from `cond.buffer` and its lock (itself rebuilt with Lock/RLock.fromBuffer). */
  static fromBuffer(buffer: SharedArrayBuffer, lock: Lock | RLock): Condition {
    return new Condition(lock, undefined, buffer);
  }

  get buffer(): SharedArrayBuffer {
    return this.#words.buffer as SharedArrayBuffer;
  }

  /** The underlying Lock or RLock. */
  get lock(): Lock | RLock {
    return this.#lock;
  }

  acquire(options?: AcquireOptions): boolean {
    return this.#lock.acquire(options);
  }

  acquireAsync(options?: AcquireOptions): Promise<boolean> {
    return this.#lock.acquireAsync(options);
  }

  release(): void {
    this.#lock.release();
  }

  hold(): Held {
    return this.#lock.hold();
  }

  holdAsync(): Promise<Held> {
    return this.#lock.holdAsync();
  }

  /** Runs `fn` holding the lock (Python's `with cond:`). */
  withLock<T>(fn: () => T): T {
    return this.#lock.withLock(fn);
  }

  withLockAsync<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.#lock.withLockAsync(fn);
  }

  #checkOwned(what: string): void {
    if (!this.#lock._ownedHere())
      throw new LockNotHeldError(
        `Condition.${what}(): cannot ${what === 'wait' || what === 'waitFor' ? 'wait' : 'notify'} on un-acquired lock; hold the condition's lock first (cond.withLock(() => …))`,
      );
  }

  #claimSlot(): number {
    const words = this.#words;
    const max = words[MAX]!;
    for (let i = 0; i < max; i++) {
      const index = BASE + 2 * i;
      if (Atomics.compareExchange(words, index, FREE, WAITING) !== FREE) continue;
      // Claims happen under the lock, so notify (also under the lock) never sees a half-written slot.
      Atomics.store(words, index + 1, Atomics.add(words, TICKET, 1));
      for (let high = Atomics.load(words, HIGH); high < i + 1; high = Atomics.load(words, HIGH)) {
        if (Atomics.compareExchange(words, HIGH, high, i + 1) === high) break;
      }
      return index;
    }
    throw new ThreadingError(
      `Condition.wait(): more than ${max} threads are waiting at once; create the Condition with a larger maxWaiters`,
      { code: 'ERR_TOO_MANY_WAITERS' },
    );
  }

  /** Releases the lock completely (all RLock levels), returning what reacquire must restore. */
  #releaseSave(): number {
    const lockWords = this.#lock._words;
    const count = this.#reentrant ? lockWords[COUNT]! : 1;
    if (this.#reentrant) lockWords[COUNT] = 0;
    giveOwn(lockWords);
    return count;
  }

  #restore(count: number): void {
    if (this.#reentrant) this.#lock._words[COUNT] = count;
  }

  /** After the wait: true when notified; frees the slot either way. */
  #leave(index: number): boolean {
    if (Atomics.compareExchange(this.#words, index, WAITING, FREE) === WAITING) return false;
    Atomics.store(this.#words, index, FREE);
    return true;
  }

  /**
   * Releases the lock, waits for notify()/notifyAll() or `timeout` ms (undefined: for ever), takes
   * the lock back, and returns false if it timed out. Blocks the thread: on the main thread use waitAsync.
   */
  wait(timeout?: number | WaitOptions): boolean {
    this.#checkOwned('wait');
    const deadline = deadlineOf(waitTimeout(timeout, 'Condition.wait()'));
    const index = this.#claimSlot();
    const saved = this.#releaseSave();
    let notified = false;
    try {
      while (Atomics.load(this.#words, index) === WAITING && now() < deadline) sliceWait(this.#words, index, WAITING, deadline);
    } finally {
      notified = this.#leave(index);
      takeSync(this.#lock._words, Infinity, 'Condition lock');
      this.#restore(saved);
    }
    return notified;
  }

  /** wait() without blocking the event loop. */
  async waitAsync(timeout?: number | WaitOptions): Promise<boolean> {
    this.#checkOwned('wait');
    const deadline = deadlineOf(waitTimeout(timeout, 'Condition.waitAsync()'));
    const index = this.#claimSlot();
    const saved = this.#releaseSave();
    let notified = false;
    try {
      for (let attempt = 0; Atomics.load(this.#words, index) === WAITING && now() < deadline; attempt++) {
        await sliceWaitAsync(this.#words, index, WAITING, deadline, attempt);
      }
    } finally {
      notified = this.#leave(index);
      await takeAsync(this.#lock._words, Infinity, 'Condition lock');
      this.#restore(saved);
    }
    return notified;
  }

  /**
   * Waits until `predicate()` is truthy (checked first, then after every wake-up) or `timeout` ms
   * pass overall; returns the predicate's last value (Python's wait_for).
   * @example
   * cond.withLock(() => cond.waitFor(() => queue[0] > 0, 500));
   */
  waitFor<T>(predicate: () => T, timeout?: number | WaitOptions): T {
    this.#checkOwned('waitFor');
    const deadline = deadlineOf(waitTimeout(timeout, 'Condition.waitFor()'));
    let result = predicate();
    while (!result) {
      const remaining = deadline - now();
      if (remaining <= 0) break;
      this.wait(remaining === Infinity ? undefined : remaining);
      result = predicate();
    }
    return result;
  }

  async waitForAsync<T>(predicate: () => T, timeout?: number | WaitOptions): Promise<T> {
    this.#checkOwned('waitFor');
    const deadline = deadlineOf(waitTimeout(timeout, 'Condition.waitForAsync()'));
    let result = predicate();
    while (!result) {
      const remaining = deadline - now();
      if (remaining <= 0) break;
      await this.waitAsync(remaining === Infinity ? undefined : remaining);
      result = predicate();
    }
    return result;
  }

  /** Wakes up to `n` waiting threads, longest-waiting first. Returns how many it woke. */
  notify(n = 1): number {
    this.#checkOwned('notify');
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
      throw new InvalidArgumentError(`Condition.notify(): n must be a non-negative integer, got ${String(n)}`);
    return this.#wake(n);
  }

  /** Wakes every waiting thread (Python's notify_all). */
  notifyAll(): number {
    this.#checkOwned('notifyAll');
    return this.#wake(Infinity);
  }

  #wake(n: number): number {
    const words = this.#words;
    const high = Atomics.load(words, HIGH);
    const waiting: [index: number, ticket: number][] = [];
    for (let i = 0; i < high; i++) {
      const index = BASE + 2 * i;
      if (Atomics.load(words, index) === WAITING) waiting.push([index, Atomics.load(words, index + 1)]);
    }
    // Tickets wrap at 2^31; the difference still orders them.
    if (n < waiting.length) waiting.sort((a, b) => (a[1] - b[1]) | 0);
    let woken = 0;
    for (const [index] of waiting) {
      if (woken >= n) break;
      if (Atomics.compareExchange(words, index, WAITING, NOTIFIED) !== WAITING) continue; // it timed out meanwhile
      Atomics.notify(words, index, 1);
      woken++;
    }
    return woken;
  }

  toString(): string {
    return `<Condition(${String(this.#lock)})>`;
  }

  [SHARE_HANDLE](): SharedHandle {
    const state: ConditionHandleState = {
      buffer: this.buffer,
      lockKind: this.#reentrant ? 'RLock' : 'Lock',
      lockBuffer: this.#lock.buffer,
      liveness: livenessBuffer(),
    };
    return { __ts314Handle: 'Condition', module: import.meta.url, state };
  }
}

export function reviveHandle(state: unknown, kind: string): Condition {
  const { buffer, lockKind, lockBuffer, liveness } = state as ConditionHandleState;
  adoptLivenessBuffer(liveness);
  if (kind !== 'Condition') throw new InvalidArgumentError(`condition module cannot revive a ${kind} handle`);
  return new Condition(lockKind === 'RLock' ? RLock.fromBuffer(lockBuffer) : Lock.fromBuffer(lockBuffer), undefined, buffer);
}
