// parallelFor: runs a module-exported kernel over chunks of a range or a SharedArray on an interpreter pool.
import { checkOptionKeys } from '../internal/validate.js';
import type { AnyFunction } from '../internal/callable.js';
import type { Callable, Executor } from '../futures/executor.js';
import type { Future } from '../futures/future.js';
import { InterpreterPoolExecutor, DEFAULT_MAX_WORKERS } from '../futures/interpreter-pool.js';
import { ProcessPoolExecutor } from '../futures/process-pool.js';
import { SharedArray, checkWholeNumber, splitRange, type ElementType } from './shared-array.js';
import { InvalidArgumentError } from './errors.js';

/** A half-open range of indices [start, end). */
export interface IndexRange {
  readonly start: number;
  readonly end: number;
}

export interface ParallelForOptions<A extends readonly unknown[] = readonly unknown[]> {
  /**
   * Where the chunks run: an InterpreterPoolExecutor you own (left running), or a ThreadPoolExecutor.
   * Default: a temporary InterpreterPoolExecutor of min(os.availableParallelism(), chunks) workers,
   * shut down before parallelFor returns. ProcessPoolExecutor is refused: processes share no memory.
   */
  readonly executor?: Executor | undefined;
  /** How many chunks (one task each). Default: the executor's worker count, at most the input length. */
  readonly chunks?: number | undefined;
  /** Extra arguments passed to every kernel call after the chunk: SharedArrays, SharedQueues, numbers … */
  readonly args?: A | undefined;
  /** Aborting cancels queued chunks and interrupts running ones (see InterpreterPoolExecutor). */
  readonly signal?: AbortSignal | undefined;
}

const OPTION_KEYS = ['executor', 'chunks', 'args', 'signal'] as const;

/**
 * Splits the input into contiguous chunks (sizes differ by at most one), runs `kernel` once per
 * chunk on the executor's workers, and resolves with the kernels' return values in chunk order
 * once every chunk is done. The chunk is always the first argument, then `options.args`:
 * - a range (`n` meaning [0, n), or `{ start, end }`): `kernel(start, end, ...args)`;
 * - a SharedArray: `kernel(chunk, ...args)`, where `chunk` is a SharedArray over that part of the
 *   same memory and `chunk.start`/`chunk.end` are its indices in the whole array.
 * The kernel is a module export named with `task(url, name)` (or a self-contained function).
 * If a chunk throws, the chunks not yet started are cancelled, the running ones are waited for, and
 * the promise rejects with the first error, as the worker threw it.
 * @example
 * import { parallelFor, SharedArray } from 'ts314/threading';
 * import { task } from 'ts314/futures';
 * const data = SharedArray.create('float64', 100_000_000);
 * const sums = await parallelFor(data, task<(c: SharedArray<'float64'>) => number>(new URL('./kernels.js', import.meta.url), 'sumChunk'));
 * const total = sums.reduce((a, b) => a + b, 0);
 */
// A SharedArray has `start`/`end` too: the range overload excludes it (`buffer?: never`) so its
// kernel is always typed (chunk, ...args), never (start, end).
export function parallelFor<T extends ElementType, R, A extends readonly unknown[] = []>(
  array: SharedArray<T>,
  kernel: Callable<(chunk: SharedArray<T>, ...args: A) => R | Promise<R>>,
  options?: ParallelForOptions<A>,
): Promise<Awaited<R>[]>;
export function parallelFor<R, A extends readonly unknown[] = []>(
  range: number | (IndexRange & { readonly buffer?: never }),
  kernel: Callable<(start: number, end: number, ...args: A) => R | Promise<R>>,
  options?: ParallelForOptions<A>,
): Promise<Awaited<R>[]>;
export async function parallelFor(
  input: number | IndexRange | SharedArray,
  kernel: Callable<AnyFunction>,
  options: ParallelForOptions = {},
): Promise<unknown[]> {
  const where = 'parallelFor()';
  checkOptionKeys(options, OPTION_KEYS, where, InvalidArgumentError);
  const args = options.args ?? [];
  if (!Array.isArray(args)) throw new InvalidArgumentError(`${where}: args must be an array of extra kernel arguments, got ${typeof args}`);
  if (typeof kernel !== 'function' && (typeof kernel !== 'object' || kernel === null)) {
    throw new InvalidArgumentError(
      `${where}: kernel must be task(url, exportName) or a function, got ${kernel === null ? 'null' : typeof kernel}`,
    );
  }
  const [start, end] = readInput(input, where);
  const length = end - start;
  if (length === 0) throw new InvalidArgumentError(`${where}: the input is empty (${describeInput(input)}); there is nothing to run`);

  const given = options.executor;
  if (given !== undefined) {
    if (given instanceof ProcessPoolExecutor) {
      throw new InvalidArgumentError(
        `${where}: a ProcessPoolExecutor cannot share memory with this process; use an InterpreterPoolExecutor`,
      );
    }
    if (typeof (given as Partial<Executor>).submitWith !== 'function')
      throw new InvalidArgumentError(`${where}: executor must be an Executor such as InterpreterPoolExecutor`);
  }
  const workers = (given as { maxWorkers?: number } | undefined)?.maxWorkers ?? DEFAULT_MAX_WORKERS;
  const chunkCount =
    options.chunks === undefined ? Math.min(workers, length) : checkWholeNumber(options.chunks, 'chunks', where, 1, length);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal))
    throw new InvalidArgumentError(`${where}: signal must be an AbortSignal`);

  const bounds = splitRange(0, length, chunkCount);
  const callArgs: unknown[][] =
    input instanceof SharedArray
      ? input.chunks(chunkCount).map((chunk) => [chunk, ...args])
      : bounds.map(([from, to]) => [start + from, start + to, ...args]);

  const executor = given ?? new InterpreterPoolExecutor({ maxWorkers: Math.min(DEFAULT_MAX_WORKERS, chunkCount) });
  try {
    return await runAll(executor, kernel, callArgs, options.signal);
  } finally {
    if (given === undefined) await executor.shutdown({ wait: true, cancelFutures: true });
  }
}

async function runAll(
  executor: Executor,
  kernel: Callable<AnyFunction>,
  callArgs: unknown[][],
  signal: AbortSignal | undefined,
): Promise<unknown[]> {
  const submitOptions = signal === undefined ? {} : { signal };
  const futures: Future<unknown>[] = [];
  let failure: { error: unknown } | undefined;
  try {
    for (const chunkArgs of callArgs) {
      futures.push(executor.submitWith(submitOptions, kernel, ...chunkArgs));
    }
  } catch (error) {
    // A chunk's arguments could not be sent: nothing must keep running behind the caller's back.
    failure = { error };
    for (const future of futures) future.cancel();
  }
  await new Promise<void>((resolve) => {
    let pending = futures.length;
    const settle = (): void => {
      if (--pending === 0) resolve();
    };
    if (pending === 0) resolve();
    for (const future of futures) {
      future.then(settle, (error: unknown) => {
        if (failure === undefined) {
          failure = { error };
          // The first failure decides the outcome: drop the chunks that have not started.
          for (const other of futures) other.cancel();
        }
        settle();
      });
    }
  });
  if (failure !== undefined) throw failure.error;
  return Promise.all(futures);
}

function readInput(input: unknown, where: string): [number, number] {
  if (input instanceof SharedArray) return [0, input.length];
  if (typeof input === 'number') return [0, checkWholeNumber(input, 'the range length', where)];
  if (typeof input === 'object' && input !== null && !Array.isArray(input) && !ArrayBuffer.isView(input)) {
    checkOptionKeys(input, ['start', 'end'], `${where}: range`, InvalidArgumentError);
    const start = checkWholeNumber((input as IndexRange).start, 'range.start', where);
    const end = checkWholeNumber((input as IndexRange).end, 'range.end', where);
    if (end < start) throw new InvalidArgumentError(`${where}: range.end (${end}) is before range.start (${start})`);
    return [start, end];
  }
  const hint = ArrayBuffer.isView(input) || Array.isArray(input) ? '; wrap data in SharedArray.from(values) so workers share it' : '';
  throw new InvalidArgumentError(
    `${where}: expected a length, a { start, end } range or a SharedArray, got ${input === null ? 'null' : typeof input === 'object' ? ((input as object).constructor?.name ?? 'object') : typeof input}${hint}`,
  );
}

function describeInput(input: number | IndexRange | SharedArray): string {
  if (input instanceof SharedArray) return 'a SharedArray of length 0';
  if (typeof input === 'number') return 'length 0';
  return `{ start: ${input.start}, end: ${input.end} }`;
}
