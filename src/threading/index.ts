// ts314/threading: Python's threading vocabulary over SharedArrayBuffer + Atomics, shared by workers without copying.
export { SharedArray, ELEMENT_TYPES } from './shared-array.js';
export type { ElementType, ElementTypeOf, TypedArrayOf } from './shared-array.js';
export { SharedQueue, DEFAULT_SHARED_QUEUE_CAPACITY } from './shared-queue.js';
export type { SharedQueueOptions, SharedQueueTimeoutOptions, SharedQueueType } from './shared-queue.js';
export { parallelFor } from './parallel-for.js';
export type { IndexRange, ParallelForOptions } from './parallel-for.js';
export { ElementTypeError, SharedQueueError, SharedQueueEmpty, SharedQueueFull, SharedQueueShutDown } from './errors.js';
export { Lock } from './lock.js';
export type { Held } from './scoped-hold.js';
export { RLock } from './rlock.js';
export { Semaphore, BoundedSemaphore } from './semaphore.js';
export { Event } from './event.js';
export { Condition, DEFAULT_MAX_WAITERS } from './condition.js';
export type { ConditionOptions } from './condition.js';
export { Barrier, MAX_PARTIES } from './barrier.js';
export type { BarrierOptions } from './barrier.js';
export { AtomicCounter } from './atomic-counter.js';
export { WAIT_SLICE_MS } from '../internal/shared-memory/slice-wait.js';
export type { AcquireOptions, SemaphoreAcquireOptions, WaitOptions } from './timeouts.js';
export { watchWorker } from '../internal/thread-liveness.js';
export {
  BrokenBarrierError,
  BrokenLockError,
  InvalidArgumentError,
  LockNotHeldError,
  SemaphoreOverflowError,
  ThreadingError,
} from './errors.js';
export type { ThreadingErrorCode } from './errors.js';
