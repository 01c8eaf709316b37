// TaskGroup: structured concurrency (Python 3.11's asyncio.TaskGroup) with `await using`; the first failure cancels the rest.
import { CancelledError, ExceptionGroup, InvalidStateError } from './errors.js';
import { futureAddToAwaitedBy, futureDiscardFromAwaitedBy } from './future.js';
import { createTask, currentTask, type Task, type TaskBody, type TaskOptions } from './task.js';
import { beginWait, endWait } from './waits.js';

/**
 * Tasks that end together (Python's `asyncio.TaskGroup`): leaving the `await using` block waits for
 * every task the group started; the first task to fail cancels the others, and the block then
 * throws an ExceptionGroup of the failures (CancelledErrors left out).
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
  readonly #tasks = new Set<Task<unknown>>();
  readonly #errors: unknown[] = [];
  #aborting = false;
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
    const done = () => this.#onDone(task as Task<unknown>);
    task.then(done, done);
    return task;
  }

  #onDone(task: Task<unknown>): void {
    this.#tasks.delete(task);
    if (this.#parent) futureDiscardFromAwaitedBy(task, this.#parent);
    if (!task.cancelled()) {
      const error = task.exception();
      if (error !== undefined && !(error instanceof CancelledError)) {
        this.#errors.push(error);
        this.#abort();
      }
    }
    if (this.#tasks.size === 0) this.#wake?.();
  }

  #abort(): void {
    if (this.#aborting) return;
    this.#aborting = true;
    for (const task of this.#tasks) task.cancel();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.#aexit();
  }

  async #aexit(): Promise<void> {
    let interruption: unknown;
    const wait = beginWait(beginWait, (error) => {
      interruption ??= error;
      this.#abort();
    });
    try {
      while (this.#tasks.size > 0) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    } finally {
      endWait(wait);
      this.#exited = true;
    }
    if (this.#errors.length > 0) throw new ExceptionGroup('unhandled errors in a TaskGroup', { exceptions: this.#errors });
    if (interruption !== undefined) throw interruption;
  }
}
