// ThreadPoolExecutor: a concurrency-limited executor for async (I/O-bound) functions on this thread.
import { availableParallelism } from 'node:os';
import { checkOptionKeys } from '../internal/validate.js';
import { isModuleTask, toCallableRef, type AnyFunction } from '../internal/callable.js';
import { loadTask } from '../internal/worker/task.js';
import { ExecutorShutdownError } from './errors.js';
import {
  checkMaxWorkers,
  checkSubmitOptions,
  type Callable,
  type CallResult,
  type Executor,
  type MapArguments,
  type ShutdownOptions,
  type SubmitOptions,
} from './executor.js';
import { Future } from './future.js';
import { runMap } from './map.js';

/**
 * Python's default, min(32, cores + 4): I/O-bound work waits far more than it computes, so more
 * concurrent calls than cores pay off, but not unboundedly.
 */
export const DEFAULT_THREAD_POOL_MAX_WORKERS = Math.min(32, availableParallelism() + 4);

export interface ThreadPoolExecutorOptions {
  /** How many calls may be in progress at once. Default DEFAULT_THREAD_POOL_MAX_WORKERS. */
  readonly maxWorkers?: number | undefined;
}

interface Job {
  readonly future: Future<unknown>;
  readonly fn: AnyFunction | undefined;
  readonly ref: ReturnType<typeof toCallableRef> | undefined;
  readonly args: unknown[];
  readonly signal: AbortSignal | undefined;
}

/**
 * Runs functions on the current thread with at most `maxWorkers` in progress: what Python's threads
 * are for once CPU work goes to interpreters. Functions are not copied anywhere, so closures and
 * non-shareable arguments are fine; a long synchronous function still blocks this thread.
 * @example
 * await using io = new ThreadPoolExecutor({ maxWorkers: 8 });
 * for await (const body of io.map((url: string) => fetch(url).then((r) => r.text()), urls)) console.log(body.length);
 */
export class ThreadPoolExecutor implements Executor {
  readonly maxWorkers: number;
  #queue: Job[] = [];
  #running = 0;
  #shutdown = false;
  #idle: (() => void)[] = [];

  constructor(options: ThreadPoolExecutorOptions = {}) {
    checkOptionKeys(options, ['maxWorkers'], 'ThreadPoolExecutor');
    this.maxWorkers = checkMaxWorkers(options.maxWorkers, 'ThreadPoolExecutor') ?? DEFAULT_THREAD_POOL_MAX_WORKERS;
  }

  submit<F extends AnyFunction>(fn: Callable<F>, ...args: Parameters<F>): Future<CallResult<F>> {
    return this.#submit({}, fn, args, 'ThreadPoolExecutor.submit()');
  }

  submitWith<F extends AnyFunction>(options: SubmitOptions, fn: Callable<F>, ...args: Parameters<F>): Future<CallResult<F>> {
    checkSubmitOptions(options, 'ThreadPoolExecutor.submitWith()');
    return this.#submit(options, fn, args, 'ThreadPoolExecutor.submitWith()');
  }

  map<F extends AnyFunction>(fn: Callable<F>, ...iterablesAndOptions: MapArguments<Parameters<F>>): AsyncIterableIterator<CallResult<F>> {
    this.#check(fn, 'ThreadPoolExecutor.map()');
    return runMap(
      { submitItem: (args) => this.#submit({}, fn, args, 'ThreadPoolExecutor.map()') },
      iterablesAndOptions,
      'ThreadPoolExecutor.map()',
    ) as AsyncIterableIterator<CallResult<F>>;
  }

  async shutdown(options: ShutdownOptions = {}): Promise<void> {
    checkOptionKeys(options, ['wait', 'cancelFutures'], 'ThreadPoolExecutor.shutdown()');
    this.#shutdown = true;
    if (options.cancelFutures) {
      for (const job of this.#queue.splice(0)) job.future.cancel();
    }
    if (options.wait ?? true) {
      while (this.#running > 0 || this.#queue.length > 0) await new Promise<void>((resolve) => this.#idle.push(resolve));
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }

  #check(fn: unknown, where: string): void {
    if (this.#shutdown) throw new ExecutorShutdownError(`${where}: cannot schedule new futures after shutdown`);
    if (typeof fn !== 'function') toCallableRef(fn, where); // throws the standard "expected a function or task()" error
  }

  #submit<R>(options: SubmitOptions, fn: unknown, args: unknown[], where: string): Future<R> {
    this.#check(fn, where);
    const future = new Future<R>();
    const signal = options.signal;
    const job: Job = {
      future: future as Future<unknown>,
      fn: typeof fn === 'function' ? (fn as AnyFunction) : undefined,
      ref: isModuleTask(fn) ? toCallableRef(fn, where) : undefined,
      args,
      signal,
    };
    if (signal?.aborted) {
      future.cancel(signal.reason);
      return future;
    }
    if (signal) {
      const onAbort = (): void => {
        // Queued: cancelled outright. Running: the function cannot be stopped, but its future is released now.
        if (!future.cancel(signal.reason)) future.forceCancel(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      future.addDoneCallback(() => signal.removeEventListener('abort', onAbort));
    }
    future.onCancel = () => {
      const i = this.#queue.indexOf(job);
      if (i >= 0) this.#queue.splice(i, 1);
      this.#wakeIdle();
    };
    this.#queue.push(job);
    this.#pump();
    return future;
  }

  #pump(): void {
    while (this.#running < this.maxWorkers && this.#queue.length > 0) {
      const job = this.#queue.shift()!;
      if (!job.future.setRunningOrNotifyCancel()) continue;
      this.#running++;
      void this.#run(job);
    }
    this.#wakeIdle();
  }

  async #run(job: Job): Promise<void> {
    try {
      const fn = job.fn ?? (await loadTask(job.ref!, 'ThreadPoolExecutor'));
      const value: unknown = await fn(...job.args);
      if (!job.future.done()) job.future.setResult(value);
    } catch (error) {
      if (!job.future.done()) job.future.setException(error);
    } finally {
      this.#running--;
      this.#pump();
    }
  }

  #wakeIdle(): void {
    if (this.#running === 0 && this.#queue.length === 0) for (const wake of this.#idle.splice(0)) wake();
  }
}
