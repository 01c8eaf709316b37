// gather: run awaitables concurrently and collect their results in order (Python's asyncio.gather).
import { isThenable } from '../internal/thenable.js';
import { checkOptionKeys } from '../internal/validate.js';
import { CancelledError, InvalidArgumentError, TimeoutError } from './errors.js';
import { awaitedByOf, CANCELLED, FULFILLED, Future, futureAddToAwaitedBy, REJECTED, settle } from './future.js';
import type { WaitSite } from './registry.js';
import { createTask, currentTask, setPendingInterrupt, Task } from './task.js';
import { beginWait, endWait, taskOfWait } from './waits.js';

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
  let wait: WaitSite | undefined;
  /** Ends the gather and its wait (not through a reaction: that would mark a failure nobody awaits as handled). */
  const end = (state: typeof FULFILLED | typeof CANCELLED | typeof REJECTED, value: unknown) => {
    if (wait !== undefined) endWait(wait);
    settle(outer, state, value);
  };
  /** How the gather ends once its cancelled children let it: set when it is cancelled or interrupted. */
  let stopping: { readonly state: typeof CANCELLED | typeof REJECTED; readonly error: unknown; readonly interrupted: boolean } | undefined;
  const stop = (state: typeof CANCELLED | typeof REJECTED, error: unknown, interrupted: boolean) => {
    // The first reason to stop is the one it ends with; a later one only cancels the children again.
    stopping ??= { state, error, interrupted };
    for (const child of children) child.cancel();
    if (running === 0 && !outer.done()) end(stopping.state, stopping.error);
  };
  onCancel(outer, (error) => stop(CANCELLED, error, false));
  let early: { error: unknown; task: Task | undefined } | undefined;
  try {
    // A cancel, an expiring timeout or a failing TaskGroup: the children are cancelled and the awaiting task gets that error.
    wait = beginWait(beginWait, (interruption) => {
      // Settled, its wait not yet closed: the interruption goes to the task's next await.
      if (outer.done()) return false;
      // Stopping already: as Python, a second cancel goes on to the children, taken if one of them took it;
      // anything else (a TaskGroup's error) waits for the task's next await, so it cannot be lost here.
      if (stopping !== undefined) return children.map((child) => child.cancel()).includes(true) && interruption instanceof CancelledError;
      stop(interruption instanceof CancelledError ? CANCELLED : REJECTED, interruption, true);
      return true;
    });
  } catch (interruption) {
    early = { error: interruption, task: currentTask() };
  }
  if (wait !== undefined) awaitedByOf(outer).add(wait);
  if (remaining === 0 && early === undefined) end(FULFILLED, results);
  /** A child ended while the gather stops: as CPython's, the first to end cancelled or failed ends it (the last, with returnExceptions). */
  const settledWhileStopping = (child: Future<unknown>, value: unknown, failed: boolean, why: NonNullable<typeof stopping>) => {
    if (!failed || returnExceptions) {
      if (running === 0) end(why.state, why.error);
    } else if (child.cancelled()) end(why.state, why.error);
    else {
      // A child that fails while cancelled ends it with its own error. A TaskGroup's error that stopped it
      // is given back to the task's next await (its group's end), so neither is lost.
      if (why.interrupted && !(why.error instanceof CancelledError || why.error instanceof TimeoutError)) {
        const task = wait === undefined ? early?.task : taskOfWait(wait);
        if (task instanceof Task) setPendingInterrupt(task, why.error);
      }
      end(REJECTED, value);
    }
  };
  children.forEach((child, index) => {
    futureAddToAwaitedBy(child, outer);
    const settled = (value: unknown, failed: boolean) => {
      running--;
      if (outer.done()) return;
      if (stopping !== undefined) {
        settledWhileStopping(child, value, failed, stopping);
        return;
      }
      if (failed && !returnExceptions) {
        end(REJECTED, value);
        return;
      }
      results[index] = value;
      if (--remaining === 0) end(FULFILLED, results);
    };
    child.then(
      (value) => settled(value, false),
      (error) => settled(error, true),
    );
  });
  // The task had an interruption waiting for its next ts314 await: this gather takes it.
  if (early !== undefined) stop(REJECTED, early.error, true);
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
