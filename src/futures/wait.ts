// wait(): block until some or all futures are done, returning the done / not-done split.
import { didYouMean } from '../internal/did-you-mean.js';
import { checkOptionKeys } from '../internal/validate.js';
import { Future, checkTimeout, futureFailed } from './future.js';

/** Return as soon as any future finishes or is cancelled. */
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
/** Return as soon as any future fails with an error, or when all are done. */
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
/** Return when every future is done. The default, as in Python. */
export const ALL_COMPLETED = 'ALL_COMPLETED';

export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

export interface WaitForOptions {
  /** Milliseconds; when it passes, wait() returns what is done so far (it does not throw, as in Python). */
  readonly timeout?: number | undefined;
  /** FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED (the default). */
  readonly returnWhen?: ReturnWhen;
}

/** Python's `DoneAndNotDoneFutures` named tuple. */
export interface DoneAndNotDone<F extends Future<unknown>> {
  readonly done: Set<F>;
  readonly notDone: Set<F>;
}

const RETURN_WHEN = [FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED] as const;

/**
 * Waits for the futures; resolves with `{ done, notDone }` Sets. Never rejects on timeout: like
 * Python, it returns whatever is done by then.
 * @example
 * const { done, notDone } = await wait(futures, { timeout: 500, returnWhen: FIRST_COMPLETED });
 */
// biome-ignore lint/suspicious/noExplicitAny: Future<T> is invariant (callbacks take T); Future<unknown> rejects Future<string>
export async function wait<F extends Future<any>>(futures: Iterable<F>, options?: WaitForOptions): Promise<DoneAndNotDone<F>> {
  checkOptionKeys(options, ['timeout', 'returnWhen'], 'wait()');
  const timeout = checkTimeout(options?.timeout, 'wait()');
  const returnWhen = options?.returnWhen ?? ALL_COMPLETED;
  if (!(RETURN_WHEN as readonly string[]).includes(returnWhen)) {
    throw new RangeError(
      `wait(): returnWhen must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED, got ${String(returnWhen)}.${didYouMean(String(returnWhen), RETURN_WHEN)}`,
    );
  }
  const all = new Set(futures);
  for (const f of all)
    if (!(f instanceof Future)) throw new TypeError(`wait(): expected Futures, got ${Object.prototype.toString.call(f)}`);
  const split = (): DoneAndNotDone<F> => {
    const done = new Set<F>();
    const notDone = new Set<F>();
    for (const f of all) (f.done() ? done : notDone).add(f);
    return { done, notDone };
  };
  const satisfied = (): boolean => {
    let doneCount = 0;
    for (const f of all) {
      if (!f.done()) continue;
      doneCount++;
      if (returnWhen === FIRST_COMPLETED) return true;
      if (returnWhen === FIRST_EXCEPTION && futureFailed(f as Future)) return true;
    }
    return doneCount === all.size;
  };
  if (satisfied()) return split();
  await new Promise<void>((resolve) => {
    const removers: (() => void)[] = [];
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      for (const remove of removers) remove();
      resolve();
    };
    for (const f of all) if (!f.done()) removers.push(f.waitInternal(() => satisfied() && finish()));
    if (timeout !== undefined) timer = setTimeout(finish, timeout);
  });
  return split();
}
