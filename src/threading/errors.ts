// Errors raised by ts314/threading: the primitives' (named after the Python exceptions they stand for) and the shared data's.

/** Stable codes, so callers can branch without matching messages. */
export type ThreadingErrorCode =
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_LOCK_NOT_HELD'
  | 'ERR_LOCK_BROKEN'
  | 'ERR_BARRIER_BROKEN'
  | 'ERR_SEMAPHORE_OVERFLOW'
  | 'ERR_TOO_MANY_WAITERS';

/** Base class of every ts314/threading error. */
export class ThreadingError extends Error {
  override name = 'ThreadingError';
  readonly code: ThreadingErrorCode;
  constructor(message: string, code: ThreadingErrorCode, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/**
 * A bad argument or option: a negative count, a timeout with `blocking: false`, an unknown option key
 * (Python raises `ValueError`, or `TypeError` for an unknown keyword).
 */
export class InvalidArgumentError extends ThreadingError {
  override name = 'InvalidArgumentError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'ERR_INVALID_ARGUMENT', options);
  }
}

/**
 * Releasing a lock that is not held, or (RLock, Condition) that this thread does not hold.
 * Python raises `RuntimeError` ("release unlocked lock", "cannot release un-acquired lock").
 */
export class LockNotHeldError extends ThreadingError {
  override name = 'LockNotHeldError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'ERR_LOCK_NOT_HELD', options);
  }
}

/**
 * The thread holding a lock died without releasing it. Python has no equivalent (a Python thread
 * cannot vanish while holding a lock without the whole process going); a worker can. The lock stays
 * broken, so every later acquire learns of it too, until `reset()` declares the guarded data sound again.
 */
export class BrokenLockError extends ThreadingError {
  override name = 'BrokenLockError';
  /** threadId of the worker that died holding the lock. */
  readonly deadOwner: number;
  constructor(message: string, deadOwner: number, options?: ErrorOptions) {
    super(message, 'ERR_LOCK_BROKEN', options);
    this.deadOwner = deadOwner;
  }
}

/** Python's `threading.BrokenBarrierError`: the barrier was aborted, reset, timed out or its action failed. */
export class BrokenBarrierError extends ThreadingError {
  override name = 'BrokenBarrierError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'ERR_BARRIER_BROKEN', options);
  }
}

/** A BoundedSemaphore released more times than it was acquired (Python's `ValueError`). */
export class SemaphoreOverflowError extends ThreadingError {
  override name = 'SemaphoreOverflowError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'ERR_SEMAPHORE_OVERFLOW', options);
  }
}

/** An element type name SharedArray/SharedQueue does not know (a TypeError, with "Did you mean …?"). */
export class ElementTypeError extends TypeError {
  override name = 'ElementTypeError';
  /** The name that was given. */
  readonly given: unknown;
  constructor(message: string, given: unknown, options?: ErrorOptions) {
    super(message, options);
    this.given = given;
  }
}

/** Base class of SharedQueue's failures, so one `catch` can handle them all. */
export class SharedQueueError extends Error {
  override name = 'SharedQueueError';
}

/** get() timed out, or getNowait() found nothing (Python's `queue.Empty`). */
export class SharedQueueEmpty extends SharedQueueError {
  override name = 'SharedQueueEmpty';
}

/** put() timed out, or putNowait() found no room (Python's `queue.Full`). */
export class SharedQueueFull extends SharedQueueError {
  override name = 'SharedQueueFull';
  /** How many of the items of a putMany() were queued before it gave up (0 for put()). */
  readonly written: number;
  constructor(message: string, written = 0, options?: ErrorOptions) {
    super(message, options);
    this.written = written;
  }
}

/**
 * The queue was shut down (Python 3.13's `queue.ShutDown`): puts raise it at once, gets raise it
 * once the queue is drained.
 */
export class SharedQueueShutDown extends SharedQueueError {
  override name = 'SharedQueueShutDown';
}
