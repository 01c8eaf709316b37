// ts314/distributed: the concurrent.futures Executor beyond one machine, on BullMQ (Redis or PostgreSQL).
export { DistributedExecutor } from './executor.js';
export type { DistributedExecutorOptions } from './executor.js';
export { startWorker } from './worker.js';
export type { DistributedWorker, WorkerOptions, WorkerStats } from './worker.js';
export { startLocalWorkers } from './local-workers.js';
export type { LocalWorkers, LocalWorkersOptions } from './local-workers.js';
export { registeredTask } from './tasks.js';
export type { BrokerKind } from './engine.js';
export {
  BrokerConnectionError,
  DistributedError,
  DistributedUnavailableError,
  InvalidArgumentError,
  InvalidValueError,
  TaskFailedError,
  TaskStalledError,
  UnknownTaskError,
} from './errors.js';
export type { DistributedErrorCode } from './errors.js';
export { task } from '../internal/callable.js';
export type { ModuleTask, UnknownFunction } from '../internal/callable.js';
