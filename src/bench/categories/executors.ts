// The ts314/futures executors a category compares, created by name and warmed before timing starts.
import { availableParallelism } from 'node:os';
import { InterpreterPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor, type Executor } from '../../futures/index.js';

export type ExecutorName = 'InterpreterPoolExecutor' | 'ProcessPoolExecutor' | 'ThreadPoolExecutor';

export function createExecutor(name: ExecutorName, workers: number): Executor {
  switch (name) {
    case 'InterpreterPoolExecutor':
      return new InterpreterPoolExecutor({ maxWorkers: workers });
    case 'ProcessPoolExecutor':
      return new ProcessPoolExecutor({ maxWorkers: workers });
    case 'ThreadPoolExecutor':
      return new ThreadPoolExecutor({ maxWorkers: workers });
  }
}

/**
 * The one worker count the costly comparisons (process pool, same-thread pool) use in --quick: the
 * largest requested count the machine can run in parallel, or the smallest requested if none fits.
 */
export function representativeWorkers(requested: readonly number[]): number {
  const cores = availableParallelism();
  const sorted = [...new Set(requested)].sort((a, b) => a - b);
  const fitting = sorted.filter((w) => w <= cores);
  return fitting.length > 0 ? fitting[fitting.length - 1]! : (sorted[0] ?? 1);
}

/** The --workers counts in ascending order, without duplicates. */
export function workerCounts(requested: readonly number[]): number[] {
  return [...new Set(requested)].sort((a, b) => a - b);
}
