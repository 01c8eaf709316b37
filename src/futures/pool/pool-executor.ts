// What InterpreterPoolExecutor and ProcessPoolExecutor share: validation, submit/map/shutdown over a Pool.
import { availableParallelism } from 'node:os';
import { InvalidArgumentError } from '../../internal/errors.js';
import { checkOptionKeys } from '../../internal/validate.js';
import { toCallableRef, type AnyFunction, type CallableRef } from '../../internal/callable.js';
import { encodeArgs, type EncodedArgs } from '../../internal/wire.js';
import { MODE_CALL, MODE_CHUNK, MODE_COLUMN } from '../../internal/worker/protocol.js';
import { ExecutorShutdownError } from '../errors.js';
import {
  checkMaxWorkers,
  checkSubmitOptions,
  type Callable,
  type CallResult,
  type Executor,
  type MapArguments,
  type ShutdownOptions,
  type SubmitOptions,
} from '../executor.js';
import type { Future } from '../future.js';
import { runMap, type ChunkOutcomes } from '../map.js';
import { Pool, type PoolConfig } from './pool.js';
import { PoolTask } from './worker-slot.js';

/** Distinct function sources remembered per executor; beyond this they are simply re-checked. */
const MAX_CACHED_SOURCES = 1024;

/** One worker per core: more cannot run CPU-bound JavaScript any faster, and each costs a V8 heap. */
export const DEFAULT_MAX_WORKERS = availableParallelism();

export interface CommonPoolOptions {
  readonly maxWorkers?: number | undefined;
  readonly initializer?: Callable | undefined;
  readonly initargs?: readonly unknown[] | undefined;
  readonly idleTimeout?: number | undefined;
}

export function checkInitializer(
  initializer: unknown,
  initargs: unknown,
  where: string,
): { initializer: CallableRef | undefined; initargs: EncodedArgs } {
  const ref = initializer === undefined ? undefined : toCallableRef(initializer, `${where}: initializer`);
  if (initargs !== undefined && !Array.isArray(initargs))
    throw new InvalidArgumentError(`${where}: initargs must be an array, got ${typeof initargs}`);
  return { initializer: ref, initargs: encodeArgs((initargs as unknown[] | undefined) ?? [], 'initargs') };
}

export { DEFAULT_MAX_WORKERS as defaultMaxWorkers };

/** Numbers, strings, booleans, null and undefined cross as they are: nothing to check or replace. */
function allPlain(args: readonly unknown[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const type = typeof arg;
    if (type !== 'number' && type !== 'string' && type !== 'boolean' && arg != null) return false;
  }
  return true;
}

export abstract class PoolExecutor implements Executor {
  /** The pool's worker limit. */
  readonly maxWorkers: number;
  protected readonly pool: Pool;
  #shutdown = false;
  #closed: Promise<void> | undefined;
  /** toCallableRef test-compiles the source; a fresh closure with the same text need not pay that again. */
  #refsBySource = new Map<string, CallableRef>();
  #refsByTask = new WeakMap<object, CallableRef>();

  protected constructor(config: Omit<PoolConfig, 'maxWorkers'> & { maxWorkers: unknown }) {
    const maxWorkers = checkMaxWorkers(config.maxWorkers, config.name) ?? DEFAULT_MAX_WORKERS;
    this.maxWorkers = maxWorkers;
    this.pool = new Pool({ ...config, maxWorkers });
  }

  /**
   * Schedules `fn(...args)` in a worker; returns its Future. Arguments are checked before anything is
   * sent (NotShareableError names the offending path, e.g. `args[1].onDone`).
   */
  submit<F extends AnyFunction>(fn: Callable<F>, ...args: Parameters<F>): Future<CallResult<F>> {
    return this.#submit({}, fn, args, `${this.pool.config.name}.submit()`) as Future<CallResult<F>>;
  }

  /** `submit` with `{ signal, transfer }`: abort cancels a queued task or interrupts a running one. */
  submitWith<F extends AnyFunction>(options: SubmitOptions, fn: Callable<F>, ...args: Parameters<F>): Future<CallResult<F>> {
    const where = `${this.pool.config.name}.submitWith()`;
    checkSubmitOptions(options, where);
    return this.#submit(options, fn, args, where) as Future<CallResult<F>>;
  }

  /** Results in input order; `chunksize` items per message, `buffersize` chunks ahead at most. */
  map<F extends AnyFunction>(fn: Callable<F>, ...iterablesAndOptions: MapArguments<Parameters<F>>): AsyncIterableIterator<CallResult<F>> {
    const where = `${this.pool.config.name}.map()`;
    this.#checkOpen(where);
    const ref = this.#refFor(fn, where);
    let item = 0;
    return runMap(
      {
        submitItem: (args) => this.#enqueue(ref, MODE_CALL, args, `map item ${item++}: args`, {}),
        submitChunk: (argsList) => this.#enqueueChunk(ref, argsList, () => item++),
        submitColumn: (values) => this.#enqueueColumn(ref, values, () => item++),
      },
      iterablesAndOptions,
      where,
    ) as AsyncIterableIterator<CallResult<F>>;
  }

  async shutdown(options: ShutdownOptions = {}): Promise<void> {
    checkOptionKeys(options, ['wait', 'cancelFutures'], `${this.pool.config.name}.shutdown()`);
    this.#shutdown = true;
    if (options.cancelFutures) this.pool.cancelQueued();
    this.#closed ??= this.pool.drained().then(() => this.pool.close('graceful'));
    if (options.wait ?? true) await this.#closed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }

  /** Stops at once: queued tasks are cancelled, running ones fail with the pool's Broken error. */
  protected async closeNow(mode: 'terminate' | 'kill'): Promise<void> {
    this.#shutdown = true;
    this.pool.cancelQueued();
    const closing = this.pool.close(mode);
    this.#closed ??= closing;
    await closing;
  }

  #checkOpen(where: string): void {
    if (this.#shutdown) throw new ExecutorShutdownError(`${where}: cannot schedule new futures after shutdown`);
    const broken = this.pool.broken;
    if (broken) throw new this.pool.config.BrokenError(`${where}: ${broken.message}`, { cause: broken });
  }

  #submit(options: SubmitOptions, fn: unknown, args: unknown[], where: string): Future<unknown> {
    this.#checkOpen(where);
    return this.#enqueue(this.#refFor(fn, where), MODE_CALL, args, 'args', options);
  }

  #refFor(fn: unknown, where: string): CallableRef {
    if (typeof fn !== 'function') {
      // The same task(url, name) object submitted again maps to the same ref, so the pool finds its id at once.
      if (typeof fn !== 'object' || fn === null) return toCallableRef(fn, where);
      let ref = this.#refsByTask.get(fn);
      if (ref === undefined) {
        ref = toCallableRef(fn, where);
        this.#refsByTask.set(fn, ref);
      }
      return ref;
    }
    const source = Function.prototype.toString.call(fn);
    const hit = this.#refsBySource.get(source);
    if (hit && hit.kind === 'source' && hit.name === (fn.name || 'anonymous function')) return hit;
    const ref = toCallableRef(fn, where);
    if (ref.kind === 'source' && this.#refsBySource.size < MAX_CACHED_SOURCES) this.#refsBySource.set(source, ref);
    return ref;
  }

  #enqueue(ref: CallableRef, mode: number, args: unknown[], path: string, options: SubmitOptions): Future<unknown> {
    if (allPlain(args)) return this.#push(ref, mode, args, false, options);
    const encoded = encodeArgs(args, path);
    return this.#push(ref, mode, encoded.payload, encoded.hasHandles, options);
  }

  /** One argument per item: plain values go as one flat array (numbers packed in a Float64Array), anything else as argument lists. */
  #enqueueColumn(ref: CallableRef, values: unknown[], nextItem: () => number): Future<ChunkOutcomes> {
    if (!allPlain(values))
      return this.#enqueueChunk(
        ref,
        values.map((value) => [value]),
        nextItem,
      );
    let numbers = true;
    for (let i = 0; i < values.length && numbers; i++) numbers = typeof values[i] === 'number';
    return this.#push(ref, MODE_COLUMN, [numbers ? Float64Array.from(values as number[]) : values], false, {}) as Future<ChunkOutcomes>;
  }

  #enqueueChunk(ref: CallableRef, argsList: unknown[][], nextItem: () => number): Future<ChunkOutcomes> {
    let hasHandles = false;
    const payload = argsList.map((args) => {
      const encoded = encodeArgs(args, `map item ${nextItem()}: args`);
      hasHandles ||= encoded.hasHandles;
      return encoded.payload;
    });
    return this.#push(ref, MODE_CHUNK, payload, hasHandles, {}) as Future<ChunkOutcomes>;
  }

  #push(ref: CallableRef, mode: number, payload: unknown[], hasHandles: boolean, options: SubmitOptions): Future<unknown> {
    const task = new PoolTask(ref, mode, payload, hasHandles, options.transfer, options.signal);
    if (options.signal?.aborted) {
      task.cancel(options.signal.reason);
      return task;
    }
    this.pool.submit(task);
    return task;
  }
}
