// InterpreterPoolExecutor: Python 3.14's interpreter pool, on worker_threads (one V8 isolate per worker).
import type { ResourceLimits } from 'node:worker_threads';
import { checkOptionKeys } from '../internal/validate.js';
import { checkInteger, checkMilliseconds } from '../internal/validate.js';
import { PoolExecutor, checkInitializer, type CommonPoolOptions } from './pool/pool-executor.js';
import { BrokenInterpreterPool } from './errors.js';

export { DEFAULT_MAX_WORKERS } from './pool/pool-executor.js';

export interface InterpreterPoolExecutorOptions extends CommonPoolOptions {
  /** Workers to run at most. Default DEFAULT_MAX_WORKERS (os.availableParallelism()). */
  readonly maxWorkers?: number | undefined;
  /** Run once in each worker before its first task; if it throws, the pool is broken (BrokenInterpreterPool). */
  readonly initializer?: CommonPoolOptions['initializer'];
  readonly initargs?: readonly unknown[] | undefined;
  /** Replace a worker after this many tasks (Python's max_tasks_per_child): bounds leaks in task code. */
  readonly maxTasksPerWorker?: number | undefined;
  /** Milliseconds an idle worker lives before it is ended (a new one starts on demand). Default Infinity. */
  readonly idleTimeout?: number | undefined;
  /** V8 heap limits per worker; a worker that exceeds them dies and only its task fails. */
  readonly resourceLimits?: ResourceLimits | undefined;
}

const OPTION_KEYS = ['maxWorkers', 'initializer', 'initargs', 'maxTasksPerWorker', 'idleTimeout', 'resourceLimits'] as const;
const RESOURCE_KEYS = ['maxOldGenerationSizeMb', 'maxYoungGenerationSizeMb', 'codeRangeSizeMb', 'stackSizeMb'] as const;

/**
 * Runs tasks in a pool of worker threads, each its own interpreter (V8 isolate). Callables are
 * self-contained functions (sent by source) or module exports named with `task(url, name)`.
 * A worker that dies fails only the task it was running and is replaced.
 * @example
 * import { InterpreterPoolExecutor, task } from 'ts314/futures';
 * await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
 * const squares = [];
 * for await (const y of pool.map((x: number) => x * x, [1, 2, 3], { chunksize: 64 })) squares.push(y);
 * const big = await pool.submit(task(new URL('./math.js', import.meta.url), 'factorial'), 10_000);
 */
export class InterpreterPoolExecutor extends PoolExecutor {
  constructor(options: InterpreterPoolExecutorOptions = {}) {
    const where = 'InterpreterPoolExecutor';
    checkOptionKeys(options, OPTION_KEYS, where);
    if (options.resourceLimits !== undefined) checkOptionKeys(options.resourceLimits, RESOURCE_KEYS, `${where}: resourceLimits`);
    super({
      kind: 'thread',
      name: where,
      maxWorkers: options.maxWorkers,
      BrokenError: BrokenInterpreterPool,
      ...checkInitializer(options.initializer, options.initargs, where),
      maxTasksPerWorker:
        options.maxTasksPerWorker === undefined ? undefined : checkInteger(options.maxTasksPerWorker, 'maxTasksPerWorker', { where }, 1),
      idleTimeout: checkMilliseconds(options.idleTimeout, 'idleTimeout', { where }),
      resourceLimits: options.resourceLimits,
    });
  }

  /** Live worker threads right now (they start on demand and are replaced when they die). */
  get workerCount(): number {
    return this.pool.workerCount;
  }

  /**
   * Ends every worker thread now (`worker.terminate()`), then shuts down: queued tasks are cancelled,
   * running ones fail with BrokenInterpreterPool. ProcessPoolExecutor's 3.14 method, offered here too
   * because a stuck task would otherwise keep `shutdown()` waiting forever.
   */
  async terminateWorkers(): Promise<void> {
    await this.closeNow('terminate');
  }
}
