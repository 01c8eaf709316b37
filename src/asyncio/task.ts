// Task: a function run as a named, registered, cancellable Future (Python's asyncio.Task), plus createTask, currentTask, allTasks and run.
import { adoptAsNativePromise } from '../internal/promise-subclass.js';
import { checkOptionKeys } from '../internal/validate.js';
import { CancelledError, InvalidArgumentError, InvalidStateError } from './errors.js';
import { warnOfPendingTasksAtExit } from './exit-report.js';
import { captureCallSite, type FrameInfo, parseCallSite, TASK_FRAME_PREFIX } from './frames.js';
import { Future, settle } from './future.js';
import { framesFor, NODE, type NodeInfo, pendingTasks, registry, taskOfSite, type WaitSite, waitsOfTask } from './registry.js';
import { interruptWaits, TAKE_INTERRUPT } from './waits.js';

/** What a task runs: a function given the task (for `task.signal`), or a promise already running. */
export type TaskBody<T> = ((task: Task<T>) => T | PromiseLike<T>) | PromiseLike<T>;

export interface TaskOptions {
  /** Python's `name=`; `Task-<n>` when omitted, numbered per thread in creation order. */
  readonly name?: string | undefined;
  /**
   * Python 3.14's `eager_start=True`: the function starts inside `createTask()` and runs up to its
   * first `await` before the creator continues, rather than in the next microtask. One difference: a
   * function that finishes without awaiting leaves its task done one microtask later (JavaScript
   * cannot see at once that an async function has returned), where Python's task is done at once.
   */
  readonly eagerStart?: boolean | undefined;
}

// Importing ts314/asyncio installs the registry, so `ts314 ps` finds even a process with no task yet.
const REG = registry();

type Runner = (task: Task<unknown>) => Promise<void>;

/**
 * One runner function per slot, named `ts314-task-<slot>`: a task's body runs under it, so V8's async
 * stack traces name the slot, and the slot names the task. Slots are reused, so the functions made
 * are as many as the tasks alive at once.
 */
const runners: Runner[] = [];

function runnerFor(slot: number): Runner {
  let runner = runners[slot];
  if (runner === undefined) {
    const key = `${TASK_FRAME_PREFIX}${slot}`;
    runner = {
      async [key](task: Task<unknown>): Promise<void> {
        let value: unknown;
        try {
          // Called here, not in a helper, so a stack taken before the body's first await ends at the runner.
          const body = begin(task);
          value = await (typeof body === 'function' ? body(task) : body);
        } catch (error) {
          finish(task, error instanceof CancelledError ? 3 : 2, error);
          return;
        }
        finish(task, 1, value);
      },
    }[key] as Runner;
    runners[slot] = runner;
  }
  return runner;
}

/**
 * Tasks made since the last start: Python starts a task at the loop's next turn, not inside
 * create_task(), so the caller's code runs first. One microtask starts every task made in one
 * synchronous stretch, in creation order, rather than one `await` per task.
 */
let toStart: Task<unknown>[] = [];

function startMade(): void {
  const batch = toStart;
  toStart = [];
  for (const task of batch) runnerFor(slotOf(task))(task);
}

let finish: (task: Task<unknown>, state: 1 | 2 | 3, value: unknown) => void;
/** The body to run (CancelledError for a task cancelled before it started); a pending task forgets its closure. */
let begin: (task: Task<unknown>) => TaskBody<unknown>;
let extraOf: (task: Task<unknown>) => TaskExtra;
let extraIfAny: (task: Task<unknown>) => TaskExtra | undefined;
let slotOf: (task: Task<unknown>) => number;

interface TaskExtra {
  controller: AbortController | undefined;
  cancelRequests: number;
  pendingInterrupt: unknown;
  /** Every interruption ever sent: cancel requests, expired timeouts, failing TaskGroups. */
  interruptions: number;
  /** Interruptions from timeouts and TaskGroups whose block has not ended yet. */
  openInterruptions: number;
  /** A cancel was thrown into the task and it has not resumed since: a second cancel adds no second error. */
  cancelInFlight: boolean;
}

/**
 * A function running as a task (Python's `asyncio.Task`): named, listed by `allTasks()` and
 * `ts314 ps` while pending, cancellable, awaitable. Create one with {@link createTask}.
 *
 * `cancel()` throws CancelledError into the task at the ts314 await it is suspended in (`sleep`,
 * `gather`, a TaskGroup's end) — or at its next one, or as its function returns — and aborts
 * `task.signal`. Any other await cannot be interrupted, a Task or Future awaited directly included
 * (await `gather([other])` for that), so long foreign waits should take the signal.
 * A Task is a native promise of its function's result (see {@link Future}).
 * @example
 * const task = createTask(async () => { await sleep(10); return 1; }, { name: 'worker' });
 * console.log(task.name, await task); // worker 1
 */
export class Task<T = unknown> extends Future<T> {
  /** A number until read: `Task-<n>` is formatted on first use, not for every task made. */
  #name: string | number;
  /** The function (replaced by its name once started, so a pending task does not keep the closure alive) or the promise. */
  #body: unknown;
  #slot: number;
  /** What only cancelled or signalled tasks need, allocated for them alone. */
  #extra: TaskExtra | undefined;

  static {
    finish = (task, state, value) => {
      if (task.#slot !== -1) {
        REG.slots[task.#slot] = undefined;
        REG.freeSlots.push(task.#slot);
        task.#slot = -1;
      }
      const pending = takePendingInterrupt(task);
      // A body that returns while a cancel waits for its next ts314 await ends the task cancelled, as
      // Python's Task.__step does with `_must_cancel`: a cancel is never lost for want of an await.
      if (state === 1 && pending instanceof CancelledError && (task.#extra?.cancelRequests ?? 0) > 0) {
        state = 3;
        value = pending;
      }
      if (!task.done()) settle(task, state, value);
    };
    begin = (task) => {
      const body = task.#body;
      const extra = task.#extra;
      if (extra !== undefined && extra.cancelRequests > 0) {
        if (typeof body === 'function') task.#body = body.name;
        // Cancelled before it started: like Python, the body never runs.
        throw takePendingInterrupt(task) ?? cancelledError(task);
      }
      if (typeof body === 'function') task.#body = body.name;
      return body as TaskBody<unknown>;
    };
    extraOf = (task) => {
      task.#extra ??= {
        controller: undefined,
        cancelRequests: 0,
        pendingInterrupt: undefined,
        interruptions: 0,
        openInterruptions: 0,
        cancelInFlight: false,
      };
      return task.#extra;
    };
    extraIfAny = (task) => task.#extra;
    slotOf = (task) => task.#slot;
  }

  constructor(body: TaskBody<T>, options?: TaskOptions) {
    if (options !== undefined) checkOptionKeys(options, ['name', 'eagerStart'], 'createTask()');
    if (typeof body !== 'function' && typeof (body as PromiseLike<T> | null)?.then !== 'function') {
      throw new InvalidArgumentError(`createTask(): expected a function or a promise, got ${body === null ? 'null' : typeof body}`);
    }
    const name = options?.name;
    if (name !== undefined && typeof name !== 'string')
      throw new InvalidArgumentError(`createTask(): name must be a string, got ${typeof name}`);
    const eager = options?.eagerStart;
    if (eager !== undefined && typeof eager !== 'boolean')
      throw new InvalidArgumentError(`createTask(): eagerStart must be a boolean, got ${typeof eager}`);
    super();
    this.#name = name ?? ++REG.unnamed;
    this.#body = body;
    this.#extra = undefined;
    const slot = REG.freeSlots.pop() ?? REG.slots.length;
    this.#slot = slot;
    REG.slots[slot] = this;
    if (eager === true) {
      runnerFor(slot)(this as Task<unknown>);
      return;
    }
    if (toStart.length === 0) queueMicrotask(startMade);
    toStart.push(this as Task<unknown>);
  }

  /** The frame a task's stack falls back to: its function's name (`<promise>` for a promise). */
  #root(): FrameInfo {
    const body = this.#body as string | { name?: string; then?: unknown };
    const funcname =
      typeof body === 'string' ? body || '<anonymous>' : typeof body.then === 'function' ? '<promise>' : body.name || '<anonymous>';
    return { funcname, filename: '', lineno: 0, async: true };
  }

  /** Python's `get_name()` / `set_name()`. */
  get name(): string {
    if (typeof this.#name === 'number') this.#name = `Task-${this.#name}`;
    return this.#name;
  }

  set name(value: string) {
    this.#name = String(value);
  }

  /** Aborted by `cancel()`: hand it to fetch, streams and timers so a cancel reaches foreign awaits too. */
  get signal(): AbortSignal {
    const extra = extraOf(this as Task<unknown>);
    if (extra.controller === undefined) {
      extra.controller = new AbortController();
      // Made after a cancel request: aborted already.
      if (extra.cancelRequests > 0) extra.controller.abort(cancelledError(this as Task<unknown>));
    }
    return extra.controller.signal;
  }

  /**
   * Where the task is suspended, innermost frame first: the frames of the ts314 await it is in
   * (`sleep`, `gather`, a TaskGroup's end) up to its function, or just its function's name when it
   * is awaiting something else.
   */
  getStack(): FrameInfo[] {
    let latest: WaitSite | undefined;
    for (const wait of waitsOfTask(registry(), this) ?? []) latest = wait;
    return latest?.parsed ? [...framesFor(this[NODE](), latest.parsed)] : [this.#root()];
  }

  /**
   * Asks the task to stop (Python's `Task.cancel()`): CancelledError is thrown at the ts314 await it
   * is in, or its next one (a function that returns first ends the task cancelled), and `signal`
   * aborts. A task made from a promise is cancelled at once.
   * False if the task is already done.
   */
  override cancel(message?: string): boolean {
    if (this.done()) return false;
    const extra = extraOf(this as Task<unknown>);
    extra.cancelRequests++;
    extra.interruptions++;
    const error = cancelledError(this as Task<unknown>, message);
    extra.controller?.abort(error);
    if (this.#root().funcname === '<promise>') {
      finish(this as Task<unknown>, 3, error);
      return true;
    }
    // Python: cancels made before the task runs again are one CancelledError (Task.__step clears
    // `_must_cancel`), though each counts in cancelling().
    if (extra.cancelInFlight) return true;
    // Queued before the error is thrown, so it runs before the task resumes.
    queueMicrotask(() => {
      extra.cancelInFlight = false;
    });
    extra.cancelInFlight = true;
    if (interruptWaits(REG, this, error) === 0) {
      extra.cancelInFlight = false;
      setPendingInterrupt(this as Task<unknown>, error);
    }
    return true;
  }

  /** How many cancel requests are outstanding (Python's `Task.cancelling()`). */
  cancelling(): number {
    return this.#extra?.cancelRequests ?? 0;
  }

  /** Decrements the cancel requests (Python's `Task.uncancel()`); returns the new count. */
  uncancel(): number {
    const extra = this.#extra;
    if (extra === undefined) return 0;
    if (extra.cancelRequests > 0) extra.cancelRequests--;
    // Python's uncancel forgets a cancel not yet delivered; a timeout's or group's error still ends its block.
    if (extra.cancelRequests === 0 && extra.pendingInterrupt instanceof CancelledError) takePendingInterrupt(this as Task<unknown>);
    return extra.cancelRequests;
  }

  /** A task's result comes from its function (Python raises RuntimeError). */
  override setResult(_value: T): never {
    throw new InvalidStateError('Task does not support setResult(): its result is what its function returns');
  }

  override setException(_error: unknown): never {
    throw new InvalidStateError('Task does not support setException(): its error is what its function throws');
  }

  /** @internal an interruption requested while the task was not in a ts314 await */
  [TAKE_INTERRUPT](): unknown {
    return takePendingInterrupt(this as Task<unknown>);
  }

  /** @internal */
  override [NODE](): NodeInfo {
    const info = super[NODE]();
    return { ...info, kind: 'task', name: this.name, root: this.#root() };
  }

  override get [Symbol.toStringTag](): string {
    return 'Task';
  }
}

adoptAsNativePromise(Task);

/** The CancelledError a cancel of `task` throws: `message`, or one naming the task (Python's is empty). */
export function cancelledError(task: Task, message?: string): CancelledError {
  return new CancelledError(message ?? `Task ${JSON.stringify(task.name)} was cancelled`);
}

// Interruptions: how cancel(), timeout() and TaskGroup throw an error into a task at the ts314 await
// it is in, or at its next one. Internal to ts314/asyncio (not exported by its index).

/** The interruption waiting for the task's next ts314 await, if any. */
export function peekPendingInterrupt(task: Task): unknown {
  return extraIfAny(task)?.pendingInterrupt;
}

/** Takes (and forgets) the interruption waiting for the task's next ts314 await. */
export function takePendingInterrupt(task: Task): unknown {
  const extra = extraIfAny(task);
  const pending = extra?.pendingInterrupt;
  if (pending !== undefined) {
    extra!.pendingInterrupt = undefined;
    REG.pendingInterrupts--;
  }
  return pending;
}

/**
 * Leaves `error` for the task's next ts314 await, unless an interruption is waiting already (that one
 * is delivered first, as a pending cancel wins over a timeout in Python). Says whether it was left.
 */
export function setPendingInterrupt(task: Task, error: unknown): boolean {
  const extra = extraOf(task);
  if (extra.pendingInterrupt !== undefined) return false;
  REG.pendingInterrupts++;
  extra.pendingInterrupt = error;
  return true;
}

/**
 * For timeout() and TaskGroup: throws `error` at the ts314 awaits the task is in, or else at its next
 * one; open until {@link closeInterruption}. Says whether it was thrown at once, left pending, or
 * refused (another interruption is pending, or the task is done).
 */
export function interruptTask(task: Task, error: unknown): 'thrown' | 'pending' | 'refused' {
  const extra = extraOf(task);
  extra.interruptions++;
  extra.openInterruptions++;
  if (interruptWaits(REG, task, error) > 0) return 'thrown';
  if (task.done()) return 'refused';
  return setPendingInterrupt(task, error) ? 'pending' : 'refused';
}

/** The block that sent an interruption with {@link interruptTask} has ended. */
export function closeInterruption(task: Task): void {
  extraOf(task).openInterruptions--;
}

/** How many interruptions (cancel requests, expired timeouts, failing TaskGroups) the task has been sent. */
export function interruptionCount(task: Task): number {
  return extraIfAny(task)?.interruptions ?? 0;
}

/**
 * Whether an interruption sent after the first `count` may still be propagating: a cancel not yet
 * uncancelled, or a timeout or TaskGroup whose block has not ended.
 */
export function interruptedSince(task: Task, count: number): boolean {
  const extra = extraIfAny(task);
  return extra !== undefined && extra.interruptions > count && (extra.cancelRequests > 0 || extra.openInterruptions > 0);
}

/**
 * Runs `body` as a task (Python's `asyncio.create_task`). Pass a function — it runs under the task,
 * so `currentTask()`, `ts314 ps` and cancellation know it — or a promise already running.
 * @example
 * const task = createTask(async () => fetchUser(1), { name: 'user-1' });
 */
export function createTask<T>(body: TaskBody<T>, options?: TaskOptions): Task<T> {
  return new Task(body, options);
}

/**
 * The task whose function is running (Python's `asyncio.current_task()`), found from V8's async
 * stack trace, so it costs a stack capture (microseconds): fine for diagnostics, not for hot loops.
 * Undefined outside any task, and after an await on a promise V8 cannot follow (a `.then` callback).
 */
export function currentTask(): Task | undefined {
  const reg = registry();
  const site = parseCallSite(captureCallSite(currentTask));
  return taskOfSite(reg, site, reg.seq + 1) as Task | undefined;
}

/** The pending tasks of this thread (Python's `asyncio.all_tasks()`). */
export function allTasks(): Set<Task> {
  return new Set(pendingTasks(REG) as Task[]);
}

// A thread that runs out of work with tasks pending ends without running them on: say so.
warnOfPendingTasksAtExit();

/** Runs `main` as the first task and returns its result (Python's `asyncio.run`). */
export function run<T>(main: (task: Task<T>) => T | PromiseLike<T>, options?: TaskOptions): Promise<T> {
  return Promise.resolve(createTask(main, options));
}
