// Future<T>: the pending result of a task, awaitable, with concurrent.futures.Future's state machine.
import { CancelledError, InvalidStateError, TimeoutError } from './errors.js';
import { adoptAsNativePromise, keepResolvers, keptReject, keptResolve, markHandled } from '../internal/promise-subclass.js';
import { checkOptionKeys, checkTimeout as timeoutMs } from '../internal/validate.js';

/** PENDING → RUNNING → FINISHED, or PENDING → CANCELLED; the names Python's `Future._state` uses. */
export type FutureState = 'PENDING' | 'RUNNING' | 'CANCELLED' | 'FINISHED';

export interface WaitOptions {
  /** Milliseconds to wait; undefined waits forever. */
  readonly timeout?: number | undefined;
}

export type DoneCallback<T> = (future: Future<T>) => unknown;

interface Hooks<T> {
  callbacks: DoneCallback<T>[] | undefined;
  waiters: (() => void)[] | undefined;
}

let readFailed: (future: Future) => boolean;
let attachListener: (future: Future, listener: DoneListener) => void;

/**
 * An executor's own notice that a future is done, told before done callbacks and awaiters: one
 * object for all of an executor's futures, so tracking them costs no closure per future.
 */
export interface DoneListener {
  futureDone(): void;
}

const WAIT_KEYS = ['timeout'] as const;

/** A timeout in milliseconds by ts314's convention; undefined when there is no limit (omitted, null or Infinity). */
export function checkTimeout(timeout: unknown, where: string): number | undefined {
  const limit = timeoutMs(timeout, { where });
  return limit === Infinity ? undefined : limit;
}

/**
 * The eventual result of a task. Await it like a Promise, or use Python's methods: `result()`,
 * `exception()`, `cancel()`, `done()`, `addDoneCallback()`.
 *
 * A Future is a native promise, so `await`, `Promise.all` and `.then` take it without an extra turn
 * or wrapper; its `constructor` is therefore `Promise` (V8 takes its fast path only then), and
 * `then`, `catch` and `finally` give plain promises. A failed future that nobody awaits raises no
 * unhandled rejection, as an unread Python future stays silent.
 * @example
 * const future = executor.submit((x: number) => x * 2, 21);
 * future.addDoneCallback((f) => console.log('done', f.done()));
 * console.log(await future); // 42
 * console.log(await future.result({ timeout: 1000 })); // 42
 */
export class Future<T = unknown> extends Promise<T> {
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  static {
    readFailed = (future) => future.#state === 'FAILED';
    attachListener = (future, listener) => {
      future.#listener = listener;
    };
  }
  // Few fields, since a pool holds a future per task: FAILED is FINISHED with an error, and #value
  // holds the result, the error or the cancel cause.
  #state: FutureState | 'FAILED' = 'PENDING';
  #value: unknown;
  /** Made on first use: most futures only ever have their result awaited. */
  #hooks: Hooks<T> | undefined;
  #resolve: ((value: unknown) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  #listener: DoneListener | undefined;
  /** Set by executors: called when cancel() succeeds so queued work is dropped at once. */
  onCancel: (() => void) | undefined;

  constructor() {
    super(keepResolvers as ConstructorParameters<typeof Promise<T>>[0]);
    this.#resolve = keptResolve();
    this.#reject = keptReject();
  }

  /** The state name, for debugging and for executors. */
  get state(): FutureState {
    return this.#state === 'FAILED' ? 'FINISHED' : this.#state;
  }

  /**
   * Attempts to cancel. Returns false when the task is running or finished; true when it is (now)
   * cancelled. Done callbacks run.
   */
  cancel(cause?: unknown): boolean {
    if (this.#state === 'CANCELLED') return true;
    if (this.#state !== 'PENDING') return false;
    this.#state = 'CANCELLED';
    this.#value = cause;
    const hook = this.onCancel;
    this.onCancel = undefined;
    hook?.();
    this.#settle();
    return true;
  }

  cancelled(): boolean {
    return this.#state === 'CANCELLED';
  }

  running(): boolean {
    return this.#state === 'RUNNING';
  }

  done(): boolean {
    const state = this.#state;
    return state === 'FINISHED' || state === 'FAILED' || state === 'CANCELLED';
  }

  /**
   * Resolves with the task's value; rejects with its error, with CancelledError if it was
   * cancelled, or with TimeoutError when `timeout` ms pass first (the task keeps running).
   */
  async result(options?: WaitOptions): Promise<T> {
    await this.#waitDone(options, 'Future.result()');
    if (this.#state === 'CANCELLED') throw this.#cancelledError();
    if (this.#state === 'FAILED') throw this.#value;
    return this.#value as T;
  }

  /**
   * Resolves with the task's error, or undefined when it succeeded; rejects with CancelledError or
   * TimeoutError like `result()`.
   */
  async exception(options?: WaitOptions): Promise<unknown> {
    await this.#waitDone(options, 'Future.exception()');
    if (this.#state === 'CANCELLED') throw this.#cancelledError();
    return this.#state === 'FAILED' ? this.#value : undefined;
  }

  /**
   * Runs `fn(future)` when the future is done, in the order added; at once if it is already done.
   * An error thrown by `fn` is reported (process 'warning' event) and never propagates, as Python
   * logs it.
   */
  addDoneCallback(fn: DoneCallback<T>): void {
    if (typeof fn !== 'function') throw new TypeError(`addDoneCallback(): expected a function, got ${typeof fn}`);
    if (this.done()) this.#invoke(fn);
    else ((this.#hooks ??= { callbacks: undefined, waiters: undefined }).callbacks ??= []).push(fn);
  }

  /**
   * Marks the future running, or returns false if it was cancelled (then callbacks have run).
   * For executor implementations; InvalidStateError when it is already running or finished.
   */
  setRunningOrNotifyCancel(): boolean {
    if (this.#state === 'CANCELLED') return false;
    if (this.#state === 'PENDING') {
      this.#state = 'RUNNING';
      this.onCancel = undefined;
      return true;
    }
    throw new InvalidStateError(`Future in unexpected state ${this.state}: setRunningOrNotifyCancel() expects PENDING or CANCELLED`);
  }

  /** For executor implementations. InvalidStateError if the future is already done. */
  setResult(value: T): void {
    if (this.done()) throw new InvalidStateError(`cannot set the result of a future that is ${this.state}`);
    this.#state = 'FINISHED';
    this.#value = value;
    this.#settle();
  }

  /** For executor implementations. InvalidStateError if the future is already done. */
  setException(error: unknown): void {
    if (this.done()) throw new InvalidStateError(`cannot set the exception of a future that is ${this.state}`);
    this.#state = 'FAILED';
    this.#value = error;
    this.#settle();
  }

  /**
   * Forces a running future to CANCELLED: used when an AbortSignal interrupts a running task
   * (something Python cannot do). Returns false if the future was already done.
   */
  forceCancel(cause?: unknown): boolean {
    if (this.done()) return false;
    this.#state = 'CANCELLED';
    this.#value = cause;
    this.onCancel = undefined;
    this.#settle();
    return true;
  }

  override get [Symbol.toStringTag](): string {
    return `Future ${this.state.toLowerCase()}`;
  }

  /**
   * What console.log and util.inspect show: Python's repr of a future, without the address
   * (`<Future state=finished returned number>`), rather than the promise and an executor's fields.
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const state = this.#state;
    if (state === 'FINISHED') return `<Future state=finished returned ${typeName(this.#value)}>`;
    if (state === 'FAILED') return `<Future state=finished raised ${typeName(this.#value)}>`;
    return `<Future state=${state.toLowerCase()}>`;
  }

  #cancelledError(): CancelledError {
    return new CancelledError('the future was cancelled', this.#value === undefined ? undefined : { cause: this.#value });
  }

  #settle(): void {
    const listener = this.#listener;
    if (listener) {
      this.#listener = undefined;
      listener.futureDone();
    }
    const resolve = this.#resolve!;
    const reject = this.#reject!;
    this.#resolve = this.#reject = undefined;
    if (this.#state === 'FINISHED') resolve(this.#value);
    else {
      // Handled before it rejects: a failure nobody awaits stays silent, as in Python.
      markHandled(this);
      reject(this.#state === 'CANCELLED' ? this.#cancelledError() : this.#value);
    }
    const hooks = this.#hooks;
    if (hooks === undefined) return;
    this.#hooks = undefined;
    if (hooks.waiters) for (const wake of hooks.waiters) wake();
    if (hooks.callbacks) for (const fn of hooks.callbacks) this.#invoke(fn);
  }

  #invoke(fn: DoneCallback<T>): void {
    try {
      const returned = fn(this);
      if (returned instanceof Promise) returned.catch((error: unknown) => reportCallbackError(error));
    } catch (error) {
      reportCallbackError(error);
    }
  }

  /** Registers a wake-up for wait()/asCompleted() without creating callbacks users can see. */
  waitInternal(wake: () => void): () => void {
    if (this.done()) {
      wake();
      return () => {};
    }
    const waiters = ((this.#hooks ??= { callbacks: undefined, waiters: undefined }).waiters ??= []);
    waiters.push(wake);
    return () => {
      const i = waiters.indexOf(wake);
      if (i >= 0) waiters.splice(i, 1);
    };
  }

  async #waitDone(options: WaitOptions | undefined, where: string): Promise<void> {
    checkOptionKeys(options, WAIT_KEYS, where);
    const timeout = checkTimeout(options?.timeout, where);
    if (this.done()) return;
    await new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const remove = this.waitInternal(() => {
        if (timer) clearTimeout(timer);
        resolve();
      });
      if (timeout !== undefined) {
        timer = setTimeout(() => {
          remove();
          reject(new TimeoutError(`${where}: the future was not done within ${timeout} ms`, { timeoutMs: timeout }));
        }, timeout);
      }
    });
  }
}

/** A value's class name, as Python's repr of a future gives it (`int`, `ValueError`): here `number`, `RangeError`, `Map`. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object' && typeof value !== 'function') return typeof value;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'Object';
}

function reportCallbackError(error: unknown): void {
  const warning = new Error(`exception calling a Future done callback: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
  warning.name = 'FutureCallbackError';
  process.emitWarning(warning);
}

/** Tells `listener` once when `future` is done (at once if it already is). For executors. */
export function setDoneListener(future: Future, listener: DoneListener): void {
  if (future.done()) listener.futureDone();
  else attachListener(future, listener);
}

/** Whether a done future holds an error, read synchronously (wait()'s FIRST_EXCEPTION needs it now). */
export function futureFailed(future: Future): boolean {
  return readFailed(future);
}

adoptAsNativePromise(Future);
