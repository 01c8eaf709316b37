// Errors raised by ts314/futures, mirroring concurrent.futures' exception hierarchy.
import { Ts314Error, type Ts314ErrorOptions } from '../internal/errors.js';
export { InvalidArgumentError, InvalidValueError } from '../internal/errors.js';

/** Stable codes of ts314/futures errors. */
export type FuturesErrorCode =
  | 'ERR_CANCELLED'
  | 'ERR_TIMEOUT'
  | 'ERR_INVALID_STATE'
  | 'ERR_EXECUTOR_BROKEN'
  | 'ERR_INTERPRETER_POOL_BROKEN'
  | 'ERR_PROCESS_POOL_BROKEN'
  | 'ERR_EXECUTOR_SHUT_DOWN';

/** The future was cancelled before it produced a result (Python's `CancelledError`). */
export class CancelledError extends Ts314Error<FuturesErrorCode> {
  static override readonly code: FuturesErrorCode = 'ERR_CANCELLED';
  override name = 'CancelledError';
}

/**
 * A wait ran out of time (Python's `TimeoutError`). Timeouts are milliseconds in ts314.
 * `timeoutMs` is the limit that expired.
 */
export class TimeoutError extends Ts314Error<FuturesErrorCode> {
  static override readonly code: FuturesErrorCode = 'ERR_TIMEOUT';
  override name = 'TimeoutError';
  /** The limit that expired, in milliseconds. */
  declare readonly timeoutMs: number;
  constructor(message: string, options?: Ts314ErrorOptions<FuturesErrorCode> & { timeoutMs?: number }) {
    super(message, { timeoutMs: 0, ...options });
  }
}

/** An operation is not allowed in the future's current state, e.g. setting a result twice. */
export class InvalidStateError extends Ts314Error<FuturesErrorCode> {
  static override readonly code: FuturesErrorCode = 'ERR_INVALID_STATE';
  override name = 'InvalidStateError';
}

/**
 * An executor could not run a task: its worker died, or its initializer failed (which breaks the
 * whole pool, as in Python). `cause` carries the underlying failure when there is one.
 */
export class BrokenExecutor extends Ts314Error<FuturesErrorCode> {
  static override readonly code: FuturesErrorCode = 'ERR_EXECUTOR_BROKEN';
  override name = 'BrokenExecutor';
}

/** A worker thread of an `InterpreterPoolExecutor` died or failed to initialize. */
export class BrokenInterpreterPool extends BrokenExecutor {
  static override readonly code: FuturesErrorCode = 'ERR_INTERPRETER_POOL_BROKEN';
  override name = 'BrokenInterpreterPool';
}

/** A child process of a `ProcessPoolExecutor` died or failed to initialize. */
export class BrokenProcessPool extends BrokenExecutor {
  static override readonly code: FuturesErrorCode = 'ERR_PROCESS_POOL_BROKEN';
  override name = 'BrokenProcessPool';
}

/** `submit()`/`map()` was called after `shutdown()` (Python raises `RuntimeError`). */
export class ExecutorShutdownError extends Ts314Error<FuturesErrorCode> {
  static override readonly code: FuturesErrorCode = 'ERR_EXECUTOR_SHUT_DOWN';
  override name = 'ExecutorShutdownError';
}
