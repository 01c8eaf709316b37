// Executor.map(): results in input order, eager or bounded by 3.14's buffersize, chunked for pools.
import { checkOptionKeys } from '../internal/validate.js';
import type { MapArgument, MapOptions } from './executor.js';
import { type Future, checkTimeout } from './future.js';
import { TimeoutError } from './errors.js';

/** The outcome of one item of a chunk: errors are kept per item so each is thrown at its own position. */
export type ItemOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * A chunk's outcomes packed: the values by position, and the first item that failed (-1 when none)
 * with its error. No object per item, and `values` may be a Float64Array when every result is a number.
 */
export interface PackedOutcomes {
  readonly values: ArrayLike<unknown>;
  readonly failedAt: number;
  readonly error: unknown;
}

/** What a chunk settles with: one outcome per item, or packed. */
export type ChunkOutcomes = ItemOutcome[] | PackedOutcomes;

/**
 * How map() reaches an executor: one call per item, and optionally one call per chunk of items —
 * `submitColumn` for a map over one iterable (the items themselves, not a list of argument lists).
 */
export interface MapBackend {
  submitItem(args: unknown[]): Future<unknown>;
  submitChunk?: ((argsList: unknown[][]) => Future<ChunkOutcomes>) | undefined;
  submitColumn?: ((values: unknown[]) => Future<ChunkOutcomes>) | undefined;
}

const MAP_KEYS = ['timeout', 'chunksize', 'buffersize'] as const;

type Input = { sync: Iterator<unknown> } | { async: AsyncIterator<unknown> };

function isIterable(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'string') &&
    (typeof (value as Record<symbol, unknown>)[Symbol.iterator] === 'function' ||
      typeof (value as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function')
  );
}

/** Splits `map(fn, ...iterables, options?)`: a trailing non-iterable object is the options. */
export function splitMapArguments(
  rest: readonly MapArgument[],
  where: string,
): { iterables: (Iterable<unknown> | AsyncIterable<unknown>)[]; options: MapOptions } {
  let options: MapOptions = {};
  let inputs = rest;
  const last = rest[rest.length - 1];
  if (rest.length > 0 && typeof last === 'object' && last !== null && !isIterable(last)) {
    options = last as MapOptions;
    inputs = rest.slice(0, -1);
  }
  inputs.forEach((it, i) => {
    if (!isIterable(it))
      throw new TypeError(`${where}: argument ${i + 2} must be an iterable or async iterable, got ${it === null ? 'null' : typeof it}`);
  });
  if (inputs.length === 0) throw new TypeError(`${where}: expected at least one iterable after the function`);
  return { iterables: inputs as (Iterable<unknown> | AsyncIterable<unknown>)[], options };
}

/** Python 3.14's validation, with its messages (None → undefined). */
export function checkMapOptions(
  options: MapOptions,
  where: string,
): { timeout: number | undefined; chunksize: number; buffersize: number | undefined } {
  checkOptionKeys(options, MAP_KEYS, where);
  const timeout = checkTimeout(options.timeout, where);
  const chunksize = options.chunksize ?? 1;
  if (typeof chunksize !== 'number' || !Number.isInteger(chunksize))
    throw new TypeError(`${where}: chunksize must be an integer, got ${String(chunksize)}`);
  if (chunksize < 1) throw new RangeError(`${where}: chunksize must be >= 1, got ${chunksize}`);
  const buffersize = options.buffersize ?? undefined;
  if (buffersize !== undefined) {
    if (typeof buffersize !== 'number' || !Number.isInteger(buffersize))
      throw new TypeError(`${where}: buffersize must be an integer or undefined, got ${String(buffersize)}`);
    if (buffersize < 1) throw new RangeError(`${where}: buffersize must be undefined or > 0, got ${buffersize}`);
  }
  return { timeout, chunksize, buffersize };
}

/**
 * Runs map over a backend. With no buffersize every input is read and submitted at once (at call
 * time for sync iterables, in the background for async ones); with buffersize N, N tasks are
 * submitted at the call and each step submits one more before waiting for the oldest, so at most
 * N + 1 are in flight. Closing the iterator early, a timeout, or a task's error cancels the rest.
 */
export function runMap(backend: MapBackend, rest: readonly MapArgument[], where: string): AsyncIterableIterator<unknown> {
  const { iterables, options } = splitMapArguments(rest, where);
  const { timeout, chunksize, buffersize } = checkMapOptions(options, where);
  const deadline = timeout === undefined ? undefined : performance.now() + timeout;
  const useChunks = chunksize > 1 && backend.submitChunk !== undefined;
  const inputs: Input[] = iterables.map((it) =>
    typeof (it as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
      ? { async: (it as AsyncIterable<unknown>)[Symbol.asyncIterator]() }
      : { sync: (it as Iterable<unknown>)[Symbol.iterator]() },
  );
  const allSync = inputs.every((i) => 'sync' in i);

  // Submitted units in order; `head` is the next one to yield. Compacted so memory stays flat.
  let units: Future<unknown>[] = [];
  let head = 0;
  let submitted = 0;
  let inputDone = false;
  let inputError: { error: unknown } | undefined;
  let closed = false;
  let pumping: Promise<void> | undefined;
  let notify: (() => void) | undefined;

  const pullSync = (): unknown[] | undefined => {
    const args: unknown[] = [];
    for (const input of inputs) {
      const r = (input as { sync: Iterator<unknown> }).sync.next();
      if (r.done) return undefined;
      args.push(r.value);
    }
    return args;
  };
  const pullAsync = async (): Promise<unknown[] | undefined> => {
    const args: unknown[] = [];
    for (const input of inputs) {
      const r = 'sync' in input ? input.sync.next() : await input.async.next();
      if (r.done) return undefined;
      args.push(r.value);
    }
    return args;
  };
  const submitUnit = (batch: unknown[][]): void => {
    units.push(useChunks ? (backend.submitChunk!(batch) as Future<unknown>) : backend.submitItem(batch[0]!));
    submitted++;
    notify?.();
  };
  const unitSize = useChunks ? chunksize : 1;
  // One iterable into a backend that takes a column: the items go as one flat array per chunk.
  const column = useChunks && backend.submitColumn !== undefined && inputs.length === 1 && allSync;
  const columnIterator = column ? (inputs[0] as { sync: Iterator<unknown> }).sync : undefined;
  const fillColumn = (target: number): void => {
    const iterator = columnIterator!;
    try {
      while (!inputDone && !closed && submitted < target) {
        const values: unknown[] = [];
        while (values.length < unitSize) {
          const r = iterator.next();
          if (r.done) {
            inputDone = true;
            break;
          }
          values.push(r.value);
        }
        if (values.length > 0) {
          units.push(backend.submitColumn!(values) as Future<unknown>);
          submitted++;
        }
      }
    } catch (error) {
      inputDone = true;
      inputError = { error };
    }
    notify?.();
  };

  /** Submits until `target` units are out or the input ends. Synchronous when every input is. */
  const fillSync = (target: number): void => {
    if (column) {
      fillColumn(target);
      return;
    }
    try {
      while (!inputDone && !closed && submitted < target) {
        const batch: unknown[][] = [];
        while (batch.length < unitSize) {
          const args = pullSync();
          if (args === undefined) {
            inputDone = true;
            break;
          }
          batch.push(args);
        }
        if (batch.length > 0) submitUnit(batch);
      }
    } catch (error) {
      inputDone = true;
      inputError = { error };
    }
    notify?.();
  };
  const fillAsync = async (target: number): Promise<void> => {
    try {
      while (!inputDone && !closed && submitted < target) {
        const batch: unknown[][] = [];
        while (batch.length < unitSize) {
          const args = await pullAsync();
          if (args === undefined) {
            inputDone = true;
            break;
          }
          batch.push(args);
        }
        if (batch.length > 0 && !closed) submitUnit(batch);
      }
    } catch (error) {
      inputDone = true;
      inputError = { error };
    }
    notify?.();
  };
  const fill = async (target: number): Promise<void> => {
    if (allSync) return fillSync(target);
    // One reader at a time: async iterators must not be advanced concurrently.
    while (pumping) await pumping;
    pumping = fillAsync(target).finally(() => (pumping = undefined));
    await pumping;
  };

  const initial = buffersize ?? Infinity;
  if (allSync) fillSync(initial);
  else void fill(initial);

  const waitForUnit = async (): Promise<void> => {
    while (head >= units.length && !inputDone) {
      await new Promise<void>((resolve) => (notify = resolve));
      notify = undefined;
    }
  };
  const cancelRest = (): void => {
    closed = true;
    for (let i = head; i < units.length; i++) units[i]!.cancel();
    units = [];
    head = 0;
  };
  const timedOut = (): TimeoutError =>
    new TimeoutError(`${where}: result not ready within ${timeout} ms of the map() call`, { timeoutMs: timeout! });

  /** Yields each unit's settled value: one result, or a chunk's outcomes (flattened by ChunkItems). */
  async function* generate(): AsyncGenerator<unknown> {
    let consumed = 0;
    try {
      for (;;) {
        if (buffersize !== undefined) await fill(buffersize + consumed + 1);
        else if (!allSync) await waitForUnit();
        if (head >= units.length) {
          if (inputError) throw inputError.error;
          return;
        }
        const unit = units[head]!;
        let value: unknown;
        if (deadline !== undefined && !unit.done()) {
          const remaining = deadline - performance.now();
          if (remaining <= 0) throw timedOut();
          try {
            value = await unit.result({ timeout: remaining });
          } catch (error) {
            if (error instanceof TimeoutError && !unit.done()) throw timedOut();
            throw error;
          }
        } else {
          value = await unit;
        }
        units[head] = undefined as unknown as Future<unknown>;
        head++;
        consumed++;
        if (head > 1024 && head * 2 > units.length) {
          units = units.slice(head);
          head = 0;
        }
        yield value;
      }
    } finally {
      cancelRest();
    }
  }
  return useChunks ? new ChunkItems(generate()) : generate();
}

function pack(outcomes: ChunkOutcomes): PackedOutcomes {
  if (!Array.isArray(outcomes)) return outcomes as PackedOutcomes;
  const failedAt = outcomes.findIndex((o) => !o.ok);
  return {
    values: outcomes.map((o) => (o.ok ? o.value : undefined)),
    failedAt,
    error: failedAt < 0 ? undefined : (outcomes[failedAt] as { error: unknown }).error,
  };
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * The items of chunked units, in order. An item already received is handed out without a trip
 * through an async generator (which costs a promise and a tick per `yield`); a failed item throws at
 * its position and ends the map, closing the units' generator so the rest is cancelled.
 */
class ChunkItems implements AsyncIterableIterator<unknown> {
  readonly #units: AsyncGenerator<unknown>;
  #chunk: PackedOutcomes | undefined;
  #at = 0;
  #done = false;
  /** Calls to next() that wait for a chunk: while any does, later calls queue behind it so items stay in order. */
  #waiting = 0;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(units: AsyncGenerator<unknown>) {
    this.#units = units;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<unknown>> {
    const chunk = this.#chunk;
    if (this.#waiting === 0 && chunk !== undefined && this.#at < chunk.values.length && this.#at !== chunk.failedAt)
      return Promise.resolve({ done: false, value: chunk.values[this.#at++] });
    this.#waiting++;
    const step = (): Promise<IteratorResult<unknown>> => this.#next();
    const result = this.#tail.then(step, step);
    this.#tail = result.then(
      () => this.#waiting--,
      () => this.#waiting--,
    );
    return result;
  }

  async return(value?: unknown): Promise<IteratorResult<unknown>> {
    this.#finish();
    await this.#units.return(undefined);
    return { done: true, value };
  }

  async throw(error?: unknown): Promise<IteratorResult<unknown>> {
    this.#finish();
    await this.#units.return(undefined);
    throw error;
  }

  async #next(): Promise<IteratorResult<unknown>> {
    for (;;) {
      const chunk = this.#chunk;
      if (chunk !== undefined && this.#at < chunk.values.length) {
        const at = this.#at++;
        if (at !== chunk.failedAt) return { done: false, value: chunk.values[at] };
        this.#finish();
        await this.#units.return(undefined);
        throw chunk.error;
      }
      if (this.#done) return DONE;
      let unit: IteratorResult<unknown>;
      try {
        unit = await this.#units.next();
      } catch (error) {
        this.#finish();
        throw error;
      }
      if (unit.done) {
        this.#finish();
        return DONE;
      }
      this.#chunk = pack(unit.value as ChunkOutcomes);
      this.#at = 0;
    }
  }

  #finish(): void {
    this.#done = true;
    this.#chunk = undefined;
  }
}
