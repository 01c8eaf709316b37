// Errors raised by ts314/asyncio, mirroring asyncio's: CancelledError, TimeoutError, InvalidStateError, ExceptionGroup, and the inspector's failures.
import { Ts314Error, type Ts314ErrorOptions } from '../internal/errors.js';
export { InvalidArgumentError, InvalidValueError } from '../internal/errors.js';

/** Stable codes of ts314/asyncio errors. */
export type AsyncioErrorCode =
  | 'ERR_CANCELLED'
  | 'ERR_TIMEOUT'
  | 'ERR_INVALID_STATE'
  | 'ERR_EXCEPTION_GROUP'
  | 'ERR_AWAIT_GRAPH_CYCLE'
  | 'ERR_INSPECT'
  | 'ERR_NO_SUCH_PROCESS'
  | 'ERR_PERMISSION_DENIED'
  | 'ERR_NOT_USING_ASYNCIO'
  | 'ERR_INSPECTOR_UNAVAILABLE'
  | 'ERR_PROCESS_DIED';

/**
 * The task or future was cancelled (Python's `asyncio.CancelledError`). A task's `cancel()` throws it
 * at the ts314 await the task is suspended in (`sleep`, `gather`, a TaskGroup's end); a task whose
 * function lets it propagate ends cancelled.
 */
export class CancelledError extends Ts314Error<AsyncioErrorCode> {
  static override readonly code: AsyncioErrorCode = 'ERR_CANCELLED';
  override name = 'CancelledError';
}

/** A `timeout()` scope expired (Python's `TimeoutError` from `asyncio.timeout`). Field `timeoutMs`: the delay that expired. */
export class TimeoutError extends Ts314Error<AsyncioErrorCode> {
  static override readonly code: AsyncioErrorCode = 'ERR_TIMEOUT';
  override name = 'TimeoutError';
  declare readonly timeoutMs: number;
  constructor(message: string, options?: Ts314ErrorOptions<AsyncioErrorCode> & { timeoutMs?: number }) {
    super(message, { timeoutMs: 0, ...options });
  }
}

/** `result()` of a pending future, `setResult()` on a finished one (Python's `asyncio.InvalidStateError`). */
export class InvalidStateError extends Ts314Error<AsyncioErrorCode> {
  static override readonly code: AsyncioErrorCode = 'ERR_INVALID_STATE';
  override name = 'InvalidStateError';
}

/**
 * Several failures at once (Python's `ExceptionGroup`): what a TaskGroup throws when children failed.
 * The message reads as Python's `str()` of one: `unhandled errors in a TaskGroup (2 sub-exceptions)`.
 * Field `exceptions`: the children's errors, in the order they failed.
 */
export class ExceptionGroup extends Ts314Error<AsyncioErrorCode> {
  static override readonly code: AsyncioErrorCode = 'ERR_EXCEPTION_GROUP';
  override name = 'ExceptionGroup';
  declare readonly exceptions: readonly unknown[];
  constructor(message: string, options?: Ts314ErrorOptions<AsyncioErrorCode> & { exceptions?: readonly unknown[] }) {
    const exceptions = options?.exceptions ?? [];
    super(exceptionGroupMessage(message, exceptions.length), { ...options, exceptions } as Ts314ErrorOptions<AsyncioErrorCode>);
  }
}

/** Python's `str()` of an ExceptionGroup of `n` exceptions. */
export function exceptionGroupMessage(message: string, n: number): string {
  return n === 0 ? message : `${message} (${n} sub-exception${n === 1 ? '' : 's'})`;
}

/**
 * `pstree` found tasks that await each other (Python's `CycleFoundException`). Fields `cycles` (each a
 * list of task ids, first repeated last) and `id2name` (task id → name, as `[id, name]` pairs).
 */
export class CycleFoundError extends Ts314Error<AsyncioErrorCode> {
  static override readonly code: AsyncioErrorCode = 'ERR_AWAIT_GRAPH_CYCLE';
  override name = 'CycleFoundError';
  declare readonly cycles: readonly (readonly number[])[];
  declare readonly id2name: readonly (readonly [number, string])[];
  constructor(
    message: string,
    options?: Ts314ErrorOptions<AsyncioErrorCode> & {
      cycles?: readonly (readonly number[])[];
      id2name?: readonly (readonly [number, string])[];
    },
  ) {
    super(message, { cycles: [], id2name: [], ...options });
  }
}

/**
 * Reading another process's tasks failed; `code` says why: `ERR_NO_SUCH_PROCESS`,
 * `ERR_PERMISSION_DENIED`, `ERR_NOT_USING_ASYNCIO`, `ERR_INSPECTOR_UNAVAILABLE` (port busy, inspector
 * disabled, not a Node process), `ERR_PROCESS_DIED` (it exited mid-read), `ERR_INSPECT` (other). Field `pid`.
 */
export class InspectError extends Ts314Error<AsyncioErrorCode> {
  static override readonly code: AsyncioErrorCode = 'ERR_INSPECT';
  override name = 'InspectError';
  declare readonly pid: number;
  constructor(message: string, options?: Ts314ErrorOptions<AsyncioErrorCode> & { pid?: number }) {
    super(message, { pid: 0, ...options });
  }
}
