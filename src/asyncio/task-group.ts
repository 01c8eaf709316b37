// TaskGroup: structured concurrency (Python 3.11's asyncio.TaskGroup) with `await using`; the first failure cancels the rest and interrupts the block.
import { CancelledError, ExceptionGroup, exceptionGroupMessage, InvalidStateError } from './errors.js';
import { futureAddToAwaitedBy, futureDiscardFromAwaitedBy } from './future.js';
import type { WaitSite } from './registry.js';
import {
  cancelledError,
  closeInterruption,
  createTask,
  currentTask,
  interruptedSince,
  interruptionCount,
  interruptTask,
  peekPendingInterrupt,
  setPendingInterrupt,
  type Task,
  type TaskBody,
  type TaskOptions,
} from './task.js';
import { beginWait, endWait } from './waits.js';

const MESSAGE = 'unhandled errors in a TaskGroup';

/** The ExceptionGroups of groups still running: their `exceptions` is the group's own list of failures, still growing. */
const runningGroupErrors = new WeakSet<ExceptionGroup>();

/** Python's `str()` of a group error, for its failures so far. */
function recount(error: ExceptionGroup): void {
  error.message = exceptionGroupMessage(MESSAGE, error.exceptions.length);
}

/** The last group error thrown into each task, and the task's interruption count once it was sent. */
const lastSent = new WeakMap<Task, { error: ExceptionGroup; count: number }>();

/**
 * Tasks that end together (Python's `asyncio.TaskGroup`): leaving the `await using` block waits for
 * every task the group started. The first task to fail cancels the others and interrupts the block:
 * the ts314 await the block is in (or its next one) throws the group's ExceptionGroup, whose
 * `exceptions` are complete once it leaves the block (CancelledErrors left out). A block that is
 * cancelled or whose `timeout()` expires cancels the group's tasks and waits for them.
 *
 * The group's parent is the task that created it: `ts314 ps` shows the children awaited by it.
 * Unlike Python's, a group cannot see an error thrown by the block's own body (JavaScript does not
 * pass it to the disposer): such an error propagates as thrown, after the children finish.
 * @example
 * await using tg = new TaskGroup();
 * tg.createTask(() => fetchUser(1), { name: 'user-1' });
 * tg.createTask(() => fetchUser(2), { name: 'user-2' });
 * // here the block ends: both have finished, or an ExceptionGroup was thrown
 */
export class TaskGroup implements AsyncDisposable {
  readonly #parent: Task | undefined = currentTask();
  /** Interruptions the parent had been sent before the block began: later ones end the block early. */
  readonly #interruptionsBefore = this.#parent === undefined ? 0 : interruptionCount(this.#parent);
  readonly #tasks = new Set<Task<unknown>>();
  readonly #errors: unknown[] = [];
  /** Made at the first failure and thrown into the block, so the block leaves with it. */
  #error: ExceptionGroup | undefined;
  #sent: 'thrown' | 'pending' | 'refused' | undefined;
  #aborting = false;
  #exiting = false;
  #exited = false;
  #wake: (() => void) | undefined;

  /** Starts a task in the group (Python's `TaskGroup.create_task`). */
  createTask<T>(body: TaskBody<T>, options?: TaskOptions): Task<T> {
    if (this.#exited) throw new InvalidStateError('TaskGroup is finished: createTask() after the block ended');
    if (this.#aborting) throw new InvalidStateError('TaskGroup is shutting down: a task failed, so it starts no new ones');
    const task = createTask(body, options);
    const parent = this.#parent;
    if (parent) futureAddToAwaitedBy(task, parent);
    this.#tasks.add(task as Task<unknown>);
    task.then(
      () => this.#onDone(task as Task<unknown>, false, undefined),
      (error: unknown) => this.#onDone(task as Task<unknown>, true, error),
    );
    return task;
  }

  /** `failed` rather than `error !== undefined`: JavaScript can throw `undefined`, and that is a failure too. */
  #onDone(task: Task<unknown>, failed: boolean, error: unknown): void {
    this.#tasks.delete(task);
    if (this.#parent) futureDiscardFromAwaitedBy(task, this.#parent);
    if (failed && !task.cancelled() && !(error instanceof CancelledError)) {
      this.#errors.push(error);
      this.#abort();
      this.#interruptBlock();
    }
    if (this.#tasks.size === 0) this.#wake?.();
  }

  #abort(): void {
    if (this.#aborting) return;
    this.#aborting = true;
    for (const task of this.#tasks) task.cancel();
  }

  /** Python cancels the parent task here; ts314 throws the group's error into the block instead, so `await using` ends with it. */
  #interruptBlock(): void {
    const parent = this.#parent;
    if (this.#error !== undefined || this.#exiting || parent === undefined || parent.done()) return;
    this.#error = new ExceptionGroup(MESSAGE, { exceptions: this.#errors });
    runningGroupErrors.add(this.#error);
    this.#sent = interruptTask(parent, this.#error);
    lastSent.set(parent, { error: this.#error, count: interruptionCount(parent) });
  }

  /** An enclosing group's error thrown into this block while it ran (not before it began), or undefined. */
  #enclosingErrorInBlock(): ExceptionGroup | undefined {
    const sent = this.#parent === undefined ? undefined : lastSent.get(this.#parent);
    if (sent === undefined || sent.error === this.#error || !runningGroupErrors.has(sent.error)) return undefined;
    return sent.count > this.#interruptionsBefore ? sent.error : undefined;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.#aexit();
  }

  async #aexit(): Promise<void> {
    this.#exiting = true;
    const parent = this.#parent;
    const own = this.#error;
    // Thrown into the block: it is leaving with it (or caught it), so the group does not throw it again.
    const delivered = own !== undefined && this.#sent !== 'refused' && parent !== undefined && peekPendingInterrupt(parent) !== own;
    // Its stack ends where the block ends, as Python's traceback of the group's error does.
    if (own !== undefined) Error.captureStackTrace(own, TaskGroup.prototype[Symbol.asyncDispose]);
    let interruption: unknown;
    const interrupt = (error: unknown): boolean => {
      interruption ??= error;
      this.#abort();
      return true;
    };
    let wait: WaitSite;
    try {
      wait = beginWait(beginWait, interrupt);
    } catch (pending) {
      // An interruption that reached no await in the block is taken here, as Python's __aexit__ takes it.
      if (pending !== own) interrupt(pending);
      wait = beginWait(beginWait, interrupt);
    }
    // A cancel or timeout that stopped the block (JavaScript does not say how the block ended) cancels the tasks.
    const blockInterrupted = parent !== undefined && interruptedSince(parent, this.#interruptionsBefore);
    if (blockInterrupted) this.#abort();
    try {
      while (this.#tasks.size > 0) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    } finally {
      endWait(wait);
      this.#exited = true;
      if (own !== undefined) {
        runningGroupErrors.delete(own);
        closeInterruption(parent!);
      }
    }
    if (this.#errors.length === 0) {
      // A second cancel while the tasks ended, on a block most likely leaving with the first: thrown here
      // it would make a SuppressedError of the two (Python's __aexit__ replaces one with the other), so it
      // is left for the task's next await, and a task that ends with the first is cancelled all the same.
      if (interruption instanceof CancelledError && blockInterrupted) setPendingInterrupt(parent!, interruption);
      else if (interruption !== undefined) throw interruption;
      return;
    }
    const error = own ?? new ExceptionGroup(MESSAGE, { exceptions: this.#errors });
    recount(error);
    // An enclosing group failed too: its error carries this one, as Python's outer group collects the inner group's.
    const outer =
      interruption instanceof ExceptionGroup && runningGroupErrors.has(interruption) ? interruption : this.#enclosingErrorInBlock();
    if (outer !== undefined) {
      (outer.exceptions as unknown[]).push(error);
      recount(outer);
      // Taken by this group's end, it must be thrown on; thrown into the block, it is leaving the block already.
      if (outer === interruption) throw outer;
      return;
    }
    // The group's errors win over a cancel or a timeout, but a task still being cancelled is cancelled again at its next await, as Python does.
    if (parent !== undefined && parent.cancelling() > 0) {
      setPendingInterrupt(parent, interruption instanceof CancelledError ? interruption : cancelledError(parent));
    }
    if (!delivered) throw error;
  }
}
