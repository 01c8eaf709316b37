// Errors raised by ts314/futures, mirroring concurrent.futures' exception hierarchy.

/** The future was cancelled before it produced a result (Python's `CancelledError`). */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

/**
 * A wait ran out of time (Python's `TimeoutError`). Timeouts are milliseconds in ts314.
 * `timeoutMs` is the limit that expired.
 */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number, options?: ErrorOptions) {
    super(message, options);
    this.timeoutMs = timeoutMs;
  }
}

/** An operation is not allowed in the future's current state, e.g. setting a result twice. */
export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
}

/**
 * An executor could not run a task: its worker died, or its initializer failed (which breaks the
 * whole pool, as in Python). `cause` carries the underlying failure when there is one.
 */
export class BrokenExecutor extends Error {
  override name = 'BrokenExecutor';
}

/** A worker thread of an `InterpreterPoolExecutor` died or failed to initialize. */
export class BrokenInterpreterPool extends BrokenExecutor {
  override name = 'BrokenInterpreterPool';
}

/** A child process of a `ProcessPoolExecutor` died or failed to initialize. */
export class BrokenProcessPool extends BrokenExecutor {
  override name = 'BrokenProcessPool';
}

/** `submit()`/`map()` was called after `shutdown()` (Python raises `RuntimeError`). */
export class ExecutorShutdownError extends Error {
  override name = 'ExecutorShutdownError';
}
