// The messages a pool and its workers exchange; flat arrays keep per-task cost low when batched.
import type { CallableRef } from '../callable.js';
import type { EncodedArgs } from '../wire.js';
import type { SerializedError } from '../remote-error.js';
import type { ResultLogMemory } from './result-log.js';

/** Fields per task in RunMessage.b: seq, fnId, mode, payload, hasHandles, flushBefore. */
export const TASK_STRIDE = 6;
/** Fields per result in ResultMessage.r: seq, status, value. */
export const RESULT_STRIDE = 3;

export const MODE_CALL = 0;
/** payload is a list of argument lists; the result is flat [ok, value|error] pairs. */
export const MODE_CHUNK = 1;

export const STATUS_ERROR = 0;
export const STATUS_OK = 1;

export interface InitData {
  /** Who runs the worker, for messages: e.g. 'InterpreterPoolExecutor'. */
  readonly name: string;
  readonly initializer: CallableRef | undefined;
  readonly initargs: EncodedArgs;
  /** The shared result log (thread workers only: a process cannot share memory with its parent). */
  readonly log: ResultLogMemory | undefined;
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
