// The Executor interface every ts314 pool implements (Python's concurrent.futures.Executor).
import type { AnyFunction, ModuleTask } from '../internal/callable.js';
import type { Transferable } from '../internal/transferable.js';
import type { Future } from './future.js';
import { closestMatch } from '../internal/did-you-mean.js';
import { checkInteger } from '../internal/validate.js';

/** A function, or a module export named with `task(url, name)`. */
export type Callable<F extends AnyFunction = AnyFunction> = F | ModuleTask<F>;

/** The value a call resolves to: async functions resolve to their awaited value. */
export type CallResult<F extends AnyFunction> = Awaited<ReturnType<F>>;

export interface SubmitOptions {
  /** Aborting cancels the task if it is queued, and interrupts it if it is running (pool executors terminate and replace the worker). */
  readonly signal?: AbortSignal | undefined;
  /** ArrayBuffers (or MessagePorts) among the arguments to move instead of copy. Interpreter pool only. */
  readonly transfer?: readonly Transferable[] | undefined;
}

export interface MapOptions {
  /** Milliseconds from the map() call; the iterator throws TimeoutError when a result is not ready by then. */
  readonly timeout?: number | undefined;
  /** Items sent per worker message; pools only (ThreadPoolExecutor ignores it, as in Python). Default 1. */
  readonly chunksize?: number | undefined;
  /** At most this many tasks (chunks) ahead of the consumer: flat memory for endless inputs (Python 3.14). */
  readonly buffersize?: number | undefined;
}

export interface ShutdownOptions {
  /** Wait for running and queued tasks to finish (default true). */
  readonly wait?: boolean | undefined;
  /** Cancel every task that has not started (default false). */
  readonly cancelFutures?: boolean | undefined;
}

/** One input iterable (sync or async), or the trailing options object. */
export type MapArgument = Iterable<unknown> | AsyncIterable<unknown> | MapOptions;

type MapInput<T> = Iterable<T> | AsyncIterable<T>;
type MapInputs<P extends readonly unknown[]> = { [K in keyof P]: MapInput<P[K]> };

/**
 * What `map(fn, …)` takes after `fn`, from fn's parameters `P`: one iterable per parameter, each
 * yielding that parameter's type (optional parameters may be left out, a rest parameter takes any
 * number), then optionally MapOptions. Built tail-recursively so long parameter lists stay cheap.
 * @example
 * // (a: number, b?: string) => …  accepts  [Iterable<number>] | [Iterable<number>, Iterable<string>], each with or without MapOptions
 */
export type MapArguments<P extends readonly unknown[], Done extends unknown[] = [], Shorter = never> = P extends readonly []
  ? Shorter | Done | [...Done, MapOptions]
  : number extends P['length']
    ? Shorter | [...Done, ...MapInputs<P>] | [...Done, ...MapInputs<P>, MapOptions]
    : P extends readonly [infer Head, ...infer Tail]
      ? MapArguments<Tail, [...Done, MapInput<Head>], Shorter>
      : P extends readonly [(infer Head)?, ...infer Tail]
        ? MapArguments<Tail, [...Done, MapInput<Head>], Shorter | Done | [...Done, MapOptions]>
        : never;

/**
 * What every executor offers. `submit` schedules one call; `map` runs a function over inputs and
 * yields results in input order; `shutdown` stops accepting work.
 * @example
 * await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
 * const future = pool.submit((a: number, b: number) => a + b, 1, 2);
 * for await (const square of pool.map((x: number) => x * x, [1, 2, 3])) console.log(square);
 */
export interface Executor extends AsyncDisposable {
  submit<F extends AnyFunction>(fn: Callable<F>, ...args: Parameters<F>): Future<CallResult<F>>;
  /** `submit` with an AbortSignal and/or a transfer list. */
  submitWith<F extends AnyFunction>(options: SubmitOptions, fn: Callable<F>, ...args: Parameters<F>): Future<CallResult<F>>;
  /** `map(fn, ...iterables)` or `map(fn, ...iterables, { timeout, chunksize, buffersize })`. */
  map<F extends AnyFunction>(fn: Callable<F>, ...iterablesAndOptions: MapArguments<Parameters<F>>): AsyncIterableIterator<CallResult<F>>;
  /** Resolves when shut down (after running tasks finish when `wait` is true). Safe to call twice. */
  shutdown(options?: ShutdownOptions): Promise<void>;
}

/** Python's `max_workers must be greater than 0`, plus the integer check Python gets from range(). */
export function checkMaxWorkers(value: unknown, where: string): number | undefined {
  return value === undefined ? undefined : checkInteger(value, 'maxWorkers', { where }, 1);
}

/** Validates `submitWith`'s options object. */
export function checkSubmitOptions(options: SubmitOptions, where: string): void {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(
      `${where}: the first argument must be an options object { signal, transfer }, got ${options === null ? 'null' : typeof options}`,
    );
  const known = ['signal', 'transfer'];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const hint = closestMatch(key, known);
      throw new TypeError(
        `${where}: unknown option '${key}'.${hint ? ` Did you mean '${hint}'?` : ` Valid options: ${known.join(', ')}.`}`,
      );
    }
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal))
    throw new TypeError(`${where}: signal must be an AbortSignal, got ${typeof options.signal}`);
  if (options.transfer !== undefined && !Array.isArray(options.transfer))
    throw new TypeError(`${where}: transfer must be an array of Transferables`);
}
