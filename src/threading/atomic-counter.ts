// AtomicCounter: one shared integer updated with single atomic instructions, no lock.
import { SHARE_HANDLE } from '../internal/shareable.js';
import type { SharedHandle } from '../internal/wire.js';
import { InvalidArgumentError } from './errors.js';

interface CounterHandleState {
  readonly buffer: SharedArrayBuffer;
}

function describe(value: unknown): string {
  return typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * A counter shared by every worker it is passed to. Each update is one atomic read-modify-write
 * (Atomics.add / compareExchange), so concurrent increments are never lost, with no lock. A number
 * counter is an Int32 and wraps around at ±2^31 as Int32 arithmetic does; start it with a bigint
 * (`new AtomicCounter(0n)`) for a 64-bit counter. Python has no such type (its free-threaded build
 * still needs a Lock around `n += 1`); this is the lock-free option for counters.
 * @example
 * const hits = new AtomicCounter();
 * await Promise.all(workers.map((w) => w.call((c) => { for (let i = 0; i < 1e6; i++) c.increment(); }, hits)));
 * hits.get(); // exactly workers.length * 1e6
 */
export class AtomicCounter<T extends number | bigint = number> {
  readonly #view: Int32Array | BigInt64Array;
  readonly #big: boolean;

  constructor(initial?: T, /** @internal */ _buffer?: SharedArrayBuffer) {
    if (_buffer !== undefined) {
      if (!(_buffer instanceof SharedArrayBuffer) || (_buffer.byteLength !== 4 && _buffer.byteLength !== 8)) {
        throw new InvalidArgumentError(
          `AtomicCounter.fromBuffer(): expected the 4- or 8-byte SharedArrayBuffer of an AtomicCounter (its .buffer), got ${String(_buffer)}`,
        );
      }
      this.#big = _buffer.byteLength === 8;
      this.#view = this.#big ? new BigInt64Array(_buffer) : new Int32Array(_buffer);
      return;
    }
    const value: number | bigint = initial ?? 0;
    if (typeof value === 'bigint') {
      if (BigInt.asIntN(64, value) !== value)
        throw new InvalidArgumentError(`AtomicCounter: a bigint initial value must fit in 64 signed bits, got ${value}n`);
      this.#big = true;
      this.#view = new BigInt64Array(new SharedArrayBuffer(8));
      this.#view[0] = value;
    } else {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) {
        throw new InvalidArgumentError(
          `AtomicCounter: initial value must be an Int32 integer (or a bigint for 64 bits), got ${describe(value)}`,
        );
      }
      this.#big = false;
      this.#view = new Int32Array(new SharedArrayBuffer(4));
      this.#view[0] = value;
    }
  }

  /** Wraps the memory of an existing counter received as `counter.buffer` (4 bytes: number, 8: bigint). */
  static fromBuffer<T extends number | bigint = number>(buffer: SharedArrayBuffer): AtomicCounter<T> {
    return new AtomicCounter<T>(undefined, buffer);
  }

  get buffer(): SharedArrayBuffer {
    return this.#view.buffer as SharedArrayBuffer;
  }

  #check(n: unknown, where: string): void {
    if (
      this.#big
        ? typeof n !== 'bigint' || BigInt.asIntN(64, n) !== n
        : typeof n !== 'number' || !Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31
    ) {
      throw new InvalidArgumentError(
        `AtomicCounter.${where}(): expected ${this.#big ? 'a bigint that fits in 64 signed bits (this is a 64-bit counter)' : 'an Int32 integer number'}, got ${describe(n)}`,
      );
    }
  }

  /** Adds `n` and returns the new value. */
  add(n: T): T {
    this.#check(n, 'add');
    if (this.#big) return BigInt.asIntN(64, Atomics.add(this.#view as BigInt64Array, 0, n as bigint) + (n as bigint)) as T;
    return ((Atomics.add(this.#view as Int32Array, 0, n as number) + (n as number)) | 0) as T;
  }

  /** Subtracts `n` and returns the new value. */
  sub(n: T): T {
    this.#check(n, 'sub');
    if (this.#big) return BigInt.asIntN(64, Atomics.sub(this.#view as BigInt64Array, 0, n as bigint) - (n as bigint)) as T;
    return ((Atomics.sub(this.#view as Int32Array, 0, n as number) - (n as number)) | 0) as T;
  }

  /** Adds 1 and returns the new value (Java's incrementAndGet). */
  increment(): T {
    return this.#big
      ? (BigInt.asIntN(64, Atomics.add(this.#view as BigInt64Array, 0, 1n) + 1n) as T)
      : (((Atomics.add(this.#view as Int32Array, 0, 1) + 1) | 0) as T);
  }

  /** Subtracts 1 and returns the new value. */
  decrement(): T {
    return this.#big
      ? (BigInt.asIntN(64, Atomics.sub(this.#view as BigInt64Array, 0, 1n) - 1n) as T)
      : (((Atomics.sub(this.#view as Int32Array, 0, 1) - 1) | 0) as T);
  }

  get(): T {
    return Atomics.load(this.#view as Int32Array, 0) as T;
  }

  set(value: T): void {
    this.#check(value, 'set');
    Atomics.store(this.#view as Int32Array, 0, value as number);
  }

  /** Sets `replacement` if the value is `expected`; returns the value found (equal to `expected` on success). */
  compareExchange(expected: T, replacement: T): T {
    this.#check(expected, 'compareExchange');
    this.#check(replacement, 'compareExchange');
    return Atomics.compareExchange(this.#view as Int32Array, 0, expected as number, replacement as number) as T;
  }

  toString(): string {
    return `<AtomicCounter ${describe(this.get())}>`;
  }

  [SHARE_HANDLE](): SharedHandle {
    return { __ts314Handle: 'AtomicCounter', module: import.meta.url, state: { buffer: this.buffer } satisfies CounterHandleState };
  }
}

export function reviveHandle(state: unknown, kind: string): AtomicCounter<number | bigint> {
  if (kind !== 'AtomicCounter') throw new InvalidArgumentError(`atomic-counter module cannot revive a ${kind} handle`);
  return new AtomicCounter(undefined, (state as CounterHandleState).buffer);
}
