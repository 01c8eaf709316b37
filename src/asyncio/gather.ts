// gather: run awaitables concurrently and collect their results in order (Python's asyncio.gather).
import { isThenable } from '../internal/thenable.js';
import { checkOptionKeys } from '../internal/validate.js';
import { CancelledError, InvalidArgumentError } from './errors.js';
import { awaitedByOf, CANCELLED, Future, futureAddToAwaitedBy, REJECTED, settle } from './future.js';
import { createTask } from './task.js';
import { beginWait, endWait } from './waits.js';

export interface GatherOptions {
  /** Python's `return_exceptions=True`: failures become values in the results instead of rejecting. */
  readonly returnExceptions?: boolean | undefined;
}

type Awaited_<T> = T extends PromiseLike<infer U> ? U : T;

/** Gives a GatheringFuture what its cancel() does: set once, by gather. */
let onCancel: <T>(future: GatheringFuture<T>, stop: (error: CancelledError | undefined) => void) => void;

/**
 * The future `gather` returns (Python's `_GatheringFuture`): cancelling it cancels the children, and
 * it ends once one of them has ended cancelled or failed (all of them with `returnExceptions`), so
 * whoever awaits it resumes after that child's cleanup, not before.
 */
class GatheringFuture<T> extends Future<T> {
  #stop: ((error: CancelledError | undefined) => void) | undefined;

  static {
    onCancel = (future, stop) => {
      future.#stop = stop;
    };
  }

  override cancel(message?: string): boolean {
    if (this.done() || this.#stop === undefined) return super.cancel(message);
    this.#stop(message === undefined ? undefined : new CancelledError(message));
    return true;
  }
}

/**
 * Awaits every awaitable and resolves with their results in order (Python's `asyncio.gather`).
 * Promises that are not ts314 Futures are wrapped in tasks (Python wraps coroutines), so `ts314 ps`
 * lists them, awaited by the gathering future and through it by the task that called `gather`.
 * The first failure rejects the gather (the others keep running) unless `returnExceptions`;
 * cancelling the gather cancels every child, and so does an interruption of the task awaiting it (a
 * cancel, an expiring `timeout()`, a failing TaskGroup), which that task then receives once a child
 * has ended cancelled (every child, with `returnExceptions`), as in Python.
 * @example
 * const [a, b] = await gather([createTask(() => one()), two()]);
 */
export function gather<const T extends readonly unknown[]>(
  awaitables: T,
  options?: GatherOptions,
): Future<{ -readonly [K in keyof T]: Awaited_<T[K]> }> {
  checkAwaitables(awaitables, options);
  checkOptionKeys(options, ['returnExceptions'], 'gather()');
  const returnExceptions = options?.returnExceptions === true;
  const outer = new GatheringFuture<{ -readonly [K in keyof T]: Awaited_<T[K]> }>();
  const children = [...awaitables].map((aw) => (aw instanceof Future ? aw : createTask(isThenable(aw) ? aw : Promise.resolve(aw))));
  const results: unknown[] = new Array(children.length);
  let remaining = children.length;
  let running = children.length;
  /** How the gather ends once its cancelled children let it: set when it is cancelled or interrupted. */
  let stopping: { readonly state: typeof CANCELLED | typeof REJECTED; readonly error: unknown } | undefined;
  const stop = (state: typeof CANCELLED | typeof REJECTED, error: unknown) => {
    stopping = { state, error };
    for (const child of children) child.cancel();
    if (running === 0 && !outer.done()) settle(outer, state, error);
  };
  onCancel(outer, (error) => stop(CANCELLED, error));
  let wait: ReturnType<typeof beginWait> | undefined;
  let early: { error: unknown } | undefined;
  try {
    // A cancel, an expiring timeout or a failing TaskGroup: the children are cancelled and the awaiting task gets that error.
    wait = beginWait(beginWait, (interruption) => {
      // Settled or already stopping, its wait not yet closed: the interruption goes to the task's next await.
      if (outer.done() || stopping !== undefined) return false;
      stop(interruption instanceof CancelledError ? CANCELLED : REJECTED, interruption);
      return true;
    });
  } catch (interruption) {
    early = { error: interruption };
  }
  if (wait !== undefined) {
    const opened = wait;
    awaitedByOf(outer).add(opened);
    const close = () => endWait(opened);
    outer.then(close, close);
  }
  if (remaining === 0 && early === undefined) outer.setResult(results as never);
  children.forEach((child, index) => {
    futureAddToAwaitedBy(child, outer);
    const settled = (value: unknown, failed: boolean) => {
      running--;
      if (stopping !== undefined) {
        if (outer.done()) return;
        // As CPython's gather: without returnExceptions the first child to end cancelled or failed ends it.
        if (failed && !returnExceptions)
          settle(outer, child.cancelled() ? stopping.state : REJECTED, child.cancelled() ? stopping.error : value);
        else if (running === 0) settle(outer, stopping.state, stopping.error);
        return;
      }
      if (outer.done()) return;
      if (failed && !returnExceptions) {
        outer.setException(value);
        return;
      }
      results[index] = value;
      if (--remaining === 0) outer.setResult(results as never);
    };
    child.then(
      (value) => settled(value, false),
      (error) => settled(error, true),
    );
  });
  // The task had an interruption waiting for its next ts314 await: this gather takes it.
  if (early !== undefined) stop(REJECTED, early.error);
  return outer;
}

/** gather takes one array, as Promise.all does; Python's `gather(a, b)` spreads its awaitables, so say so. */
function checkAwaitables(awaitables: unknown, options: unknown): void {
  if (typeof (awaitables as Iterable<unknown> | null | undefined)?.[Symbol.iterator] === 'function' && typeof awaitables !== 'string') {
    if (isThenable(options))
      throw new InvalidArgumentError('gather(): the second argument is options, got a promise. Did you mean gather([a, b, …])?');
    return;
  }
  const got = awaitables === null ? 'null' : isThenable(awaitables) ? 'a promise' : typeof awaitables;
  const hint = isThenable(awaitables) ? " Did you mean gather([a, b, …])? ts314's gather takes one array, as Promise.all does." : '';
  throw new InvalidArgumentError(`gather(): expected an array of awaitables, got ${got}.${hint}`);
}
