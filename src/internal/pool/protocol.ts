// The messages a pool and its workers exchange; flat arrays keep per-task cost low when batched.
import type { CallableRef } from '../callable.js';
import type { EncodedArgs } from '../wire.js';
import type { SerializedError } from '../remote-error.js';

/** Fields per task in RunMessage.b: seq, fnId, mode, payload, hasHandles, flushBefore. */
export const TASK_STRIDE = 6;
/** Fields per result in ResultMessage.r: seq, status, value. */
export const RESULT_STRIDE = 3;

export const MODE_CALL = 0;
/** payload is a list of argument lists; the result is flat [ok, value|error] pairs. */
export const MODE_CHUNK = 1;

export const STATUS_ERROR = 0;
export const STATUS_OK = 1;

/** Slots of the per-worker Int32Array that survives the worker: how far it got, even if it dies mid-batch. */
export const STATE_STARTED = 0;
export const STATE_COMPLETED = 1;
/** Bytes of the result log in use: results completed since the last message, readable if the worker dies. */
export const STATE_LOG_END = 2;
/** Bumped each time the worker reuses the log, so a reader can tell a torn read (a seqlock). */
export const STATE_LOG_GEN = 3;
export const STATE_SLOTS = 4;

/**
 * Size of each thread worker's result log. Every result is also written here until its message is
 * posted, so a worker that dies abruptly (out of memory, terminate) loses no finished result.
 */
export const RESULT_LOG_BYTES = 256 * 1024;
/** Per record: seq, status, byte length (int32 each), then the v8-serialized value padded to 4 bytes. */
export const LOG_HEADER_BYTES = 12;

export interface InitData {
  readonly initializer: CallableRef | undefined;
  readonly initargs: EncodedArgs;
  readonly state: SharedArrayBuffer | undefined;
  /** RESULT_LOG_BYTES of shared memory for the result log (thread workers only). */
  readonly log: SharedArrayBuffer | undefined;
}

export interface RunMessage {
  readonly t: 'run';
  /** Callables this worker has not seen yet: [fnId, ref] pairs. */
  readonly d: (readonly [number, CallableRef])[] | undefined;
  readonly b: unknown[];
}

export interface InitMessage extends InitData {
  readonly t: 'init';
}

export type ToWorker = RunMessage | InitMessage;

export interface ResultMessage {
  readonly t: 'r';
  readonly r: unknown[];
  /** Milliseconds the worker spent running these tasks: how the pool sizes its batches. */
  readonly ms: number;
}

/** The worker loaded and its initializer (if any) succeeded. */
export interface ReadyMessage {
  readonly t: 'ready';
}

export interface InitFailedMessage {
  readonly t: 'init-failed';
  readonly e: SerializedError;
}

export interface FatalMessage {
  readonly t: 'fatal';
  readonly e: SerializedError;
}

export type FromWorker = ResultMessage | ReadyMessage | InitFailedMessage | FatalMessage;
