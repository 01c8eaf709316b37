// timeout: a deadline for the awaits of a block (Python 3.11's `async with asyncio.timeout(delay)`), as `using`.
import { checkMilliseconds } from '../internal/validate.js';
import { InvalidArgumentError, InvalidStateError, TimeoutError } from './errors.js';
import { registry } from './registry.js';
import { currentTask, type Task } from './task.js';
import { interruptWaits } from './waits.js';

/**
 * A deadline on the current task (Python's `asyncio.Timeout`). When it expires, the ts314 await the
 * task is in (or its next one) throws TimeoutError; leaving the block disarms it.
 */
export class Timeout implements Disposable, AsyncDisposable {
  readonly #task: Task;
  #deadline: number;
  #timer: NodeJS.Timeout | undefined;
  #expired = false;
  #error: TimeoutError | undefined;

  /** @internal use {@link timeout} */
  constructor(task: Task, delayMs: number) {
    this.#task = task;
    this.#deadline = Infinity;
    this.reschedule(delayMs);
  }

  /** The deadline as a `performance.now()` time, Infinity for none (Python's `when()`, on a ms clock). */
  when(): number {
    return this.#deadline;
  }

  /** Moves the deadline `delayMs` from now (Infinity: none). */
  reschedule(delayMs: number): void {
    const delay = checkMilliseconds(delayMs, 'delayMs', { where: 'Timeout.reschedule()', ErrorClass: InvalidArgumentError });
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#deadline = performance.now() + delay;
    if (delay !== Infinity) {
      this.#timer = setTimeout(() => this.#expire(delay), delay);
      this.#timer.unref();
    }
  }

  /** Whether the deadline passed (Python's `expired()`). */
  expired(): boolean {
    return this.#expired;
  }

  #expire(delay: number): void {
    this.#expired = true;
    this.#error = new TimeoutError(`timed out after ${delay} ms`, { timeoutMs: delay });
    if (interruptWaits(registry(), this.#task, this.#error) === 0) this.#task.setPendingInterrupt(this.#error);
  }

  [Symbol.dispose](): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    // An expiry that never reached an await is dropped with the block, as Python uncancels.
    if (this.#expired && this.#task.peekPendingInterrupt() === this.#error) {
      this.#task.takePendingInterrupt();
      throw this.#error;
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this[Symbol.dispose]();
  }
}

/**
 * A deadline `delayMs` from now for the current task's awaits (Python's `asyncio.timeout`); `null` or
 * Infinity for none (then `reschedule()` it).
 * @example
 * await using _ = timeout(1000);
 * await sleep(5000); // throws TimeoutError after 1 s
 */
export function timeout(delayMs: number | null): Timeout {
  const task = currentTask();
  if (task === undefined) throw new InvalidStateError('timeout() must be used inside a task (createTask/run), as Python requires');
  return new Timeout(task, delayMs ?? Infinity);
}
