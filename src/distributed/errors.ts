// Errors raised by ts314/distributed: broker connection, missing engine packages, unknown and stalled tasks.
import { Ts314Error, type Ts314ErrorOptions } from '../internal/errors.js';
export { InvalidArgumentError, InvalidValueError } from '../internal/errors.js';

/** Stable codes of ts314/distributed errors. */
export type DistributedErrorCode =
  | 'ERR_DISTRIBUTED'
  | 'ERR_UNAVAILABLE'
  | 'ERR_BROKER_UNREACHABLE'
  | 'ERR_UNKNOWN_TASK'
  | 'ERR_TASK_STALLED'
  | 'ERR_TASK_FAILED';

/** Base class of the ts314/distributed errors. */
export class DistributedError extends Ts314Error<DistributedErrorCode> {
  static override readonly code: DistributedErrorCode = 'ERR_DISTRIBUTED';
  override name = 'DistributedError';
}

/**
 * An engine package (bullmq, ioredis, pg) is not installed: they are optional peer dependencies, so
 * users of the other ts314 modules never install them. The message names the `npm install` command.
 */
export class DistributedUnavailableError extends DistributedError {
  static override readonly code: DistributedErrorCode = 'ERR_UNAVAILABLE';
  override name = 'DistributedUnavailableError';
  /** The missing package. */
  declare readonly packageName: string;
  constructor(message: string, options: Ts314ErrorOptions<DistributedErrorCode> & { packageName: string }) {
    super(message, options);
  }
}

/** The broker could not be reached (refused, unknown host, no answer within `connectTimeout`). */
export class BrokerConnectionError extends DistributedError {
  static override readonly code: DistributedErrorCode = 'ERR_BROKER_UNREACHABLE';
  override name = 'BrokerConnectionError';
  /** The connection string, password removed. */
  declare readonly connection: string;
  constructor(message: string, options: Ts314ErrorOptions<DistributedErrorCode> & { connection: string }) {
    super(message, options);
  }
}

/** The worker that took the task offers no task of that name; the message lists what it offers. */
export class UnknownTaskError extends DistributedError {
  static override readonly code: DistributedErrorCode = 'ERR_UNKNOWN_TASK';
  override name = 'UnknownTaskError';
}

/**
 * The task's worker stopped answering (killed, frozen) more often than the stall limit allows
 * (`maxStalledCount` of the workers, default 1 rerun): the engine gave up on it.
 */
export class TaskStalledError extends DistributedError {
  static override readonly code: DistributedErrorCode = 'ERR_TASK_STALLED';
  override name = 'TaskStalledError';
}

/** The engine failed the job for a reason other than the task's own error (its text is the message). */
export class TaskFailedError extends DistributedError {
  static override readonly code: DistributedErrorCode = 'ERR_TASK_FAILED';
  override name = 'TaskFailedError';
}
