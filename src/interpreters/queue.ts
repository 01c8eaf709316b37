// Queue: a FIFO shared by every interpreter that holds it (Python's concurrent.interpreters.Queue).
import { checkOptionKeys, checkTimeout, optionalInteger } from '../internal/validate.js';
import { nextQueueId } from '../internal/process-ids.js';
import { sleepOnSequenceAsync } from '../internal/shared-memory/sequence-sleep.js';
import { checkShareable, SHARE_HANDLE } from '../internal/shareable.js';
import { containsHandle, type SharedHandle } from '../internal/wire.js';
import { notShareable, QueueEmpty, QueueError, QueueFull } from './errors.js';
import { decodeItem, encodeItemFast, encodeItemV8 } from './item-codec.js';
import { POP_SEQ, PUSH_SEQ, RECORD_OVERHEAD, SharedRing } from './shared-ring.js';

/**
 * Bytes of shared memory per queue when none is asked for: room for thousands of small messages
 * while costing little per queue. Items are stored serialized (item-codec.ts); ask for more with `byteCapacity`.
 */
export const DEFAULT_QUEUE_BYTE_CAPACITY = 1024 * 1024;

/** Largest ring a queue may ask for: records carry a 32-bit length and offsets live in an Int32Array. */
const MAX_QUEUE_BYTE_CAPACITY = 2 ** 30;

const HANDLE_KIND = 'Queue';

export interface CreateQueueOptions {
  /** Most items the queue holds; `<= 0` (the default) means no item limit, only `byteCapacity`. */
  readonly maxsize?: number;
  /** Bytes of shared memory for serialized items (default DEFAULT_QUEUE_BYTE_CAPACITY). */
  readonly byteCapacity?: number;
}

export interface QueueTimeoutOptions {
  /** Milliseconds to wait; omitted or Infinity waits for ever; 0 tries once. Negative is an InvalidArgumentError. */
  readonly timeout?: number | undefined;
}

const queues = new Map<number, WeakRef<Queue>>();
const registry = new FinalizationRegistry<number>((id) => {
  if (queues.get(id)?.deref() === undefined) queues.delete(id);
});
const constructing = Symbol('Queue.construct');

function readTimeout(options: QueueTimeoutOptions | undefined, where: string): number {
  checkOptionKeys(options, ['timeout'], where);
  return checkTimeout(options?.timeout, { where });
}

/**
 * A FIFO queue in shared memory. Every interpreter it is passed to (as a call argument, a
 * prepareMain binding, or inside either) sees the same queue: items put on one side are got on the
 * other. Items are copied (serialized) in and out, as Python's queues copy; Queues and
 * SharedArrayBuffers cannot be items — pass those as arguments instead.
 * @example
 * const q = createQueue({ maxsize: 10 });
 * await interp.call((q) => q.putAsync('from the worker'), q);  // the worker's Queue is this Queue
 * await q.getAsync({ timeout: 1000 });                      // 'from the worker'
 */
export class Queue<T = unknown> {
  readonly #ring: SharedRing;

  /** @internal Use createQueue(). */
  constructor(token: symbol, ring: SharedRing) {
    if (token !== constructing) throw new TypeError('Queue: use createQueue() to make a queue');
    this.#ring = ring;
  }

  /** Process-unique id, the same in every interpreter. */
  get id(): number {
    return this.#ring.id;
  }

  /** The item limit; 0 means unbounded (only the byte capacity applies). */
  get maxsize(): number {
    return Math.max(0, this.#ring.maxsize);
  }

  /** Bytes of shared memory for serialized items. */
  get byteCapacity(): number {
    return this.#ring.capacity;
  }

  /** Items in the queue now (other interpreters may change it at any moment). */
  qsize(): number {
    return this.#ring.count;
  }

  empty(): boolean {
    return this.#ring.count === 0;
  }

  /** True when maxsize items are queued. An unbounded queue is never full by count, though a put may still wait for bytes. */
  full(): boolean {
    return this.maxsize > 0 && this.#ring.count >= this.maxsize;
  }

  /**
   * Adds `obj`, waiting up to `timeout` ms for room; rejects with QueueFull when time runs out.
   * @example
   * await q.putAsync({ job: 1 }, { timeout: 500 });
   */
  async putAsync(obj: T, options?: QueueTimeoutOptions): Promise<void> {
    const timeout = readTimeout(options, 'Queue.putAsync()');
    const record = this.#serialize(obj);
    const deadline = performance.now() + timeout;
    for (let attempt = 0; ; attempt++) {
      const seen = Atomics.load(this.#ring.header, POP_SEQ);
      const refusal = this.#ring.push(record);
      if (refusal === undefined) return;
      if (!(await sleepOnSequenceAsync(this.#ring.header, POP_SEQ, this.#ring.sleepersOf(POP_SEQ), seen, deadline, attempt)))
        throw this.#fullError(refusal, timeout);
    }
  }

  /** Adds `obj` now or throws QueueFull. */
  putNowait(obj: T): void {
    const refusal = this.#ring.push(this.#serialize(obj));
    if (refusal !== undefined) throw this.#fullError(refusal, 0);
  }

  /**
   * Removes the oldest item, waiting up to `timeout` ms for one; rejects with QueueEmpty when time runs out.
   * @example
   * const item = await q.getAsync({ timeout: 1000 });
   */
  async getAsync(options?: QueueTimeoutOptions): Promise<T> {
    const timeout = readTimeout(options, 'Queue.getAsync()');
    const deadline = performance.now() + timeout;
    for (let attempt = 0; ; attempt++) {
      const seen = Atomics.load(this.#ring.header, PUSH_SEQ);
      const record = this.#ring.pop();
      if (record !== undefined) return decodeItem(record) as T;
      if (!(await sleepOnSequenceAsync(this.#ring.header, PUSH_SEQ, this.#ring.sleepersOf(PUSH_SEQ), seen, deadline, attempt))) {
        throw new QueueEmpty(`Queue(${this.id}) is empty${timeout > 0 ? ` after waiting ${timeout} ms` : ''}`);
      }
    }
  }

  /** Removes the oldest item now or throws QueueEmpty. */
  getNowait(): T {
    const record = this.#ring.pop();
    if (record === undefined) throw new QueueEmpty(`Queue(${this.id}) is empty`);
    return decodeItem(record) as T;
  }

  toString(): string {
    return `Queue(${this.id})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Queue(${this.id}, maxsize=${this.maxsize}, qsize=${this.qsize()})`;
  }

  /** How the queue crosses into another interpreter: its shared memory, revived by reviveHandle(). */
  [SHARE_HANDLE](): SharedHandle {
    return { __ts314Handle: HANDLE_KIND, module: import.meta.url, state: { buffer: this.#ring.buffer } };
  }

  #serialize(obj: T): Uint8Array {
    let record = encodeItemFast(obj);
    if (record === undefined) {
      // Not plain data: check it the way call() arguments are checked, then let v8 copy it.
      checkShareable(obj, 'item');
      if (containsHandle(obj)) {
        throw notShareable(
          'item',
          'a Queue (or other shared object) cannot be put into a Queue; pass it to the interpreter as a call argument or through prepareMain()',
        );
      }
      try {
        record = encodeItemV8(obj);
      } catch (error) {
        throw notShareable(
          'item',
          `${(error as Error).message} (SharedArrayBuffers are shared by passing them as call arguments, not through a Queue)`,
        );
      }
    }
    if (record.length + RECORD_OVERHEAD > this.#ring.capacity) {
      throw new QueueError(
        `Queue(${this.id}): the item needs ${record.length + RECORD_OVERHEAD} bytes serialized but the queue holds ${this.#ring.capacity} bytes; ` +
          `create the queue with a larger byteCapacity, e.g. createQueue({ byteCapacity: ${2 ** Math.ceil(Math.log2(record.length + RECORD_OVERHEAD))} })`,
        { code: 'ERR_QUEUE_ITEM_TOO_LARGE' },
      );
    }
    return record;
  }

  #fullError(refusal: 'maxsize' | 'bytes', timeout: number): QueueFull {
    const waited = timeout > 0 ? ` after waiting ${timeout} ms` : '';
    return refusal === 'maxsize'
      ? new QueueFull(`Queue(${this.id}) is full (maxsize ${this.maxsize})${waited}`)
      : new QueueFull(
          `Queue(${this.id}) is full: its ${this.#ring.capacity} bytes hold ${this.#ring.count} items and this one does not fit${waited}`,
        );
  }
}

function adopt<T>(ring: SharedRing): Queue<T> {
  const existing = queues.get(ring.id)?.deref();
  if (existing) return existing as Queue<T>;
  const queue = new Queue<T>(constructing, ring);
  queues.set(ring.id, new WeakRef(queue));
  registry.register(queue, ring.id);
  return queue;
}

/**
 * Creates a queue that can be shared with interpreters (Python's `create_queue`). `maxsize <= 0`
 * means no item limit; the queue's byte capacity still bounds what it holds.
 * @example
 * const q = createQueue<number>({ maxsize: 100 });
 * q.putNowait(1);
 * q.getNowait(); // 1
 */
export function createQueue<T = unknown>(options?: CreateQueueOptions): Queue<T> {
  checkOptionKeys(options, ['maxsize', 'byteCapacity'], 'createQueue()');
  const where = 'createQueue()';
  const maxsize = optionalInteger(options?.maxsize, 'maxsize', 0, { where }, Number.MIN_SAFE_INTEGER);
  const byteCapacity = optionalInteger(
    options?.byteCapacity,
    'byteCapacity (bytes)',
    DEFAULT_QUEUE_BYTE_CAPACITY,
    { where },
    16,
    MAX_QUEUE_BYTE_CAPACITY,
  );
  return adopt<T>(SharedRing.create(nextQueueId(), Math.max(0, Math.min(maxsize, 2 ** 31 - 1)), byteCapacity));
}

/** wire.ts calls this in the receiving interpreter: the same shared memory becomes the same Queue. */
export function reviveHandle(state: unknown, kind: string): unknown {
  if (kind !== HANDLE_KIND) throw new TypeError(`ts314/interpreters cannot revive a '${kind}' handle`);
  const buffer = (state as { buffer?: unknown } | null)?.buffer;
  if (!(buffer instanceof SharedArrayBuffer)) throw new TypeError('a Queue handle must carry its SharedArrayBuffer');
  return adopt(new SharedRing(buffer));
}
