// Errors raised by ts314/threading: the primitives' (named after the Python exceptions they stand for) and the shared data's.
import { Ts314Error, type Ts314ErrorOptions } from '../internal/errors.js';

/** Stable codes, so callers can branch without matching messages. */
export type ThreadingErrorCode =
  | 'ERR_THREADING'
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_ELEMENT_TYPE'
  | 'ERR_LOCK_NOT_HELD'
  | 'ERR_LOCK_BROKEN'
  | 'ERR_BARRIER_BROKEN'
  | 'ERR_SEMAPHORE_OVERFLOW'
  | 'ERR_TOO_MANY_WAITERS'
  | 'ERR_SHARED_QUEUE'
  | 'ERR_SHARED_QUEUE_EMPTY'
  | 'ERR_SHARED_QUEUE_FULL'
  | 'ERR_SHARED_QUEUE_SHUT_DOWN';

/** Base class of every ts314/threading error, the shared data's included. */
export class ThreadingError extends Ts314Error<ThreadingErrorCode> {
  static override readonly code: ThreadingErrorCode = 'ERR_THREADING';
  override name = 'ThreadingError';
}

/**
 * A bad argument or option: a negative count, a timeout with `blocking: false`, an unknown option key,
 * a SharedArray length or index out of range (Python raises `ValueError`, or `TypeError` for an unknown keyword).
 */
export class InvalidArgumentError extends ThreadingError {
  static override readonly code: ThreadingErrorCode = 'ERR_INVALID_ARGUMENT';
  override name = 'InvalidArgumentError';
}

/**
 * Releasing a lock that is not held, or (RLock, Condition) that this thread does not hold.
 * Python raises `RuntimeError` ("release unlocked lock", "cannot release un-acquired lock").
 */
export class LockNotHeldError extends ThreadingError {
  static override readonly code: ThreadingErrorCode = 'ERR_LOCK_NOT_HELD';
  override name = 'LockNotHeldError';
}

/**
 * The thread holding a lock died without releasing it. Python has no equivalent (a Python thread
 * cannot vanish while holding a lock without the whole process going); a worker can. The lock stays
 * broken, so every later acquire learns of it too, until `reset()` declares the guarded data sound again.
 */
export class BrokenLockError extends ThreadingError {
  static override readonly code: ThreadingErrorCode = 'ERR_LOCK_BROKEN';
  override name = 'BrokenLockError';
  /** threadId of the worker that died holding the lock (-1 when unknown). */
  declare readonly deadOwner: number;
  constructor(message: string, options?: Ts314ErrorOptions<ThreadingErrorCode> & { deadOwner?: number }) {
    super(message, { deadOwner: -1, ...options });
  }
}

/** Python's `threading.BrokenBarrierError`: the barrier was aborted, reset, timed out or its action failed. */
export class BrokenBarrierError extends ThreadingError {
  static override readonly code: ThreadingErrorCode = 'ERR_BARRIER_BROKEN';
  override name = 'BrokenBarrierError';
}

/** A BoundedSemaphore released more times than it was acquired (Python's `ValueError`). */
export class SemaphoreOverflowError extends ThreadingError {
  static override readonly code: ThreadingErrorCode = 'ERR_SEMAPHORE_OVERFLOW';
  override name = 'SemaphoreOverflowError';
}

/**
 * An element type name SharedArray/SharedQueue does not know, with "Did you mean …?". A bad
 * argument, so an InvalidArgumentError (it was a TypeError before ts314 had one error model).
 */
export class ElementTypeError extends InvalidArgumentError {
  static override readonly code: ThreadingErrorCode = 'ERR_ELEMENT_TYPE';
  override name = 'ElementTypeError';
  /** The name that was given. */
  declare readonly given: unknown;
  constructor(message: string, options?: Ts314ErrorOptions<ThreadingErrorCode> & { given?: unknown }) {
    super(message, { given: undefined, ...options });
  }
}

/** Base class of SharedQueue's failures, so one `catch` can handle them all. */
export class SharedQueueError extends ThreadingError {
  static override readonly code: ThreadingErrorCode = 'ERR_SHARED_QUEUE';
  override name = 'SharedQueueError';
}

/** get() timed out, or getNowait() found nothing (Python's `queue.Empty`). */
export class SharedQueueEmpty extends SharedQueueError {
  static override readonly code: ThreadingErrorCode = 'ERR_SHARED_QUEUE_EMPTY';
  override name = 'SharedQueueEmpty';
}

/** put() timed out, or putNowait() found no room (Python's `queue.Full`). */
export class SharedQueueFull extends SharedQueueError {
  static override readonly code: ThreadingErrorCode = 'ERR_SHARED_QUEUE_FULL';
  override name = 'SharedQueueFull';
  /** How many of the items of a putMany() were queued before it gave up (0 for put()). */
  declare readonly written: number;
  constructor(message: string, options?: Ts314ErrorOptions<ThreadingErrorCode> & { written?: number }) {
    super(message, { written: 0, ...options });
  }
}

/**
 * The queue was shut down (Python 3.13's `queue.ShutDown`): puts raise it at once, gets raise it
 * once the queue is drained.
 */
export class SharedQueueShutDown extends SharedQueueError {
  static override readonly code: ThreadingErrorCode = 'ERR_SHARED_QUEUE_SHUT_DOWN';
  override name = 'SharedQueueShutDown';
}
