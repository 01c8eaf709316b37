// A byte ring of length-prefixed records in one SharedArrayBuffer, guarded by a futex-style lock word.
import { lockMutex, unlockMutex } from '../internal/shared-memory/futex-mutex.js';
import { advanceSequence } from '../internal/shared-memory/sequence-sleep.js';

const LOCK = 0;
const COUNT = 1;
const HEAD = 2;
const TAIL = 3;
const USED = 4;
/** Bumped after every push; getters sleep on it. */
export const PUSH_SEQ = 5;
/** Bumped after every pop; putters sleep on it. */
export const POP_SEQ = 6;
const MAXSIZE = 7;
const CAPACITY = 8;
const ID = 9;
/** Sleepers on PUSH_SEQ / POP_SEQ: a notify (a global lock inside V8) is skipped when nobody sleeps. */
const PUSH_WAITERS = 10;
const POP_WAITERS = 11;
const HEADER_INTS = 16;
const HEADER_BYTES = HEADER_INTS * Int32Array.BYTES_PER_ELEMENT;
/** Each record starts with its length as 4 little-endian bytes. */
export const RECORD_OVERHEAD = 4;

/** The outcome of a push that did not fit. */
export type PushRefusal = 'maxsize' | 'bytes';

/**
 * A multi-producer, multi-consumer FIFO of byte records that every thread holding the buffer sees
 * identically. All state lives in the buffer, so sharing the buffer shares the queue.
 */
export class SharedRing {
  readonly buffer: SharedArrayBuffer;
  readonly header: Int32Array;
  readonly #bytes: Uint8Array;
  readonly #capacity: number;

  constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.header = new Int32Array(buffer, 0, HEADER_INTS);
    this.#capacity = Atomics.load(this.header, CAPACITY);
    this.#bytes = new Uint8Array(buffer, HEADER_BYTES, this.#capacity);
  }

  static create(id: number, maxsize: number, capacity: number): SharedRing {
    const buffer = new SharedArrayBuffer(HEADER_BYTES + capacity);
    const header = new Int32Array(buffer, 0, HEADER_INTS);
    header[ID] = id;
    header[MAXSIZE] = maxsize;
    header[CAPACITY] = capacity;
    return new SharedRing(buffer);
  }

  get id(): number {
    return this.header[ID]!;
  }

  get maxsize(): number {
    return this.header[MAXSIZE]!;
  }

  get capacity(): number {
    return this.#capacity;
  }

  get count(): number {
    return Atomics.load(this.header, COUNT);
  }

  get usedBytes(): number {
    return Atomics.load(this.header, USED);
  }

  /** Appends one record, or says why it cannot yet (the caller decides whether to wait). */
  push(record: Uint8Array): PushRefusal | undefined {
    const need = RECORD_OVERHEAD + record.length;
    const h = this.header;
    this.#lock();
    try {
      const maxsize = h[MAXSIZE]!;
      if (maxsize > 0 && h[COUNT]! >= maxsize) return 'maxsize';
      if (this.#capacity - h[USED]! < need) return 'bytes';
      let tail = h[TAIL]!;
      const length = record.length;
      for (let i = 0; i < RECORD_OVERHEAD; i++) {
        this.#bytes[tail] = (length >>> (8 * i)) & 0xff;
        tail = tail + 1 === this.#capacity ? 0 : tail + 1;
      }
      tail = this.#write(tail, record);
      h[TAIL] = tail;
      h[USED] = h[USED]! + need;
      Atomics.store(h, COUNT, h[COUNT]! + 1);
    } finally {
      this.#unlock();
    }
    advanceSequence(h, PUSH_SEQ, PUSH_WAITERS);
    return undefined;
  }

  /** Removes and returns the oldest record (a private copy), or undefined when empty. */
  pop(): Uint8Array | undefined {
    const h = this.header;
    let record: Uint8Array;
    this.#lock();
    try {
      if (h[COUNT]! === 0) return undefined;
      let head = h[HEAD]!;
      let length = 0;
      for (let i = 0; i < RECORD_OVERHEAD; i++) {
        length += this.#bytes[head]! * 2 ** (8 * i);
        head = head + 1 === this.#capacity ? 0 : head + 1;
      }
      record = new Uint8Array(length);
      head = this.#read(head, record);
      h[HEAD] = head;
      h[USED] = h[USED]! - (RECORD_OVERHEAD + length);
      Atomics.store(h, COUNT, h[COUNT]! - 1);
    } finally {
      this.#unlock();
    }
    advanceSequence(h, POP_SEQ, POP_WAITERS);
    return record;
  }

  /** The sleeper-count word for PUSH_SEQ or POP_SEQ (see sequence-sleep.ts). */
  sleepersOf(index: typeof PUSH_SEQ | typeof POP_SEQ): number {
    return index === PUSH_SEQ ? PUSH_WAITERS : POP_WAITERS;
  }

  #write(offset: number, source: Uint8Array): number {
    const first = Math.min(source.length, this.#capacity - offset);
    this.#bytes.set(source.subarray(0, first), offset);
    if (first < source.length) this.#bytes.set(source.subarray(first), 0);
    return (offset + source.length) % this.#capacity;
  }

  #read(offset: number, target: Uint8Array): number {
    const first = Math.min(target.length, this.#capacity - offset);
    target.set(this.#bytes.subarray(offset, offset + first), 0);
    if (first < target.length) target.set(this.#bytes.subarray(0, target.length - first), first);
    return (offset + target.length) % this.#capacity;
  }

  #lock(): void {
    lockMutex(this.header, LOCK);
  }

  #unlock(): void {
    unlockMutex(this.header, LOCK);
  }
}
