// SharedArray: a typed view over a SharedArrayBuffer that workers receive by handle, sliced into chunks without copying.
import { SHARE_HANDLE } from '../internal/shareable.js';
import { didYouMean } from '../internal/did-you-mean.js';
import type { SharedHandle } from '../internal/wire.js';
import { checkInteger } from '../internal/validate.js';
import { ElementTypeError, InvalidArgumentError } from './errors.js';

/** The typed-array constructor behind each element type name. */
const CONSTRUCTORS = {
  int8: Int8Array,
  uint8: Uint8Array,
  uint8clamped: Uint8ClampedArray,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
  bigint64: BigInt64Array,
  biguint64: BigUint64Array,
} as const;

/** Element type names, NumPy-style dtypes in lower case. */
export type ElementType = keyof typeof CONSTRUCTORS;

/** The typed array a SharedArray of element type `T` views its memory through. */
export type TypedArrayOf<T extends ElementType> = InstanceType<(typeof CONSTRUCTORS)[T]>;

/** The element type SharedArray.from() keeps for a typed array (float64 for plain numbers, bigint64 for bigints). */
export type ElementTypeOf<V> = V extends Int8Array
  ? 'int8'
  : V extends Uint8ClampedArray
    ? 'uint8clamped'
    : V extends Uint8Array
      ? 'uint8'
      : V extends Int16Array
        ? 'int16'
        : V extends Uint16Array
          ? 'uint16'
          : V extends Int32Array
            ? 'int32'
            : V extends Uint32Array
              ? 'uint32'
              : V extends Float32Array
                ? 'float32'
                : V extends BigInt64Array
                  ? 'bigint64'
                  : V extends BigUint64Array
                    ? 'biguint64'
                    : V extends ArrayLike<bigint>
                      ? 'bigint64'
                      : 'float64';

/** Whole-number ranges of the integer types (uint8clamped clamps by definition, so it is not checked). */
const INTEGER_RANGE: Partial<Record<ElementType, readonly [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
};

/** Every element type name, in declaration order. */
export const ELEMENT_TYPES = Object.freeze(Object.keys(CONSTRUCTORS) as ElementType[]);

const HANDLE_KIND = 'SharedArray';
const constructing = Symbol('SharedArray.construct');

/** Element count of the largest SharedArray: typed arrays index with integers below 2**53, engines cap far lower. */
const MAX_LENGTH = Number.MAX_SAFE_INTEGER;

/** Checks an element type name, suggesting the closest one. */
export function checkElementType(type: unknown, where: string, allowed: readonly string[] = ELEMENT_TYPES): ElementType {
  if (typeof type === 'string' && allowed.includes(type)) return type as ElementType;
  const hint = typeof type === 'string' ? didYouMean(type, allowed) : '';
  throw new ElementTypeError(
    `${where}: unknown element type ${JSON.stringify(type) ?? String(type)}.${hint || ` Valid types: ${allowed.join(', ')}.`}`,
    { given: type },
  );
}

/** Checks an integer, by default a non-negative one (a length or an index). */
export function checkWholeNumber(value: unknown, what: string, where: string, min = 0, max = MAX_LENGTH): number {
  return checkInteger(value, what, { where, ErrorClass: InvalidArgumentError }, min, max);
}

function typeOfView(view: ArrayBufferView): ElementType | undefined {
  for (const [name, ctor] of Object.entries(CONSTRUCTORS)) if (view.constructor === ctor) return name as ElementType;
  return undefined;
}

/**
 * A typed array in shared memory that workers see, not copy. Pass it to a worker as a call argument
 * (InterpreterPoolExecutor, Interpreter.call, parallelFor's `args`): the worker gets a SharedArray
 * over the same bytes. `chunks(n)` and `slice()` are views of the same memory, so workers can each
 * take a part. Concurrent writes to the same element need Atomics or a Lock; disjoint chunks do not.
 * @example
 * const temps = SharedArray.create('float64', 1_000_000);
 * temps.view.fill(21.5);
 * const [left, right] = temps.chunks(2);      // two halves, no copy
 * await pool.submit(task(kernels, 'scale'), right, 2);  // the worker writes into temps' memory
 */
export class SharedArray<T extends ElementType = ElementType> {
  /** The whole SharedArrayBuffer (shared by every chunk and slice of the same array). */
  readonly buffer: SharedArrayBuffer;
  readonly type: T;
  /** Byte offset of element 0 in `buffer`. */
  readonly byteOffset: number;
  readonly length: number;
  /**
   * Index of element 0 in the array this one was cut from (0 for an array from create()/from()):
   * a chunk knows where it sits in the whole, e.g. to write results at the same positions.
   */
  readonly start: number;
  /** The typed array over this SharedArray's elements (only its part of the buffer). */
  readonly view: TypedArrayOf<T>;

  /** @internal Use SharedArray.create() or SharedArray.from(). */
  constructor(token: symbol, buffer: SharedArrayBuffer, type: T, byteOffset: number, length: number, start: number) {
    if (token !== constructing)
      throw new InvalidArgumentError('SharedArray: use SharedArray.create(type, length) or SharedArray.from(values)');
    this.buffer = buffer;
    this.type = type;
    this.byteOffset = byteOffset;
    this.length = length;
    this.start = start;
    this.view = new (CONSTRUCTORS[type] as unknown as new (b: SharedArrayBuffer, o: number, l: number) => TypedArrayOf<T>)(
      buffer,
      byteOffset,
      length,
    );
  }

  /**
   * A zero-filled shared array of `length` elements.
   * @example
   * const counts = SharedArray.create('int32', 800);
   */
  static create<T extends ElementType>(type: T, length: number): SharedArray<T> {
    const where = 'SharedArray.create()';
    const checked = checkElementType(type, where) as T;
    checkWholeNumber(length, 'length', where);
    const bytes = length * CONSTRUCTORS[checked].BYTES_PER_ELEMENT;
    let buffer: SharedArrayBuffer;
    try {
      buffer = new SharedArrayBuffer(bytes);
    } catch (error) {
      throw new InvalidArgumentError(`${where}: cannot allocate ${bytes} bytes of shared memory for ${length} ${checked} elements`, {
        cause: error,
      });
    }
    return new SharedArray(constructing, buffer, checked, 0, length, 0);
  }

  /**
   * A shared copy of `values`: a typed array keeps its element type unless `type` is given; a plain
   * array becomes float64 (bigint64 for bigints). This is the one copy; after it workers share.
   * Values an integer type cannot hold exactly are refused (InvalidArgumentError), not wrapped or truncated.
   * @example
   * const xs = SharedArray.from([1, 2, 3]);                // float64
   * const ids = SharedArray.from(new Int32Array(10));      // int32
   */
  static from<V extends ArrayLike<number> | ArrayLike<bigint> | ArrayBufferView, T extends ElementType = ElementTypeOf<V>>(
    values: V,
    type?: T,
  ): SharedArray<T> {
    const where = 'SharedArray.from()';
    if (
      values === null ||
      typeof values !== 'object' ||
      (!ArrayBuffer.isView(values) && typeof (values as ArrayLike<unknown>).length !== 'number')
    ) {
      throw new InvalidArgumentError(
        `${where}: expected a typed array or an array of numbers, got ${values === null ? 'null' : typeof values}`,
      );
    }
    if (values instanceof DataView) throw new InvalidArgumentError(`${where}: a DataView has no element type; pass a typed array`);
    let chosen: ElementType;
    if (type !== undefined) chosen = checkElementType(type, where);
    else if (ArrayBuffer.isView(values)) chosen = typeOfView(values) ?? 'float64';
    else
      chosen = (values as ArrayLike<unknown>).length > 0 && typeof (values as ArrayLike<unknown>)[0] === 'bigint' ? 'bigint64' : 'float64';
    const source = values as ArrayLike<number | bigint>;
    const array = SharedArray.create(chosen, source.length);
    const isBig = chosen === 'bigint64' || chosen === 'biguint64';
    const range = INTEGER_RANGE[chosen];
    for (let i = 0; i < source.length; i++) {
      const value = source[i];
      if (isBig ? typeof value !== 'bigint' : typeof value !== 'number') {
        throw new InvalidArgumentError(
          `${where}: element ${i} is ${typeof value === 'bigint' ? 'a bigint' : `${typeof value} ${String(value)}`}, but a ${chosen} array holds ${isBig ? 'bigints' : 'numbers'}`,
        );
      }
      // Typed arrays wrap and truncate silently; a value that would change is refused instead.
      if (range !== undefined && !(Number.isInteger(value) && (value as number) >= range[0] && (value as number) <= range[1])) {
        throw new InvalidArgumentError(
          `${where}: element ${i} (${String(value)}) does not fit ${chosen} exactly (whole numbers ${range[0]}..${range[1]})`,
        );
      }
    }
    try {
      (array.view as unknown as { set(a: ArrayLike<number | bigint>): void }).set(source);
    } catch (error) {
      throw new InvalidArgumentError(`${where}: cannot store these values as ${chosen}`, { cause: error });
    }
    return array as SharedArray<T>;
  }

  /** Bytes per element. */
  get bytesPerElement(): number {
    return CONSTRUCTORS[this.type].BYTES_PER_ELEMENT;
  }

  /** Index just past the last element, in the coordinates of `start`. */
  get end(): number {
    return this.start + this.length;
  }

  /**
   * `count` contiguous chunks that together cover this array, over the same memory (no copy).
   * Sizes differ by at most one (the first `length % count` chunks get the extra element).
   * @example
   * const parts = SharedArray.create('float64', 10).chunks(3);  // lengths 4, 3, 3; starts 0, 4, 7
   */
  chunks(count: number): SharedArray<T>[] {
    const where = 'SharedArray.chunks()';
    if (this.length === 0) throw new InvalidArgumentError(`${where}: an empty SharedArray cannot be split into chunks`);
    checkWholeNumber(count, 'count', where, 1, this.length);
    return splitRange(0, this.length, count).map(([from, to]) => this.#view(from, to));
  }

  /**
   * Elements [start, end) as a SharedArray over the same memory (TypedArray.subarray's rules:
   * negative indices count from the end, out-of-range ones are clamped).
   * @example
   * const tail = readings.slice(-50);  // the last 50 readings, shared
   */
  slice(start = 0, end: number = this.length): SharedArray<T> {
    const where = 'SharedArray.slice()';
    // Negative indexes count from the end, as Python's slices do: any integer is in range.
    checkWholeNumber(start, 'start', where, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    checkWholeNumber(end, 'end', where, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    const clamp = (i: number): number => Math.min(this.length, Math.max(0, i < 0 ? this.length + i : i));
    const from = clamp(start);
    return this.#view(from, Math.max(from, clamp(end)));
  }

  /** A plain (unshared) copy of the elements. */
  toArray(): TypedArrayOf<T> {
    return this.view.slice() as TypedArrayOf<T>;
  }

  /** How a SharedArray crosses into a worker: its buffer and window, revived by reviveHandle(). */
  [SHARE_HANDLE](): SharedHandle {
    return {
      __ts314Handle: HANDLE_KIND,
      module: import.meta.url,
      state: { buffer: this.buffer, type: this.type, byteOffset: this.byteOffset, length: this.length, start: this.start },
    };
  }

  get [Symbol.toStringTag](): string {
    return `SharedArray<${this.type}>`;
  }

  #view(from: number, to: number): SharedArray<T> {
    return new SharedArray(
      constructing,
      this.buffer,
      this.type,
      this.byteOffset + from * this.bytesPerElement,
      to - from,
      this.start + from,
    );
  }
}

/** Splits [start, end) into `count` contiguous [from, to) pairs whose sizes differ by at most one. */
export function splitRange(start: number, end: number, count: number): [number, number][] {
  const total = end - start;
  const base = Math.floor(total / count);
  const extra = total % count;
  const out: [number, number][] = [];
  let from = start;
  for (let i = 0; i < count; i++) {
    const to = from + base + (i < extra ? 1 : 0);
    out.push([from, to]);
    from = to;
  }
  return out;
}

/** Worker side (src/internal/wire.ts): rebuilds a SharedArray over the memory its handle carries. */
export function reviveHandle(state: unknown, kind: string): unknown {
  if (kind !== HANDLE_KIND) throw new InvalidArgumentError(`ts314/threading shared-array cannot revive a '${kind}' handle`);
  const s = state as { buffer?: unknown; type?: unknown; byteOffset?: unknown; length?: unknown; start?: unknown } | null;
  if (!(s?.buffer instanceof SharedArrayBuffer)) throw new InvalidArgumentError('a SharedArray handle must carry its SharedArrayBuffer');
  const type = checkElementType(s.type, 'SharedArray handle');
  return new SharedArray(constructing, s.buffer, type, Number(s.byteOffset), Number(s.length), Number(s.start));
}
