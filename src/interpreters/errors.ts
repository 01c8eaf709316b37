// Errors raised by ts314/interpreters, mirroring concurrent.interpreters (PEP 734).
export { InvalidArgumentError, InvalidValueError } from '../internal/errors.js';
import { Ts314Error, type Ts314ErrorOptions } from '../internal/errors.js';

/** Stable codes of ts314/interpreters errors. */
export type InterpreterErrorCode =
  | 'ERR_INTERPRETER'
  | 'ERR_INTERPRETER_NOT_FOUND'
  | 'ERR_EXECUTION_FAILED'
  | 'ERR_NOT_SHAREABLE'
  | 'ERR_INTERPRETER_DIED'
  | 'ERR_INTERPRETER_CLOSED'
  | 'ERR_INTERPRETER_ABORTED'
  | 'ERR_QUEUE'
  | 'ERR_QUEUE_EMPTY'
  | 'ERR_QUEUE_FULL'
  | 'ERR_QUEUE_ITEM_TOO_LARGE';

/** Base class for interpreter failures (Python's `InterpreterError`). */
export class InterpreterError extends Ts314Error<InterpreterErrorCode> {
  static override readonly code: InterpreterErrorCode = 'ERR_INTERPRETER';
  override name = 'InterpreterError';
}

/** The interpreter id does not exist (closed, or never created). */
export class InterpreterNotFoundError extends InterpreterError {
  static override readonly code: InterpreterErrorCode = 'ERR_INTERPRETER_NOT_FOUND';
  override name = 'InterpreterNotFoundError';
}

/** A snapshot of the exception raised inside another interpreter (Python's `excinfo`). */
export interface ExceptionInfo {
  /** The remote error's class name, e.g. "RangeError". */
  readonly type: string;
  readonly msg: string;
  /** The remote stack trace as text. */
  readonly formatted: string;
}

/** The message ExecutionFailed carries for a snapshot: the remote error and its stack. */
export function executionFailedMessage(excinfo: ExceptionInfo): string {
  return `${excinfo.type}: ${excinfo.msg}\n\nUncaught in the interpreter:\n\n${excinfo.formatted}`;
}

/**
 * Code run by `exec()` or `call()` threw. The original error is rebuilt as `cause` (name, message,
 * stack, code and its own cause), and `excinfo` keeps the raw snapshot.
 */
export class ExecutionFailed extends InterpreterError {
  static override readonly code: InterpreterErrorCode = 'ERR_EXECUTION_FAILED';
  override name = 'ExecutionFailed';
  declare readonly excinfo: ExceptionInfo;
  constructor(message: string, options?: Ts314ErrorOptions<InterpreterErrorCode> & { excinfo?: ExceptionInfo }) {
    super(message, { excinfo: { type: 'Error', msg: message, formatted: '' }, ...options });
  }
}

// Defined beside the shareability check that throws it (internal/ imports nothing public); public from here.
export { NotShareableError, notShareable } from '../internal/shareable.js';

/**
 * The interpreter stopped under work that was running in it: its worker exited (process.exit, an
 * uncaught error in a timer, out of memory under resourceLimits) or close() was called.
 * `code` says which (ERR_INTERPRETER_DIED, ERR_INTERPRETER_CLOSED, ERR_INTERPRETER_ABORTED);
 * `cause` is the worker's own error when there was one.
 */
export class InterpreterStoppedError extends InterpreterError {
  static override readonly code: InterpreterErrorCode = 'ERR_INTERPRETER_DIED';
  override name = 'InterpreterStoppedError';
  /** The worker's exit code when it exited by itself, else undefined. */
  declare readonly exitCode: number | undefined;
  constructor(message: string, options?: Ts314ErrorOptions<InterpreterErrorCode> & { exitCode?: number | undefined }) {
    super(message, { exitCode: undefined, ...options });
  }
}

/** Base class for Queue failures (Python's `QueueError`); code ERR_QUEUE_ITEM_TOO_LARGE for an item that can never fit. */
export class QueueError extends Ts314Error<InterpreterErrorCode> {
  static override readonly code: InterpreterErrorCode = 'ERR_QUEUE';
  override name = 'QueueError';
}

/** getAsync() timed out, or getNowait() found the queue empty (Python's `QueueEmpty`). */
export class QueueEmpty extends QueueError {
  static override readonly code: InterpreterErrorCode = 'ERR_QUEUE_EMPTY';
  override name = 'QueueEmpty';
}

/** putAsync() timed out, or putNowait() found no room (Python's `QueueFull`). */
export class QueueFull extends QueueError {
  static override readonly code: InterpreterErrorCode = 'ERR_QUEUE_FULL';
  override name = 'QueueFull';
}
