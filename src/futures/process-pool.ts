// ProcessPoolExecutor: tasks in forked child processes, with 3.14's terminateWorkers()/killWorkers().
import { checkOptionKeys } from '../internal/validate.js';
import { checkInteger, checkMilliseconds } from '../internal/validate.js';
import { PoolExecutor, checkInitializer, type CommonPoolOptions } from './pool/pool-executor.js';
import { BrokenProcessPool } from './errors.js';

export interface ProcessPoolExecutorOptions extends CommonPoolOptions {
  /** Child processes to run at most. Default DEFAULT_MAX_WORKERS (os.availableParallelism()). */
  readonly maxWorkers?: number | undefined;
  /** Replace a child after this many tasks (Python's max_tasks_per_child). */
  readonly maxTasksPerChild?: number | undefined;
  /** Run once in each child before its first task; if it throws, the pool is broken (BrokenProcessPool). */
  readonly initializer?: CommonPoolOptions['initializer'];
  readonly initargs?: readonly unknown[] | undefined;
  /** Milliseconds an idle child lives before it is ended. Default Infinity. */
  readonly idleTimeout?: number | undefined;
}

const OPTION_KEYS = ['maxWorkers', 'maxTasksPerChild', 'initializer', 'initargs', 'idleTimeout'] as const;

/**
 * Runs tasks in child processes (`child_process.fork`, advanced serialization, the parent's
 * execArgv so `.ts` task modules load under tsx). For runtimes without worker threads, or for
 * isolation from native crashes. Each child runs one task at a time. `transfer` is accepted and
 * ignored (data is copied between processes).
 * @example
 * import { ProcessPoolExecutor } from 'ts314/futures';
 * const pool = new ProcessPoolExecutor({ maxWorkers: 2, maxTasksPerChild: 100 });
 * console.log(await pool.submit((n: number) => process.pid + n, 0));
 * await pool.terminateWorkers();
 */
export class ProcessPoolExecutor extends PoolExecutor {
  constructor(options: ProcessPoolExecutorOptions = {}) {
    const where = 'ProcessPoolExecutor';
    checkOptionKeys(options, OPTION_KEYS, where);
    super({
      kind: 'process',
      name: where,
      maxWorkers: options.maxWorkers,
      BrokenError: BrokenProcessPool,
      ...checkInitializer(options.initializer, options.initargs, where),
      maxTasksPerWorker:
        options.maxTasksPerChild === undefined ? undefined : checkInteger(options.maxTasksPerChild, 'maxTasksPerChild', { where }, 1),
      idleTimeout: checkMilliseconds(options.idleTimeout, 'idleTimeout', { where }),
      resourceLimits: undefined,
    });
  }

  /** Live child processes right now. */
  get workerCount(): number {
    return this.pool.workerCount;
  }

  /**
   * SIGTERM every child now, then shut down: queued tasks are cancelled, running ones fail with
   * BrokenProcessPool. Children still alive after a 2 s grace period are killed, so this never hangs.
   */
  async terminateWorkers(): Promise<void> {
    await this.closeNow('terminate');
  }

  /** SIGKILL every child now, then shut down (as terminateWorkers, without the grace). */
  async killWorkers(): Promise<void> {
    await this.closeNow('kill');
  }
}
