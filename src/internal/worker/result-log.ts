// The shared-memory result log: a thread worker records how far it got and each finished result, so nothing is lost if it dies.
import { deserialize } from 'node:v8';

/** Words of the per-worker Int32Array that outlives the worker: how far it got, even if it dies mid-batch. */
const STATE_STARTED = 0;
const STATE_COMPLETED = 1;
/** Bytes of the log in use: results completed since the last message, readable if the worker dies. */
const STATE_LOG_END = 2;
/** Bumped each time the worker reuses the log, so a reader can tell a torn read (a seqlock). */
const STATE_LOG_GEN = 3;
/** Past loading its callable and arguments: the user's function was called. */
const STATE_CALLED = 4;
const STATE_WORDS = 5;

/**
 * Size of each thread worker's log. A result that waits in the worker's outbox is also written here
 * until its message is posted, so a worker that dies abruptly (out of memory, terminate) loses no
 * finished result; one posted as soon as it is ready needs no copy.
 */
export const RESULT_LOG_BYTES = 256 * 1024;
/** Per record: seq, status, byte length (int32 each), then the v8-serialized value padded to 4 bytes. */
const LOG_HEADER_BYTES = 12;
/** The length word of a record whose value is a number, stored as a float64: the common tiny result needs no serializer. */
const NUMBER_RECORD = -1;
const NUMBER_BYTES = 8;

/** The shared memory behind one worker's log; it crosses to the worker in its init data. */
export interface ResultLogMemory {
  readonly state: SharedArrayBuffer;
  readonly log: SharedArrayBuffer;
}

export function createResultLogMemory(): ResultLogMemory {
  return { state: new SharedArrayBuffer(STATE_WORDS * Int32Array.BYTES_PER_ELEMENT), log: new SharedArrayBuffer(RESULT_LOG_BYTES) };
}

const padded = (length: number): number => LOG_HEADER_BYTES + ((length + 3) & ~3);

/** The worker's side: marks each task started and completed, and logs its result until the result is posted. */
export class ResultLogWriter {
  readonly #state: Int32Array;
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  #end = 0;

  constructor(memory: ResultLogMemory) {
    this.#state = new Int32Array(memory.state);
    this.#bytes = new Uint8Array(memory.log);
    this.#view = new DataView(memory.log);
  }

  /** The worker took the task: it loads the callable and arguments next. */
  started(seq: number): void {
    Atomics.store(this.#state, STATE_STARTED, seq + 1);
  }

  /** The task's function is being called: from here on, re-running it elsewhere could run it twice. */
  called(seq: number): void {
    Atomics.store(this.#state, STATE_CALLED, seq + 1);
  }

  completed(seq: number): void {
    Atomics.store(this.#state, STATE_COMPLETED, seq + 1);
  }

  /** Logs one result; false when it does not fit, and the caller must post it at once instead. */
  append(seq: number, status: number, value: Uint8Array): boolean {
    const at = this.#end;
    const need = padded(value.length);
    if (at + need > this.#bytes.length) return false;
    this.#view.setInt32(at, seq, true);
    this.#view.setInt32(at + 4, status, true);
    this.#view.setInt32(at + 8, value.length, true);
    this.#bytes.set(value, at + LOG_HEADER_BYTES);
    this.#end = at + need;
    Atomics.store(this.#state, STATE_LOG_END, this.#end);
    return true;
  }

  /** Logs one numeric result as its 8 bytes; false when it does not fit (post at once instead). */
  appendNumber(seq: number, status: number, value: number): boolean {
    const at = this.#end;
    const need = LOG_HEADER_BYTES + NUMBER_BYTES;
    if (at + need > this.#bytes.length) return false;
    this.#view.setInt32(at, seq, true);
    this.#view.setInt32(at + 4, status, true);
    this.#view.setInt32(at + 8, NUMBER_RECORD, true);
    this.#view.setFloat64(at + LOG_HEADER_BYTES, value, true);
    this.#end = at + need;
    Atomics.store(this.#state, STATE_LOG_END, this.#end);
    return true;
  }

  /** Everything logged has been posted (a posted message arrives even if we die now), so the log is reused. */
  reset(): void {
    if (this.#end === 0) return;
    Atomics.add(this.#state, STATE_LOG_GEN, 1);
    this.#end = 0;
    Atomics.store(this.#state, STATE_LOG_END, 0);
  }
}

/** Receives one logged result: its status, and its value decoded only when asked for. */
export type LogVisitor = (seq: number, status: number, value: () => unknown) => void;

/** The parent's side: how far the worker got, and the results it logged but has not posted. */
export class ResultLogReader {
  readonly #state: Int32Array;
  readonly #log: SharedArrayBuffer;

  constructor(memory: ResultLogMemory) {
    this.#state = new Int32Array(memory.state);
    this.#log = memory.log;
  }

  /** One past the seq of the last task the worker started. */
  get started(): number {
    return Atomics.load(this.#state, STATE_STARTED);
  }

  /** One past the seq of the last task whose function the worker called. */
  get called(): number {
    return Atomics.load(this.#state, STATE_CALLED);
  }

  /** One past the seq of the last task the worker finished (its result is logged or posted). */
  get completed(): number {
    return Atomics.load(this.#state, STATE_COMPLETED);
  }

  /**
   * Visits what a running worker has logged. Seqlock: the log is copied and the copy trusted only if
   * the worker did not reuse the log meanwhile (if it did, it posted those results first, and that
   * message settles them); false when the copy was torn.
   */
  readLive(visit: LogVisitor): boolean {
    const generation = Atomics.load(this.#state, STATE_LOG_GEN);
    const end = Atomics.load(this.#state, STATE_LOG_END);
    const copy = new Uint8Array(this.#log).slice(0, end);
    if (Atomics.load(this.#state, STATE_LOG_GEN) !== generation) return false;
    visitRecords(copy.buffer, end, visit);
    return true;
  }

  /** Visits everything a dead worker logged but never got to send (nothing writes the log any more). */
  readFinal(visit: LogVisitor): void {
    visitRecords(this.#log, Atomics.load(this.#state, STATE_LOG_END), visit);
  }
}

function visitRecords(log: ArrayBufferLike, end: number, visit: LogVisitor): void {
  const view = new DataView(log);
  const bytes = new Uint8Array(log);
  for (let at = 0; at + LOG_HEADER_BYTES <= end; ) {
    const length = view.getInt32(at + 8, true);
    const start = at + LOG_HEADER_BYTES;
    if (length === NUMBER_RECORD) {
      const value = view.getFloat64(start, true);
      visit(view.getInt32(at, true), view.getInt32(at + 4, true), () => value);
      at += LOG_HEADER_BYTES + NUMBER_BYTES;
      continue;
    }
    visit(view.getInt32(at, true), view.getInt32(at + 4, true), () => deserialize(bytes.subarray(start, start + length)));
    at += padded(length);
  }
}
