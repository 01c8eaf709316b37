// Future: asyncio's awaitable result holder (set_result, set_exception, cancel), the node a call graph is made of.
import { CancelledError, InvalidStateError } from './errors.js';
import { type GraphNode, NODE, type NodeInfo, registry, type WaitSite } from './registry.js';

const PENDING = 0;
const FULFILLED = 1;
const REJECTED = 2;
const CANCELLED = 3;
type State = typeof PENDING | typeof FULFILLED | typeof REJECTED | typeof CANCELLED;

/** A task's or future's `id`: unique in the process, the thread's id in the upper bits (Python's `id()` of the object). */
export function nextId(): number {
  return REG.threadId * 2 ** 32 + ++REG.nextId;
}

/** This thread's registry: fixed for the life of the module, so looked up once. */
const REG = registry();

/** Settles a future bypassing Task's refusal of `setResult` (for Task's own completion). */
export let settle: <T>(future: Future<T>, state: State, value: unknown, reported?: boolean) => void;
/** The awaited-by set of a future, created on first use. */
export let awaitedByOf: (future: Future<unknown>) => Set<GraphNode | WaitSite>;

/**
 * An awaitable that something else completes (Python's `asyncio.Future`): `setResult`,
 * `setException`, `cancel`. `await future` gives its result or throws its error.
 * @example
 * const future = new Future<number>();
 * setTimeout(() => future.setResult(42), 10);
 * console.log(await future); // 42
 */
export class Future<T = unknown> implements PromiseLike<T>, GraphNode {
  /** Unique in the process: printed as `id=0x…` by formatCallGraph and `ts314 ps`. */
  readonly id: number;
  #state: State = PENDING;
  #value: unknown;
  #promise: Promise<unknown> | undefined;
  /** The promise's resolvers while someone awaits a pending future. */
  #deferred: { resolve: (value: unknown) => void; reject: (error: unknown) => void } | undefined;
  #awaitedBy: Set<GraphNode | WaitSite> | undefined;
  /** @internal creation order in the registry */
  readonly seq: number;

  static {
    settle = (future, state, value, reported) => future.#settle(state, value, reported);
    awaitedByOf = (future) => {
      future.#awaitedBy ??= new Set();
      return future.#awaitedBy;
    };
  }

  constructor() {
    this.id = REG.threadId * 2 ** 32 + ++REG.nextId;
    this.seq = ++REG.seq;
  }

  /** `reported`: a promise of the caller's already carries the outcome (a task's runner), so no second rejection is made. */
  #settle(state: State, value: unknown, reported = false): void {
    if (this.#state !== PENDING) throw new InvalidStateError(`${this.#describe()} is already ${this.#stateName()}`);
    this.#state = state;
    this.#value = value;
    this.#awaitedBy = undefined;
    const deferred = this.#deferred;
    if (deferred) {
      this.#deferred = undefined;
      if (state === FULFILLED) deferred.resolve(value);
      else deferred.reject(state === CANCELLED ? this.#cancelledError() : value);
    } else if (state === REJECTED && !reported) {
      // Nobody awaits it yet: a rejected promise now, so Node reports the error if nobody ever does.
      this.#promise = Promise.reject(value);
    }
  }

  #cancelledError(): CancelledError {
    return this.#value instanceof CancelledError ? this.#value : new CancelledError(`${this.#describe()} was cancelled`);
  }

  #stateName(): string {
    return ['pending', 'finished', 'finished', 'cancelled'][this.#state]!;
  }

  #describe(): string {
    return `Future(id=0x${this.id.toString(16)})`;
  }

  /** True once it has a result, an error, or was cancelled. */
  done(): boolean {
    return this.#state !== PENDING;
  }

  cancelled(): boolean {
    return this.#state === CANCELLED;
  }

  /** The result; throws the error it failed with, CancelledError if cancelled, InvalidStateError if pending. */
  result(): T {
    if (this.#state === PENDING) throw new InvalidStateError(`${this.#describe()}: result is not set`);
    if (this.#state === CANCELLED) throw this.#cancelledError();
    if (this.#state === REJECTED) throw this.#value;
    return this.#value as T;
  }

  /** The error it failed with, or undefined; throws CancelledError if cancelled, InvalidStateError if pending. */
  exception(): unknown {
    if (this.#state === PENDING) throw new InvalidStateError(`${this.#describe()}: exception is not set`);
    if (this.#state === CANCELLED) throw this.#cancelledError();
    return this.#state === REJECTED ? this.#value : undefined;
  }

  setResult(value: T): void {
    this.#settle(FULFILLED, value);
  }

  setException(error: unknown): void {
    this.#settle(REJECTED, error);
  }

  /** Cancels a pending future; false when it was already done. */
  cancel(message?: string): boolean {
    if (this.#state !== PENDING) return false;
    this.#settle(CANCELLED, message === undefined ? undefined : new CancelledError(message));
    return true;
  }

  // biome-ignore lint/suspicious/noThenProperty: a Future is awaitable, like Python's
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    if (this.#promise === undefined) {
      if (this.#state === FULFILLED) this.#promise = Promise.resolve(this.#value);
      else if (this.#state !== PENDING) this.#promise = Promise.reject(this.#state === CANCELLED ? this.#cancelledError() : this.#value);
      else {
        this.#promise = new Promise<unknown>((resolve, reject) => {
          this.#deferred = { resolve, reject };
        });
      }
    }
    return (this.#promise as Promise<T>).then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  /** @internal the call-graph walk */
  [NODE](): NodeInfo {
    return {
      kind: 'future',
      id: this.id,
      name: '',
      pending: this.#state === PENDING,
      root: undefined,
      awaitedBy: this.#awaitedBy ?? [],
      seq: this.seq,
    };
  }

  get [Symbol.toStringTag](): string {
    return 'Future';
  }
}

/**
 * Records that `waiter` awaits `future` (Python's `asyncio.future_add_to_awaited_by`), for
 * combinators of your own: `ts314 ps`, `pstree` and `captureCallGraph` then show the edge.
 * Both must be ts314 futures or tasks.
 */
export function futureAddToAwaitedBy(future: Future<unknown>, waiter: Future<unknown>): void {
  if (future.done()) return;
  awaitedByOf(future).add(waiter);
}

/** Removes an edge added by {@link futureAddToAwaitedBy} (Python's `asyncio.future_discard_from_awaited_by`). */
export function futureDiscardFromAwaitedBy(future: Future<unknown>, waiter: Future<unknown>): void {
  if (future.done()) return;
  awaitedByOf(future).delete(waiter);
}
