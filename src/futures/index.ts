// ts314/futures: Python 3.14's concurrent.futures — futures, wait/asCompleted and three executors.
export { Future } from './future.js';
export type { DoneCallback, FutureState, WaitOptions } from './future.js';
export { wait, FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED } from './wait.js';
export type { DoneAndNotDone, ReturnWhen, WaitForOptions } from './wait.js';
export { asCompleted, Completed } from './as-completed.js';
export type { AsCompletedOptions } from './as-completed.js';
export type { Callable, CallResult, Executor, MapArgument, MapArguments, MapOptions, ShutdownOptions, SubmitOptions } from './executor.js';
export { ThreadPoolExecutor, DEFAULT_THREAD_POOL_MAX_WORKERS } from './thread-pool.js';
export type { ThreadPoolExecutorOptions } from './thread-pool.js';
export { InterpreterPoolExecutor, DEFAULT_MAX_WORKERS } from './interpreter-pool.js';
export type { InterpreterPoolExecutorOptions } from './interpreter-pool.js';
export { ProcessPoolExecutor } from './process-pool.js';
export type { ProcessPoolExecutorOptions } from './process-pool.js';
export { parallelMap } from './parallel-map.js';
export type { ParallelMapOptions, ParallelMapResult, ParallelMode } from './parallel-map.js';
export {
  BrokenExecutor,
  BrokenInterpreterPool,
  BrokenProcessPool,
  CancelledError,
  ExecutorShutdownError,
  InvalidArgumentError,
  InvalidValueError,
  InvalidStateError,
  TimeoutError,
} from './errors.js';
export type { FuturesErrorCode } from './errors.js';
export { task } from '../internal/callable.js';
export type { ModuleTask, UnknownFunction } from '../internal/callable.js';
export { NotShareableError } from '../interpreters/errors.js';
