// asCompleted(): yield futures as they finish, done ones first, each once.
import { checkOptionKeys } from '../internal/validate.js';
import { TimeoutError } from './errors.js';
import { Future, checkTimeout } from './future.js';

export interface AsCompletedOptions {
  /** Milliseconds from the call; then the iterator throws TimeoutError. */
  readonly timeout?: number | undefined;
}

/**
 * What asCompleted() yields: a finished Future behind a handle that is not itself awaitable.
 * `for await` unwraps thenables and TypeScript types the loop variable as the awaited value, so
 * yielding the Future directly would type it as its result while it is really the Future; this
 * handle keeps the types and the runtime in agreement. `future` is the original (a Map key).
 */
// biome-ignore lint/suspicious/noExplicitAny: Future<T> is invariant (callbacks take T); Future<unknown> rejects Future<string>
export class Completed<F extends Future<any>> {
  constructor(readonly future: F) {}
  /** The future's value, or its error thrown (CancelledError if it was cancelled). Already settled. */
  result(): Promise<F extends Future<infer T> ? T : never> {
    return this.future.result();
  }
  /** The future's error, or undefined if it succeeded. */
  exception(): Promise<unknown> {
    return this.future.exception();
  }
  cancelled(): boolean {
    return this.future.cancelled();
  }
}

/**
 * Yields each future as it completes (finished or cancelled), wrapped in a `Completed` handle:
 * already-done ones first, duplicates once. Throws TimeoutError from the iteration if `timeout` ms
 * pass, measured from the call.
 * @example
 * for await (const done of asCompleted(futures, { timeout: 10_000 })) console.log(await done.result());
 */
// biome-ignore lint/suspicious/noExplicitAny: Future<T> is invariant (callbacks take T); Future<unknown> rejects Future<string>
export function asCompleted<F extends Future<any>>(
  futures: Iterable<F>,
  options?: AsCompletedOptions,
): AsyncIterableIterator<Completed<F>> {
  checkOptionKeys(options, ['timeout'], 'asCompleted()');
  const timeout = checkTimeout(options?.timeout, 'asCompleted()');
  const deadline = timeout === undefined ? undefined : performance.now() + timeout;
  const pending = new Set(futures);
  for (const f of pending)
    if (!(f instanceof Future)) throw new TypeError(`asCompleted(): expected Futures, got ${Object.prototype.toString.call(f)}`);
  const total = pending.size;
  const ready: F[] = [];
  for (const f of pending) if (f.done()) ready.push(f);
  for (const f of ready) pending.delete(f);
  let wake: (() => void) | undefined;
  const removers = new Map<F, () => void>();
  for (const f of pending) {
    removers.set(
      f,
      f.waitInternal(() => {
        pending.delete(f);
        removers.delete(f);
        ready.push(f);
        wake?.();
      }),
    );
  }
  let finished = false;
  const stop = (): IteratorResult<Completed<F>> => {
    finished = true;
    for (const remove of removers.values()) remove();
    removers.clear();
    pending.clear();
    ready.length = 0;
    return { value: undefined, done: true };
  };
  const timedOut = (): TimeoutError => {
    const unfinished = pending.size;
    stop();
    return new TimeoutError(`asCompleted(): ${unfinished} (of ${total}) futures unfinished after ${timeout} ms`, { timeoutMs: timeout! });
  };
  const iterator: AsyncIterableIterator<Completed<F>> = {
    async next(): Promise<IteratorResult<Completed<F>>> {
      if (finished) return { value: undefined, done: true };
      if (ready.length === 0) {
        if (pending.size === 0) return stop();
        const remaining = deadline === undefined ? undefined : deadline - performance.now();
        if (remaining !== undefined && remaining <= 0) throw timedOut();
        await new Promise<void>((resolve, reject) => {
          const timer = remaining === undefined ? undefined : setTimeout(() => reject(timedOut()), remaining);
          wake = () => {
            if (timer) clearTimeout(timer);
            wake = undefined;
            resolve();
          };
        });
      }
      return { value: new Completed(ready.shift()!), done: false };
    },
    async return(): Promise<IteratorResult<Completed<F>>> {
      return stop();
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
