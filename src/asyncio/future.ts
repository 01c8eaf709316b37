// Future: asyncio's awaitable result holder (set_result, set_exception, cancel), the node a call graph is made of.
import { adoptAsNativePromise, keepResolvers, keptReject, keptResolve, markHandled } from '../internal/promise-subclass.js';
import { CancelledError, InvalidStateError } from './errors.js';
import { hexId } from './hex-id.js';
import { type GraphNode, NODE, type NodeInfo, registry, type WaitSite } from './registry.js';

const PENDING = 0;
export const FULFILLED = 1;
export const REJECTED = 2;
export const CANCELLED = 3;
type State = typeof PENDING | typeof FULFILLED | typeof REJECTED | typeof CANCELLED;

/** This thread's registry: fixed for the life of the module, so looked up once. */
const REG = registry();

/** The thread's id in the upper bits of every id; a literal 0 on the main thread, so its ids stay small integers (no boxed double per future). */
const ID_BASE = REG.threadId === 0 ? 0 : REG.threadId * 2 ** 32;

/** A task's or future's `id`: unique in the process, the thread's id in the upper bits (Python's `id()` of the object). */
export function nextId(): number {
  return ID_BASE + ++REG.nextId;
}

/** Settles a future bypassing Task's refusal of `setResult` (for Task's own completion). */
export let settle: <T>(future: Future<T>, state: State, value: unknown) => void;
/** The awaited-by set of a future, created on first use. */
export let awaitedByOf: (future: Future<unknown>) => Set<GraphNode | WaitSite>;

/**
 * An awaitable that something else completes (Python's `asyncio.Future`): `setResult`,
 * `setException`, `cancel`. `await future` gives its result or throws its error.
 *
 * A Future is a native promise, so `await`, `Promise.all` and `.then` treat it as one without an
 * extra turn; its `constructor` is therefore `Promise` (V8 takes its fast path only then), and
 * `then`, `catch` and `finally` give plain promises.
 * @example
 * const future = new Future<number>();
 * setTimeout(() => future.setResult(42), 10);
 * console.log(await future); // 42
 */
export class Future<T = unknown> extends Promise<T> implements GraphNode {
  /** Unique in the process: printed as `id=0x…` by formatCallGraph and `ts314 ps`. */
  readonly id: number;
  #state: State = PENDING;
  #value: unknown;
  #resolve: ((value: unknown) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  #awaitedBy: Set<GraphNode | WaitSite> | undefined;
  /** @internal creation order in the registry */
  readonly seq: number;

  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  static {
    settle = (future, state, value) => future.#settle(state, value);
    awaitedByOf = (future) => {
      future.#awaitedBy ??= new Set();
      return future.#awaitedBy;
    };
  }

  constructor() {
    super(keepResolvers as ConstructorParameters<typeof Promise<T>>[0]);
    this.#resolve = keptResolve();
    this.#reject = keptReject();
    this.id = ID_BASE + ++REG.nextId;
    this.seq = ++REG.seq;
  }

  #settle(state: State, value: unknown): void {
    if (this.#state !== PENDING) throw new InvalidStateError(`${this.#describe()} is already ${this.#stateName()}`);
    this.#state = state;
    this.#awaitedBy = undefined;
    const resolve = this.#resolve!;
    const reject = this.#reject!;
    this.#resolve = undefined;
    this.#reject = undefined;
    if (state === FULFILLED) {
      this.#value = value;
      resolve(value);
      return;
    }
    if (state === CANCELLED) {
      this.#value = value instanceof CancelledError ? value : new CancelledError(`${this.#describe()} was cancelled`);
      // Nobody need see a cancellation: Python does not report cancelled futures nobody awaited.
      markHandled(this);
    } else this.#value = value;
    // Nobody awaiting a failure yet: Node reports it if nobody ever does, as Python logs it.
    reject(this.#value);
  }

  #stateName(): string {
    return ['pending', 'finished', 'finished', 'cancelled'][this.#state]!;
  }

  #describe(): string {
    return `Future(id=${hexId(this.id)})`;
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
    if (this.#state !== FULFILLED) throw this.#value;
    return this.#value as T;
  }

  /** The error it failed with, or undefined; throws CancelledError if cancelled, InvalidStateError if pending. */
  exception(): unknown {
    if (this.#state === PENDING) throw new InvalidStateError(`${this.#describe()}: exception is not set`);
    if (this.#state === CANCELLED) throw this.#value;
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

  override get [Symbol.toStringTag](): string {
    return 'Future';
  }
}

adoptAsNativePromise(Future);

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
