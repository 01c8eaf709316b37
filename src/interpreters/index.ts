// ts314/interpreters: multiple isolated interpreters in one process (Python 3.14's concurrent.interpreters, PEP 734).
export { create, getCurrent, getMain, listAll } from './registry.js';
export type { CreateOptions } from './registry.js';
export { Interpreter } from './interpreter.js';
export type { CallOptions, CallResult, Whence } from './interpreter.js';
export { createQueue, Queue, DEFAULT_QUEUE_BYTE_CAPACITY } from './queue.js';
export type { CreateQueueOptions, QueueTimeoutOptions } from './queue.js';
export { task } from '../internal/callable.js';
export type { ModuleTask, UnknownFunction } from '../internal/callable.js';
export { isShareable } from '../internal/shareable.js';
export {
  ExecutionFailed,
  InterpreterError,
  InterpreterNotFoundError,
  InterpreterStoppedError,
  InvalidArgumentError,
  InvalidValueError,
  NotShareableError,
  QueueEmpty,
  QueueError,
  QueueFull,
} from './errors.js';
export type { ExceptionInfo, InterpreterErrorCode } from './errors.js';
