// Semaphore and BoundedSemaphore: Python's counting semaphores over one shared Int32 counter.
import { SHARE_HANDLE } from '../internal/shareable.js';
import { adoptLivenessBuffer, livenessBuffer } from '../internal/thread-liveness.js';
import type { SharedHandle } from '../internal/wire.js';
import { InvalidArgumentError, SemaphoreOverflowError } from './errors.js';
import { ScopedHold } from './scoped-hold.js';
import { deadlineOf, now, sliceWait, sliceWaitAsync } from '../internal/shared-memory/slice-wait.js';
import { semaphoreTimeout, type SemaphoreAcquireOptions } from './timeouts.js';

const VALUE = 0;
const WAITERS = 1;
/** The initial value of a BoundedSemaphore, -1 for an unbounded one. */
const BOUND = 2;
const KIND = 3;
const WORDS = 4;
const KIND_SEMAPHORE = 0x53454d41; // 'SEMA'
const MAX_VALUE = 0x7fffffff;

interface SemaphoreHandleState {
  readonly buffer: SharedArrayBuffer;
  readonly liveness: SharedArrayBuffer;
}

function checkCount(value: unknown, what: string, where: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_VALUE) {
    throw new InvalidArgumentError(
      `${where}: ${what} must be an integer from ${min} to ${MAX_VALUE}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
    );
  }
  return value;
}

function wordsOf(buffer: unknown, where: string): Int32Array {
  if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength !== WORDS * 4 || new Int32Array(buffer)[KIND] !== KIND_SEMAPHORE) {
    throw new InvalidArgumentError(
      `${where}: expected the SharedArrayBuffer of a Semaphore (its .buffer), got ${buffer instanceof SharedArrayBuffer ? `a SharedArrayBuffer of ${buffer.byteLength} bytes that is not one` : String(buffer)}`,
    );
  }
  return new Int32Array(buffer);
}

function tryDown(words: Int32Array): boolean {
  for (;;) {
    const value = Atomics.load(words, VALUE);
    if (value <= 0) return false;
    if (Atomics.compareExchange(words, VALUE, value, value - 1) === value) return true;
  }
}

/**
 * Python's Semaphore: a counter of free slots shared by every worker it is passed to. acquire()
 * takes a slot (waiting while there is none), release(n) gives n back. As in Python a slot has no
 * owner — any thread may release — so a worker that dies holding a slot does not give it back:
 * pair acquire/release in try/finally or withLock(), and size pools so a lost slot is survivable.
 * @example
 * const downloads = new Semaphore(4);
 * await downloads.withLockAsync(() => fetchOne(url));
 */
export class Semaphore extends ScopedHold {
  readonly #words: Int32Array;
  readonly #name: string;

  /** `value`: initial free slots (>= 0; Python's default 1). */
  constructor(value = 1, /** @internal */ _buffer?: SharedArrayBuffer) {
    super();
    this.#name = new.target === Semaphore ? 'Semaphore' : 'BoundedSemaphore';
    if (_buffer !== undefined) {
      this.#words = wordsOf(_buffer, `${this.#name}.fromBuffer()`);
      return;
    }
    checkCount(value, 'the initial value', this.#name, 0);
    this.#words = new Int32Array(new SharedArrayBuffer(WORDS * 4));
    this.#words[VALUE] = value;
    this.#words[BOUND] = new.target === Semaphore ? -1 : value;
    this.#words[KIND] = KIND_SEMAPHORE;
  }

  /** Wraps the memory of an existing semaphore received as `.buffer` (bounded stays bounded). */
  static fromBuffer(buffer: SharedArrayBuffer): Semaphore {
    const bounded = wordsOf(buffer, 'Semaphore.fromBuffer()')[BOUND]! >= 0;
    return bounded ? new BoundedSemaphore(1, buffer) : new Semaphore(1, buffer);
  }

  get buffer(): SharedArrayBuffer {
    return this.#words.buffer as SharedArrayBuffer;
  }

  /** Free slots now (other threads may change it at any moment). */
  get value(): number {
    return Atomics.load(this.#words, VALUE);
  }

  /**
   * Takes a slot: true when taken, false when `timeout` ms passed (`blocking: false`: no wait).
   * @example
   * if (sem.acquire({ timeout: 50 })) try { use(); } finally { sem.release(); }
   */
  acquire(options?: SemaphoreAcquireOptions): boolean {
    const words = this.#words;
    if (options === undefined && tryDown(words)) return true;
    const timeout = semaphoreTimeout(options, `${this.#name}.acquire()`);
    if (tryDown(words)) return true;
    if (timeout <= 0) return false;
    const deadline = deadlineOf(timeout);
    Atomics.add(words, WAITERS, 1);
    try {
      for (;;) {
        sliceWait(words, VALUE, 0, deadline);
        if (tryDown(words)) return true;
        if (now() >= deadline) return false;
      }
    } finally {
      Atomics.sub(words, WAITERS, 1);
    }
  }

  /** The event-loop-friendly acquire for the main thread. */
  async acquireAsync(options?: SemaphoreAcquireOptions): Promise<boolean> {
    const words = this.#words;
    const timeout = semaphoreTimeout(options, `${this.#name}.acquireAsync()`);
    if (tryDown(words)) return true;
    if (timeout <= 0) return false;
    const deadline = deadlineOf(timeout);
    Atomics.add(words, WAITERS, 1);
    try {
      for (let attempt = 0; ; attempt++) {
        await sliceWaitAsync(words, VALUE, 0, deadline, attempt);
        if (tryDown(words)) return true;
        if (now() >= deadline) return false;
      }
    } finally {
      Atomics.sub(words, WAITERS, 1);
    }
  }

  /**
   * Gives `n` slots back and wakes up to `n` waiters. A BoundedSemaphore refuses to go above its
   * initial value (SemaphoreOverflowError, Python's ValueError).
   */
  release(n = 1): void {
    const where = `${this.#name}.release()`;
    checkCount(n, 'n', where, 1);
    const words = this.#words;
    const bound = words[BOUND]!;
    for (;;) {
      const value = Atomics.load(words, VALUE);
      if (bound >= 0 && value + n > bound) {
        throw new SemaphoreOverflowError(
          `${where}: Semaphore released too many times (value ${value} + ${n} would exceed the initial value ${bound})`,
        );
      }
      if (value + n > MAX_VALUE) throw new InvalidArgumentError(`${where}: value ${value} + ${n} would exceed ${MAX_VALUE}`);
      if (Atomics.compareExchange(words, VALUE, value, value + n) === value) break;
    }
    if (Atomics.load(words, WAITERS) > 0) Atomics.notify(words, VALUE, n);
  }

  override toString(): string {
    const bound = this.#words[BOUND]!;
    return `<${this.#name} value=${this.value}${bound >= 0 ? `/${bound}` : ''}>`;
  }

  [SHARE_HANDLE](): SharedHandle {
    return {
      __ts314Handle: this.#name,
      module: import.meta.url,
      state: { buffer: this.buffer, liveness: livenessBuffer() } satisfies SemaphoreHandleState,
    };
  }
}

/**
 * Python's BoundedSemaphore: a Semaphore whose release() throws SemaphoreOverflowError rather than
 * rise above the initial value — it catches a release without a matching acquire.
 * @example
 * const sem = new BoundedSemaphore(2);
 * sem.release(); // SemaphoreOverflowError: Semaphore released too many times
 */
export class BoundedSemaphore extends Semaphore {
  static override fromBuffer(buffer: SharedArrayBuffer): BoundedSemaphore {
    if (wordsOf(buffer, 'BoundedSemaphore.fromBuffer()')[BOUND]! < 0) {
      throw new InvalidArgumentError(
        'BoundedSemaphore.fromBuffer(): this buffer belongs to an unbounded Semaphore; use Semaphore.fromBuffer()',
      );
    }
    return new BoundedSemaphore(1, buffer);
  }
}

export function reviveHandle(state: unknown, kind: string): Semaphore {
  const { buffer, liveness } = state as SemaphoreHandleState;
  adoptLivenessBuffer(liveness);
  if (kind === 'BoundedSemaphore') return new BoundedSemaphore(1, buffer);
  if (kind === 'Semaphore') return new Semaphore(1, buffer);
  throw new InvalidArgumentError(`semaphore module cannot revive a ${kind} handle`);
}
