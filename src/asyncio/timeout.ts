// timeout: a deadline for the awaits of a block (Python 3.11's `async with asyncio.timeout(delay)`), as `using`.
import { checkDelay } from '../internal/validate.js';
import { CancelledError, InvalidArgumentError, InvalidStateError, TimeoutError } from './errors.js';
import {
  cancelledError,
  closeInterruption,
  currentTask,
  interruptTask,
  peekPendingInterrupt,
  type Task,
  takePendingInterrupt,
} from './task.js';

/**
 * A deadline on the current task (Python's `asyncio.Timeout`). When it expires, the ts314 await the
 * task is in (or its next one) throws TimeoutError; if the block reaches none, it throws TimeoutError
 * as it ends. Leaving the block in time disarms it.
 */
export class Timeout implements Disposable, AsyncDisposable {
  readonly #task: Task;
  #deadline: number;
  #timer: NodeJS.Timeout | undefined;
  /** An expiry already due, waiting for the loop's next turn. */
  #soon: NodeJS.Immediate | undefined;
  /** Python's states: `active` until it expires (`expiring`) or the block ends (`expired` / `finished`). */
  #state: 'active' | 'expiring' | 'expired' | 'finished' = 'active';
  #error: TimeoutError | CancelledError | undefined;
  /** The task's cancel requests when the block began: more at expiry means a cancel nobody took back. */
  readonly #cancelling: number;

  /** @internal use {@link timeout} */
  constructor(task: Task, delayMs: number) {
    this.#task = task;
    this.#cancelling = task.cancelling();
    this.#deadline = Infinity;
    this.reschedule(delayMs);
  }

  /** The deadline as a `performance.now()` time, Infinity for none (Python's `when()`, on a ms clock). */
  when(): number {
    return this.#deadline;
  }

  /** Moves the deadline `delayMs` from now (Infinity: none; 0 or less: due now); only while it is active, as in Python. */
  reschedule(delayMs: number): void {
    const delay = checkDelay(delayMs, 'delayMs', { where: 'Timeout.reschedule()', ErrorClass: InvalidArgumentError });
    if (this.#state !== 'active') throw new InvalidStateError(`Cannot change state of ${this.#state} Timeout`);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#soon) clearImmediate(this.#soon);
    this.#soon = undefined;
    this.#deadline = performance.now() + delay;
    if (delay === 0) {
      // Python runs an expiry already due with call_soon: after the code before the block's next await, and
      // after the tasks made before it have started.
      this.#soon = setImmediate(() => {
        this.#soon = undefined;
        this.#expire(0);
      });
    } else if (delay !== Infinity) {
      this.#timer = setTimeout(() => this.#expire(delay), delay);
      this.#timer.unref();
    }
  }

  /** Whether the deadline passed (Python's `expired()`). */
  expired(): boolean {
    return this.#state === 'expiring' || this.#state === 'expired';
  }

  #expire(delay: number): void {
    this.#timer = undefined;
    this.#state = 'expiring';
    // Python turns the expiry into TimeoutError only if no other cancel is outstanding (uncancel() back at
    // the count the block began with); otherwise the block ends with CancelledError and the task is cancelled.
    this.#error =
      this.#task.cancelling() > this.#cancelling
        ? cancelledError(this.#task)
        : new TimeoutError(`timed out after ${delay} ms`, { timeoutMs: delay });
    interruptTask(this.#task, this.#error);
  }

  [Symbol.dispose](): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#soon) clearImmediate(this.#soon);
    this.#soon = undefined;
    if (this.#state === 'active') this.#state = 'finished';
    if (this.#state !== 'expiring') return;
    this.#state = 'expired';
    closeInterruption(this.#task);
    // A CancelledError (the expiry over an outstanding cancel) stays for the task's next await: the block may be
    // leaving with a CancelledError already, and throwing a second on top would make a SuppressedError of them.
    if (peekPendingInterrupt(this.#task) === this.#error && !(this.#error instanceof CancelledError)) {
      takePendingInterrupt(this.#task);
      throw this.#error;
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this[Symbol.dispose]();
  }
}

/**
 * A deadline `delayMs` from now for the current task's awaits (Python's `asyncio.timeout`); `null` or
 * Infinity for none (then `reschedule()` it). One already due (0 or negative) expires at the block's
 * next await, after the code before it, as Python's does.
 * @example
 * await using _ = timeout(1000);
 * await sleep(5000); // throws TimeoutError after 1 s
 */
export function timeout(delayMs: number | null): Timeout {
  const task = currentTask();
  if (task === undefined) throw new InvalidStateError('timeout() must be used inside a task (createTask/run), as Python requires');
  return new Timeout(task, delayMs ?? Infinity);
}
