// SharedQueue: a fixed-capacity ring of numbers in shared memory, safe for many producers and consumers across workers.
import { checkOptionKeys, checkTimeout } from '../internal/validate.js';
import { lockMutex, unlockMutex } from '../internal/shared-memory/futex-mutex.js';
import { SHARE_HANDLE } from '../internal/shareable.js';
import type { SharedHandle } from '../internal/wire.js';
import { checkElementType, checkWholeNumber } from './shared-array.js';
import { InvalidArgumentError, SharedQueueEmpty, SharedQueueFull, SharedQueueShutDown } from './errors.js';
import { advanceSequence, sleepOnSequence, sleepOnSequenceAsync } from '../internal/shared-memory/sequence-sleep.js';

/**
 * Slots when no capacity is given: 65,536 float64 numbers is 512 KiB, enough for producers to run
 * well ahead of consumers in batches of thousands while costing little per queue.
 */
export const DEFAULT_SHARED_QUEUE_CAPACITY = 65_536;

/** Number element types a SharedQueue can hold (bigints are not numbers; use a SharedArray for those). */
export type SharedQueueType = 'float64' | 'float32' | 'int32' | 'uint32' | 'int16' | 'uint16' | 'int8' | 'uint8';
const QUEUE_TYPES: readonly SharedQueueType[] = ['float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8'];
type NumberArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;
const CONSTRUCTORS: Record<
  SharedQueueType,
  {
    new (buffer: ArrayBufferLike, offset: number, length: number): NumberArray;
    new (length: number): NumberArray;
    BYTES_PER_ELEMENT: number;
  }
> = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
};
/** Integer types store only whole numbers in range: a silently wrapped or truncated number is lost data. */
const INTEGER_RANGE: Partial<Record<SharedQueueType, readonly [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int8: [-128, 127],
  uint8: [0, 255],
};

// Header words (Int32) at the start of the buffer; the slots follow at byte HEADER_BYTES.
const LOCK = 0;
const HEAD = 1;
const COUNT = 2;
const SHUT = 3;
/** Bumped after every put; getters sleep on it. */
const PUT_SEQ = 4;
/** Bumped after every get; putters sleep on it. */
const GET_SEQ = 5;
/** Sleepers per sequence word: a notify (a global lock inside V8) is skipped when nobody sleeps. */
const GET_WAITERS = 6;
const PUT_WAITERS = 7;
const CAPACITY = 8;
const TYPE = 9;
const HEADER_INTS = 16;
const HEADER_BYTES = HEADER_INTS * 4;

const HANDLE_KIND = 'SharedQueue';
const ADOPT = Symbol('SharedQueue.adopt');

export interface SharedQueueOptions {
  /** Element type of the slots (default 'float64'). Integer types refuse values they cannot hold exactly. */
  readonly type?: SharedQueueType | undefined;
}

export interface SharedQueueTimeoutOptions {
  /** Milliseconds to wait; omitted or Infinity waits for ever; 0 tries once. Negative is an InvalidArgumentError. */
  readonly timeout?: number | undefined;
}

function readTimeout(options: SharedQueueTimeoutOptions | undefined, where: string): number {
  checkOptionKeys(options, ['timeout'], where, InvalidArgumentError);
  return checkTimeout(options?.timeout, { where, ErrorClass: InvalidArgumentError });
}

/**
 * A bounded FIFO of numbers in one SharedArrayBuffer, for any number of producers and consumers on
 * any threads (Python's `queue.Queue`, restricted to numbers so nothing is serialized). Pass it to
 * workers as a call argument; every copy is the same queue. Blocking `put`/`get` sleep with
 * Atomics.wait (fine in workers; on the main thread they block the event loop, so use the
 * `…Async` forms there). `putMany`/`getMany` move whole batches per lock: that is where the speed is.
 * `shutdown()` (alias `close()`) ends it: puts fail at once, gets drain what is left, then raise
 * SharedQueueShutDown.
 * @example
 * const q = new SharedQueue(1024);
 * const consumer = pool.submit(task(kernels, 'sumUntilShutDown'), q);  // loops q.getMany(256)
 * await q.putManyAsync(Float64Array.from({ length: 10_000 }, (_, i) => i));
 * q.shutdown();
 * console.log(await consumer);  // 49995000
 */
export class SharedQueue {
  readonly buffer: SharedArrayBuffer;
  readonly type: SharedQueueType;
  readonly #h: Int32Array;
  readonly #data: NumberArray;
  readonly #capacity: number;
  readonly #range: readonly [number, number] | undefined;

  constructor(capacity: number = DEFAULT_SHARED_QUEUE_CAPACITY, options?: SharedQueueOptions) {
    let buffer: SharedArrayBuffer;
    if ((capacity as unknown) === ADOPT) {
      buffer = (options as unknown as { buffer: SharedArrayBuffer }).buffer;
    } else {
      const where = 'SharedQueue';
      checkWholeNumber(capacity, 'capacity', where, 1, 2 ** 31 - 1);
      checkOptionKeys(options, ['type'], where, InvalidArgumentError);
      const type = checkElementType(options?.type ?? 'float64', where, QUEUE_TYPES) as SharedQueueType;
      buffer = new SharedArrayBuffer(HEADER_BYTES + capacity * CONSTRUCTORS[type].BYTES_PER_ELEMENT);
      const header = new Int32Array(buffer, 0, HEADER_INTS);
      header[CAPACITY] = capacity;
      header[TYPE] = QUEUE_TYPES.indexOf(type);
    }
    this.buffer = buffer;
    this.#h = new Int32Array(buffer, 0, HEADER_INTS);
    this.#capacity = this.#h[CAPACITY]!;
    this.type = QUEUE_TYPES[this.#h[TYPE]!]!;
    this.#data = new CONSTRUCTORS[this.type](buffer, HEADER_BYTES, this.#capacity);
    this.#range = INTEGER_RANGE[this.type];
  }

  /** Slots in the ring: the most numbers it holds at once. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Numbers queued now (other threads may change it at any moment). */
  qsize(): number {
    return Atomics.load(this.#h, COUNT);
  }

  empty(): boolean {
    return this.qsize() === 0;
  }

  full(): boolean {
    return this.qsize() >= this.#capacity;
  }

  /** Whether shutdown() was called (by any thread). */
  get isShutDown(): boolean {
    return Atomics.load(this.#h, SHUT) !== 0;
  }

  /**
   * Adds one number, sleeping up to `timeout` ms for room; throws SharedQueueFull when time runs
   * out and SharedQueueShutDown after shutdown(). Blocks the thread: on the main thread use putAsync().
   * @example
   * q.put(42.5, { timeout: 100 });
   */
  put(value: number, options?: SharedQueueTimeoutOptions): void {
    this.#check(value, 'SharedQueue.put()', 0);
    const deadline = performance.now() + readTimeout(options, 'SharedQueue.put()');
    for (;;) {
      const seen = Atomics.load(this.#h, GET_SEQ);
      if (this.#tryPutOne(value)) return;
      if (!this.#sleep(GET_SEQ, PUT_WAITERS, seen, deadline)) throw this.#full(1, 0, options);
    }
  }

  /** put() that never waits: SharedQueueFull at once when there is no room. */
  putNowait(value: number): void {
    this.put(value, { timeout: 0 });
  }

  /**
   * Removes and returns the oldest number, sleeping up to `timeout` ms for one; throws
   * SharedQueueEmpty when time runs out, SharedQueueShutDown once shut down and drained.
   * @example
   * const next = q.get({ timeout: 1000 });
   */
  get(options?: SharedQueueTimeoutOptions): number {
    const deadline = performance.now() + readTimeout(options, 'SharedQueue.get()');
    for (;;) {
      const seen = Atomics.load(this.#h, PUT_SEQ);
      const value = this.#tryGetOne();
      if (value !== undefined) return value;
      if (!this.#sleep(PUT_SEQ, GET_WAITERS, seen, deadline)) throw this.#empty(options);
    }
  }

  /** get() that never waits: SharedQueueEmpty at once when the queue is empty. */
  getNowait(): number {
    return this.get({ timeout: 0 });
  }

  /**
   * Adds every number of `values` in order, as room appears (a batch larger than the capacity
   * is fine). With several producers, batches stay in order but may interleave when the queue fills.
   * On timeout throws SharedQueueFull whose `written` says how many were queued.
   * @example
   * q.putMany(new Float64Array([1, 2, 3]));
   */
  putMany(values: ArrayLike<number>, options?: SharedQueueTimeoutOptions): void {
    const where = 'SharedQueue.putMany()';
    const source = this.#source(values, where);
    const deadline = performance.now() + readTimeout(options, where);
    let written = 0;
    while (written < source.length) {
      const seen = Atomics.load(this.#h, GET_SEQ);
      written += this.#tryPut(source, written);
      if (written === source.length) return;
      if (!this.#sleep(GET_SEQ, PUT_WAITERS, seen, deadline)) throw this.#full(source.length, written, options);
    }
  }

  /**
   * Takes between 1 and `max` numbers (whatever is queued, up to `max`), waiting up to `timeout` ms
   * for the first; returns them in a new typed array of the queue's type.
   * @example
   * for (;;) { const batch = q.getMany(4096); total += batch.length; }  // ends with SharedQueueShutDown
   */
  getMany(max: number, options?: SharedQueueTimeoutOptions): NumberArray {
    checkWholeNumber(max, 'max', 'SharedQueue.getMany()', 1);
    const target = new CONSTRUCTORS[this.type](Math.min(max, this.#capacity));
    const got = this.getInto(target, options);
    return got === target.length ? target : target.slice(0, got);
  }

  /**
   * getMany() into a buffer you reuse: fills `target` from index 0 with 1..target.length numbers
   * and returns how many. No allocation per batch.
   * @example
   * const batch = new Float64Array(4096);
   * const n = q.getInto(batch);
   */
  getInto(target: NumberArray, options?: SharedQueueTimeoutOptions): number {
    const where = 'SharedQueue.getInto()';
    this.#target(target, where);
    const deadline = performance.now() + readTimeout(options, where);
    for (;;) {
      const seen = Atomics.load(this.#h, PUT_SEQ);
      const got = this.#tryGet(target);
      if (got > 0) return got;
      if (!this.#sleep(PUT_SEQ, GET_WAITERS, seen, deadline)) throw this.#empty(options);
    }
  }

  /** put() for the main thread: waits without blocking the event loop. */
  async putAsync(value: number, options?: SharedQueueTimeoutOptions): Promise<void> {
    this.#check(value, 'SharedQueue.putAsync()', 0);
    const deadline = performance.now() + readTimeout(options, 'SharedQueue.putAsync()');
    for (let attempt = 0; ; attempt++) {
      const seen = Atomics.load(this.#h, GET_SEQ);
      if (this.#tryPutOne(value)) return;
      if (!(await this.#sleepAsync(GET_SEQ, PUT_WAITERS, seen, deadline, attempt))) throw this.#full(1, 0, options);
    }
  }

  /** get() for the main thread: waits without blocking the event loop. */
  async getAsync(options?: SharedQueueTimeoutOptions): Promise<number> {
    const deadline = performance.now() + readTimeout(options, 'SharedQueue.getAsync()');
    for (let attempt = 0; ; attempt++) {
      const seen = Atomics.load(this.#h, PUT_SEQ);
      const value = this.#tryGetOne();
      if (value !== undefined) return value;
      if (!(await this.#sleepAsync(PUT_SEQ, GET_WAITERS, seen, deadline, attempt))) throw this.#empty(options);
    }
  }

  /** putMany() for the main thread. */
  async putManyAsync(values: ArrayLike<number>, options?: SharedQueueTimeoutOptions): Promise<void> {
    const where = 'SharedQueue.putManyAsync()';
    const source = this.#source(values, where);
    const deadline = performance.now() + readTimeout(options, where);
    let written = 0;
    for (let attempt = 0; written < source.length; attempt++) {
      const seen = Atomics.load(this.#h, GET_SEQ);
      written += this.#tryPut(source, written);
      if (written === source.length) return;
      if (!(await this.#sleepAsync(GET_SEQ, PUT_WAITERS, seen, deadline, attempt))) throw this.#full(source.length, written, options);
    }
  }

  /** getMany() for the main thread. */
  async getManyAsync(max: number, options?: SharedQueueTimeoutOptions): Promise<NumberArray> {
    const where = 'SharedQueue.getManyAsync()';
    checkWholeNumber(max, 'max', where, 1);
    const target = new CONSTRUCTORS[this.type](Math.min(max, this.#capacity));
    const deadline = performance.now() + readTimeout(options, where);
    for (let attempt = 0; ; attempt++) {
      const seen = Atomics.load(this.#h, PUT_SEQ);
      const got = this.#tryGet(target);
      if (got > 0) return got === target.length ? target : target.slice(0, got);
      if (!(await this.#sleepAsync(PUT_SEQ, GET_WAITERS, seen, deadline, attempt))) throw this.#empty(options);
    }
  }

  /**
   * Python 3.13's `Queue.shutdown()`: from now on puts (on every thread) raise SharedQueueShutDown;
   * gets return what is queued, then raise SharedQueueShutDown. With `immediate`, queued numbers are
   * dropped and gets raise at once. Sleepers on either side wake. Safe to call twice.
   * @example
   * q.shutdown();  // consumers drain, then stop
   */
  shutdown(options?: { readonly immediate?: boolean | undefined }): void {
    checkOptionKeys(options, ['immediate'], 'SharedQueue.shutdown()', InvalidArgumentError);
    const h = this.#h;
    this.#lock();
    try {
      h[SHUT] = 1;
      if (options?.immediate === true) Atomics.store(h, COUNT, 0);
    } finally {
      this.#unlock();
    }
    Atomics.add(h, PUT_SEQ, 1);
    Atomics.add(h, GET_SEQ, 1);
    Atomics.notify(h, PUT_SEQ);
    Atomics.notify(h, GET_SEQ);
  }

  /** Alias of shutdown(): consumers drain, then get SharedQueueShutDown. */
  close(): void {
    this.shutdown();
  }

  /** How the queue crosses into a worker: its shared memory, revived by reviveHandle(). */
  [SHARE_HANDLE](): SharedHandle {
    return { __ts314Handle: HANDLE_KIND, module: import.meta.url, state: { buffer: this.buffer } };
  }

  get [Symbol.toStringTag](): string {
    return `SharedQueue<${this.type}>`;
  }

  /** @internal Worker side: the queue over an existing buffer. */
  static adopt(buffer: SharedArrayBuffer): SharedQueue {
    return new SharedQueue(ADOPT as unknown as number, { buffer } as unknown as SharedQueueOptions);
  }

  #tryPutOne(value: number): boolean {
    const h = this.#h;
    this.#lock();
    try {
      if (h[SHUT] !== 0) throw new SharedQueueShutDown('SharedQueue: put() after shutdown()');
      const count = h[COUNT]!;
      if (count >= this.#capacity) return false;
      let tail = h[HEAD]! + count;
      if (tail >= this.#capacity) tail -= this.#capacity;
      this.#data[tail] = value;
      Atomics.store(h, COUNT, count + 1);
    } finally {
      this.#unlock();
    }
    this.#wake(PUT_SEQ, GET_WAITERS);
    return true;
  }

  #tryPut(source: NumberArray | ArrayLike<number>, from: number): number {
    const h = this.#h;
    const cap = this.#capacity;
    let n: number;
    this.#lock();
    try {
      if (h[SHUT] !== 0)
        throw new SharedQueueShutDown(`SharedQueue: putMany() after shutdown() (${from} of ${source.length} numbers were queued)`);
      const count = h[COUNT]!;
      n = Math.min(cap - count, source.length - from);
      if (n === 0) return 0;
      let tail = h[HEAD]! + count;
      if (tail >= cap) tail -= cap;
      const first = Math.min(n, cap - tail);
      if (ArrayBuffer.isView(source)) {
        this.#data.set((source as NumberArray).subarray(from, from + first), tail);
        if (first < n) this.#data.set((source as NumberArray).subarray(from + first, from + n), 0);
      } else {
        for (let i = 0; i < first; i++) this.#data[tail + i] = source[from + i]!;
        for (let i = first; i < n; i++) this.#data[i - first] = source[from + i]!;
      }
      Atomics.store(h, COUNT, count + n);
    } finally {
      this.#unlock();
    }
    this.#wake(PUT_SEQ, GET_WAITERS);
    return n;
  }

  #tryGetOne(): number | undefined {
    const h = this.#h;
    let value: number;
    this.#lock();
    try {
      const count = h[COUNT]!;
      if (count === 0) {
        if (h[SHUT] !== 0) throw new SharedQueueShutDown('SharedQueue: get() on a queue that is shut down and drained');
        return undefined;
      }
      const head = h[HEAD]!;
      value = this.#data[head]!;
      h[HEAD] = head + 1 === this.#capacity ? 0 : head + 1;
      Atomics.store(h, COUNT, count - 1);
    } finally {
      this.#unlock();
    }
    this.#wake(GET_SEQ, PUT_WAITERS);
    return value;
  }

  #tryGet(target: NumberArray): number {
    const h = this.#h;
    const cap = this.#capacity;
    let n: number;
    this.#lock();
    try {
      const count = h[COUNT]!;
      if (count === 0) {
        if (h[SHUT] !== 0) throw new SharedQueueShutDown('SharedQueue: getMany() on a queue that is shut down and drained');
        return 0;
      }
      n = Math.min(count, target.length);
      const head = h[HEAD]!;
      const first = Math.min(n, cap - head);
      target.set(this.#data.subarray(head, head + first), 0);
      if (first < n) target.set(this.#data.subarray(0, n - first), first);
      h[HEAD] = head + n >= cap ? head + n - cap : head + n;
      Atomics.store(h, COUNT, count - n);
    } finally {
      this.#unlock();
    }
    this.#wake(GET_SEQ, PUT_WAITERS);
    return n;
  }

  #sleep(seq: number, waiters: number, seen: number, deadline: number): boolean {
    return sleepOnSequence(this.#h, seq, waiters, seen, deadline);
  }

  #sleepAsync(seq: number, waiters: number, seen: number, deadline: number, attempt: number): Promise<boolean> {
    return sleepOnSequenceAsync(this.#h, seq, waiters, seen, deadline, attempt);
  }

  #wake(seq: number, waiters: number): void {
    advanceSequence(this.#h, seq, waiters);
  }

  #lock(): void {
    lockMutex(this.#h, LOCK);
  }

  #unlock(): void {
    unlockMutex(this.#h, LOCK);
  }

  #check(value: unknown, where: string, index: number | undefined): void {
    if (typeof value !== 'number') {
      throw new InvalidArgumentError(`${where}: a SharedQueue holds numbers, got ${typeof value}${index ? ` at index ${index}` : ''}`);
    }
    const range = this.#range;
    if (range !== undefined && !(Number.isInteger(value) && value >= range[0] && value <= range[1])) {
      throw new InvalidArgumentError(
        `${where}: ${value}${index ? ` (index ${index})` : ''} does not fit a ${this.type} slot exactly (whole numbers ${range[0]}..${range[1]})`,
      );
    }
  }

  /** Validates a batch once, so the copy under the lock cannot fail half-way. */
  #source(values: ArrayLike<number>, where: string): NumberArray | ArrayLike<number> {
    if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
      throw new InvalidArgumentError(
        `${where}: expected an array or typed array of numbers, got ${values === null ? 'null' : typeof values}`,
      );
    }
    if (ArrayBuffer.isView(values)) {
      if (values.constructor === this.#data.constructor) return values as unknown as NumberArray;
      if (values instanceof BigInt64Array || values instanceof BigUint64Array || values instanceof DataView) {
        throw new InvalidArgumentError(`${where}: a SharedQueue holds numbers; got a ${values.constructor.name}`);
      }
    }
    if (this.#range !== undefined || !ArrayBuffer.isView(values)) {
      for (let i = 0; i < values.length; i++) this.#check(values[i], where, i);
    }
    return values;
  }

  #target(target: NumberArray, where: string): void {
    if (!ArrayBuffer.isView(target) || target.constructor !== this.#data.constructor) {
      throw new InvalidArgumentError(
        `${where}: target must be a ${this.#data.constructor.name} (the queue holds ${this.type}), got ${target === null ? 'null' : ((target as object)?.constructor?.name ?? typeof target)}`,
      );
    }
    if (target.length === 0) throw new InvalidArgumentError(`${where}: target must have room for at least one number`);
  }

  #full(total: number, written: number, options: SharedQueueTimeoutOptions | undefined): SharedQueueFull {
    const waited = options?.timeout === undefined || options.timeout === 0 ? 'no room' : `no room within ${options.timeout} ms`;
    return new SharedQueueFull(
      `SharedQueue is full (${this.#capacity} slots): ${waited}${total > 1 ? `; ${written} of ${total} numbers were queued` : ''}`,
      { written },
    );
  }

  #empty(options: SharedQueueTimeoutOptions | undefined): SharedQueueEmpty {
    return new SharedQueueEmpty(`SharedQueue is empty${options?.timeout ? `: nothing arrived within ${options.timeout} ms` : ''}`);
  }
}

/** Worker side (src/internal/wire.ts): the same queue over the buffer its handle carries. */
export function reviveHandle(state: unknown, kind: string): unknown {
  if (kind !== HANDLE_KIND) throw new InvalidArgumentError(`ts314/threading shared-queue cannot revive a '${kind}' handle`);
  const buffer = (state as { buffer?: unknown } | null)?.buffer;
  if (!(buffer instanceof SharedArrayBuffer)) throw new InvalidArgumentError('a SharedQueue handle must carry its SharedArrayBuffer');
  return SharedQueue.adopt(buffer);
}
