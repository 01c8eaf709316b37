// The one protocol between ts314 and its workers: what a worker is asked to run, and how it answers.
import type { CallableRef } from '../callable.js';
import type { SerializedError } from '../remote-error.js';
import type { EncodedArgs } from '../wire.js';
import type { ResultLogMemory } from './result-log.js';

/**
 * What a worker serves, chosen when it starts. `tasks`: a pool's worker, running batched tasks one
 * at a time (thread or process). `session`: an interpreter, running prepare/exec/call requests in
 * the order sent, async calls overlapping.
 */
export type WorkerService = 'tasks' | 'session';

/** workerData role of an interpreter's worker (see boot.ts BootData.role): how getCurrent() knows it runs in one. */
export const INTERPRETER_ROLE = 'interpreter';

// ---- tasks: a pool's worker -------------------------------------------------------------------

/** Fields per task in RunMessage.b: seq, fnId, mode, payload, hasHandles, flushBefore. */
export const TASK_STRIDE = 6;
/** Fields per result in ResultMessage.r: seq, status, value. */
export const RESULT_STRIDE = 3;

export const MODE_CALL = 0;
/** payload is a list of argument lists; the result is flat [ok, value|error] pairs. */
export const MODE_CHUNK = 1;

/**
 * payload is `[column]`, one argument per item (a Float64Array when all are numbers); the result is
 * `[values, failedAt, error]`: values by position (a Float64Array when all are numbers), the first
 * item that failed (-1 for none) and its serialized error.
 */
export const MODE_COLUMN = 2;

export const STATUS_ERROR = 0;
export const STATUS_OK = 1;

export interface TasksInit {
  readonly service: 'tasks';
  /** Who runs the worker, for messages: e.g. 'InterpreterPoolExecutor'. */
  readonly name: string;
  readonly initializer: CallableRef | undefined;
  readonly initargs: EncodedArgs;
  /** The shared result log (thread workers only: a process cannot share memory with its parent). */
  readonly log: ResultLogMemory | undefined;
}

/** Tasks to run, flat (TASK_STRIDE fields each) so a batch of tiny tasks is one small message. */
export interface RunMessage {
  readonly t: 'run';
  /** Callables this worker has not seen yet: [fnId, ref] pairs. */
  readonly d: (readonly [number, CallableRef])[] | undefined;
  readonly b: unknown[];
}

/** How a forked process gets its TasksInit (a thread gets it as workerData). */
export interface InitMessage extends TasksInit {
  readonly t: 'init';
}

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

// ---- session: an interpreter's worker ---------------------------------------------------------

export interface SessionInit {
  readonly service: 'session';
}

export type Request =
  | { readonly t: 'prepare'; readonly id: number; readonly ns: EncodedArgs }
  | { readonly t: 'exec'; readonly id: number; readonly code: string }
  | { readonly t: 'call'; readonly id: number; readonly ref: CallableRef; readonly args: EncodedArgs };

export type Reply =
  | { readonly t: 'reply'; readonly id: number; readonly ok: true; readonly value: EncodedArgs }
  /** `phase: 'result'` when the work succeeded but its result could not be sent back. */
  | {
      readonly t: 'reply';
      readonly id: number;
      readonly ok: false;
      readonly error: SerializedError;
      readonly phase: 'run' | 'result';
      readonly path?: string;
    };

// ---- both --------------------------------------------------------------------------------------

export type WorkerInit = TasksInit | SessionInit;

/**
 * The worker is about to end on its own: an uncaught error (`e`), or `process.exit()` called by user
 * code. Sent after any buffered results, so the parent knows what finished, what killed the worker,
 * and (`started`) which of the tasks it sent never started and can safely run elsewhere.
 */
export interface ExitingMessage {
  readonly t: 'exiting';
  readonly e: SerializedError | undefined;
  /** How far the tasks service got (see TaskProgress); undefined for a session. */
  readonly progress: TaskProgress | undefined;
}

/**
 * How far a pool's worker got, as seqs one past the last task: `started` it took (loading the callable
 * and arguments), `called` it called the function of. A task between the two never ran user code.
 */
export interface TaskProgress {
  readonly started: number;
  readonly called: number;
}

export type ToWorker = RunMessage | InitMessage | Request;
export type FromWorker = ResultMessage | ReadyMessage | InitFailedMessage | Reply | ExitingMessage;

/** A worker-side service behind a port: it takes messages and can post what it has buffered. */
export interface WorkerServiceLoop {
  onMessage(message: ToWorker): void;
  /** Posts buffered results now (before the worker exits, so completed work is never lost). */
  flush(): void;
}
