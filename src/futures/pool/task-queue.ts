// The pool's queue of tasks not yet sent to a worker: FIFO, with a front lane for tasks a dead worker never started.
import type { PoolTask } from './worker-slot.js';

/** Past this many consumed entries (and half the array) the array is compacted: amortised O(1) without shift(). */
const COMPACT_AFTER = 4096;

export class TaskQueue {
  #queue: (PoolTask | undefined)[] = [];
  #head = 0;
  /** Tasks a dead worker never started: they go first, in their original order. */
  #front: PoolTask[] = [];

  get size(): number {
    return this.#front.length + this.#queue.length - this.#head;
  }

  push(task: PoolTask): void {
    this.#queue.push(task);
  }

  /** Puts tasks back at the very front, ahead of everything queued, keeping their order. */
  requeueFront(tasks: readonly PoolTask[]): void {
    this.#front.unshift(...tasks);
  }

  /** The next task whose future is not already done (cancelled ones are dropped on the way), or undefined. */
  peek(): PoolTask | undefined {
    for (;;) {
      const task = this.#front.length > 0 ? this.#front[0] : this.#queue[this.#head];
      if (task === undefined) return undefined;
      if (!task.future.done()) return task;
      this.take();
    }
  }

  /** Removes the task peek() returned. */
  take(): void {
    if (this.#front.length > 0) {
      this.#front.shift();
      return;
    }
    this.#queue[this.#head++] = undefined;
    if (this.#head > COMPACT_AFTER && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Empties the queue, front lane first, handing each task to `each` in the order it would have run. */
  drain(each: (task: PoolTask, requeued: boolean) => void): void {
    const front = this.#front.splice(0);
    const queue = this.#queue;
    const head = this.#head;
    this.#queue = [];
    this.#head = 0;
    for (const task of front) each(task, true);
    for (let i = head; i < queue.length; i++) each(queue[i]!, false);
  }
}
