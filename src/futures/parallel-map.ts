// parallelMap(): the seed guide's graceful degradation — interpreters, else processes, else sequential.
import { checkOptionKeys } from '../internal/validate.js';
import { toCallableRef, type AnyFunction } from '../internal/callable.js';
import { loadTask } from '../internal/worker/task.js';
import { features } from '../runtime/features.js';
import type { Callable, CallResult, Executor } from './executor.js';
import { InterpreterPoolExecutor } from './interpreter-pool.js';
import { ProcessPoolExecutor } from './process-pool.js';

export type ParallelMode = 'interpreters' | 'processes' | 'sequential';

export interface ParallelMapOptions {
  readonly maxWorkers?: number | undefined;
  /** Items per worker message (default 1). */
  readonly chunksize?: number | undefined;
  /** Force a mode instead of detecting one (e.g. 'sequential' for debugging). Default 'auto'. */
  readonly mode?: ParallelMode | 'auto' | undefined;
}

/** What parallelMap did: the results in input order, and which mode ran them and why. */
export interface ParallelMapResult<R> {
  readonly results: R[];
  readonly mode: ParallelMode;
  /** One line saying why that mode was chosen. */
  readonly reason: string;
}

function hasChildProcesses(): boolean {
  // Sandboxes and some embedders lack IPC-capable child processes; fork needs the execPath to exist.
  return typeof process.execPath === 'string' && process.execPath.length > 0 && typeof process.pid === 'number';
}

/**
 * Maps `fn` over `items` in parallel by the best means available: an InterpreterPoolExecutor where
 * worker threads exist, a ProcessPoolExecutor otherwise, sequentially as the last resort. Says which.
 * @example
 * const { results, mode } = await parallelMap((n: number) => n * n, [1, 2, 3]);
 * console.log(mode, results); // 'interpreters' [1, 4, 9]
 */
export async function parallelMap<F extends AnyFunction>(
  fn: Callable<F>,
  items: Iterable<Parameters<F>[0]> | AsyncIterable<Parameters<F>[0]>,
  options: ParallelMapOptions = {},
): Promise<ParallelMapResult<CallResult<F>>> {
  checkOptionKeys(options, ['maxWorkers', 'chunksize', 'mode'], 'parallelMap()');
  const ref = toCallableRef(fn, 'parallelMap()');
  const wanted = options.mode ?? 'auto';
  const modes = ['auto', 'interpreters', 'processes', 'sequential'];
  if (!modes.includes(wanted)) throw new RangeError(`parallelMap(): mode must be one of ${modes.join(', ')}, got ${String(wanted)}`);
  let mode: ParallelMode;
  let reason: string;
  const found = features();
  if (wanted !== 'auto') {
    mode = wanted;
    reason = `mode '${wanted}' was requested`;
  } else if (found.workerThreads.available) {
    mode = 'interpreters';
    reason = 'worker threads are available';
  } else if (hasChildProcesses()) {
    mode = 'processes';
    reason = `worker threads are unavailable (${found.workerThreads.fallback})`;
  } else {
    mode = 'sequential';
    reason = 'neither worker threads nor child processes are available';
  }
  if (mode === 'sequential') {
    const run = typeof fn === 'function' ? (fn as AnyFunction) : await loadTask(ref, 'parallelMap()');
    const results: CallResult<F>[] = [];
    for await (const item of items) results.push((await run(item)) as CallResult<F>);
    return { results, mode, reason };
  }
  const executor: Executor =
    mode === 'interpreters'
      ? new InterpreterPoolExecutor({ maxWorkers: options.maxWorkers })
      : new ProcessPoolExecutor({ maxWorkers: options.maxWorkers });
  try {
    const results: CallResult<F>[] = [];
    for await (const value of executor.map(fn as Callable<AnyFunction>, items, { chunksize: options.chunksize }))
      results.push(value as CallResult<F>);
    return { results, mode, reason };
  } finally {
    await executor.shutdown({ cancelFutures: true });
  }
}
