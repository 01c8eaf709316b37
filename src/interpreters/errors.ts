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

/**
 * A value cannot cross into another interpreter. Raised before anything is sent; `path` names the
 * offending value, e.g. `args[1].onDone`.
 */
export class NotShareableError extends TypeError {
  override name = 'NotShareableError';
  readonly path: string;
  constructor(path: string, reason: string) {
    super(`${path} is not shareable: ${reason}`);
    this.path = path;
  }
}
