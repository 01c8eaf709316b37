// ts314/asyncio: Python's asyncio tasks, task groups and call-graph introspection (3.14's capture_call_graph, `python -m asyncio ps/pstree`).
export { Future, futureAddToAwaitedBy, futureDiscardFromAwaitedBy } from './future.js';
export { Task, createTask, currentTask, allTasks, run } from './task.js';
export type { TaskBody, TaskOptions } from './task.js';
export { TaskGroup } from './task-group.js';
export { gather } from './gather.js';
export type { GatherOptions } from './gather.js';
export { sleep } from './sleep.js';
export { timeout, Timeout } from './timeout.js';
export { captureCallGraph, formatCallGraph, printCallGraph } from './graph.js';
export type { CallGraphOptions, FrameCallGraphEntry, FutureCallGraph, PrintCallGraphOptions } from './graph.js';
export type { FrameInfo } from './frames.js';
export type { AwaitedInfo, CoroInfo, TaskInfo } from './registry.js';
export {
  buildAsyncTree,
  buildTaskTable,
  formatCycleError,
  formatStackEntry,
  formatTaskTable,
  formatTaskTableCsv,
  TASK_TABLE_HEADER,
  TASK_TABLE_WIDTHS,
} from './tools.js';
export type { TaskTableRow } from './tools.js';
export { getAllAwaitedBy } from './remote.js';
export type { InspectOptions } from './remote.js';
export {
  CancelledError,
  CycleFoundError,
  ExceptionGroup,
  InspectError,
  InvalidArgumentError,
  InvalidStateError,
  InvalidValueError,
  TimeoutError,
} from './errors.js';
export type { AsyncioErrorCode } from './errors.js';
