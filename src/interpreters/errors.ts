// Errors raised by ts314/interpreters, mirroring concurrent.interpreters (PEP 734).

/** Base class for interpreter failures (Python's `InterpreterError`). */
export class InterpreterError extends Error {
  override name = 'InterpreterError';
}

/** The interpreter id does not exist (closed, or never created). */
export class InterpreterNotFoundError extends InterpreterError {
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

/**
 * Code run by `exec()` or `call()` threw. The original error is rebuilt as `cause` (name, message,
 * stack, code and its own cause), and `excinfo` keeps the raw snapshot.
 */
export class ExecutionFailed extends InterpreterError {
  override name = 'ExecutionFailed';
  readonly excinfo: ExceptionInfo;
  constructor(excinfo: ExceptionInfo, options?: ErrorOptions) {
    super(`${excinfo.type}: ${excinfo.msg}\n\nUncaught in the interpreter:\n\n${excinfo.formatted}`, options);
    this.excinfo = excinfo;
  }
}

// Defined beside the shareability check that throws it (internal/ imports nothing public); public from here.
export { NotShareableError } from '../internal/shareable.js';

/** Why an interpreter stopped while work was in flight; `code` is stable for programs to test. */
export type InterpreterErrorCode = 'ERR_INTERPRETER_DIED' | 'ERR_INTERPRETER_CLOSED' | 'ERR_INTERPRETER_ABORTED';

/**
 * The interpreter stopped under work that was running in it: its worker exited (process.exit, an
 * uncaught error in a timer, out of memory under resourceLimits) or close() was called.
 * `code` says which; `cause` is the worker's own error when there was one.
 */
export class InterpreterStoppedError extends InterpreterError {
  override name = 'InterpreterStoppedError';
  readonly code: InterpreterErrorCode;
  /** The worker's exit code when it exited by itself, else undefined. */
  readonly exitCode: number | undefined;
  constructor(message: string, code: InterpreterErrorCode, exitCode?: number, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** Base class for Queue failures (Python's `QueueError`). */
export class QueueError extends Error {
  override name = 'QueueError';
  /** Set for failures that are not Empty/Full, e.g. 'ERR_QUEUE_ITEM_TOO_LARGE'. */
  readonly code: string | undefined;
  constructor(message: string, options?: ErrorOptions & { code?: string }) {
    super(message, options);
    this.code = options?.code;
  }
}

/** get() timed out, or getNowait() found the queue empty (Python's `QueueEmpty`). */
export class QueueEmpty extends QueueError {
  override name = 'QueueEmpty';
}

/** put() timed out, or putNowait() found no room (Python's `QueueFull`). */
export class QueueFull extends QueueError {
  override name = 'QueueFull';
}
