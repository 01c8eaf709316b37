// DistributedExecutor: the concurrent.futures Executor over a BullMQ queue, so tasks run on `ts314 worker` processes anywhere.
import { randomUUID } from 'node:crypto';
import { isModuleTask, type AnyFunction } from '../internal/callable.js';
import { InvalidArgumentError } from '../internal/errors.js';
import { checkInteger, checkMilliseconds, checkOptionKeys } from '../internal/validate.js';
import {
  BrokenExecutor,
  CancelledError,
  ExecutorShutdownError,
  Future,
  type Callable,
  type CallResult,
  type Executor,
  type MapArguments,
  type ShutdownOptions,
  type SubmitOptions,
} from '../futures/index.js';
import { runMap, type ChunkOutcomes, type ItemOutcome } from '../futures/map.js';
import { checkSubmitOptions } from '../futures/executor.js';
import { decodeError, decodeValue, deserializeError, encodeValue, type EncodedOutcome, type JobData } from './codec.js';
import { checkQueueName, connectionOptions, loadEngine, parseConnection, type BrokerConnection, type BrokerKind } from './engine.js';
import { BrokerConnectionError, TaskFailedError, TaskStalledError } from './errors.js';

export interface DistributedExecutorOptions {
  /** Broker connection string: `redis://host:6379`, `rediss://…`, or `postgres://user@host/db` (PostgreSQL >= 13). */
  readonly connection: string;
  /** Queue name the workers were started with (`ts314 worker --queue NAME`). */
  readonly queue: string;
  /** Milliseconds to reach the broker before failing with BrokerConnectionError. Default 5000. */
  readonly connectTimeout?: number | undefined;
  /** Milliseconds between reads of finished jobs from the broker (the safety net under dropped events). Default 500. */
  readonly sweepInterval?: number | undefined;
  /** Milliseconds without any result before the executor checks its jobs still exist (and re-adds lost ones). Default 5000. */
  readonly recheckInterval?: number | undefined;
  /**
   * The most tasks one job carries when many are submitted at once (default 64); 1 gives every task
   * a job of its own. See "Tasks submitted together share jobs" in docs/distributed.md.
   */
  readonly maxTasksPerJob?: number | undefined;
}

const OPTION_KEYS = ['connection', 'queue', 'connectTimeout', 'sweepInterval', 'recheckInterval', 'maxTasksPerJob'] as const;
const WHERE = 'DistributedExecutor';
/** Jobs fetched per page by the sweep, and finished jobs removed per script call. */
const PAGE = 500;

/**
 * Removes finished jobs (ARGV[2..]) whose results were read, in one script call on Redis: the job
 * hash and log, and its entry in the completed or failed set (KEYS). A job in neither set is left
 * alone. BullMQ's own removal checks for flows, locks and deduplication a ts314 job never has, and
 * writes a `removed` event every QueueEvents reader then parses; per job it cost more than running it.
 */
const REMOVE_FINISHED_LUA = `
local removed = 0
for i = 2, #ARGV do
  local id = ARGV[i]
  if redis.call('ZREM', KEYS[1], id) == 1 or redis.call('ZREM', KEYS[2], id) == 1 then
    local jobKey = ARGV[1] .. id
    redis.call('DEL', jobKey, jobKey .. ':logs')
    removed = removed + 1
  end
end
return removed`;
const REMOVE_FINISHED = 'ts314RemoveFinished';
/** The longest a read result waits before its job is removed (sooner once a page of them is ready). */
const FORGET_DELAY_MS = 50;
/** How long shutdown() spends, once every future is done, removing read jobs and jobs cancelled while they ran. */
const SHUTDOWN_CLEANUP_GRACE_MS = 3000;
/**
 * Tasks added together travel as about this many jobs (more when each would carry over
 * maxTasksPerJob), so that workers on several machines, each holding `--concurrency` jobs, still
 * share them out evenly.
 */
const SHARED_JOBS = 128;
const DEFAULT_MAX_TASKS_PER_JOB = 64;

/** A job, or a task waiting for one: a task that shares a job is an item of that job's entry. */
interface Entry {
  readonly id: string;
  readonly future: Future<unknown>;
  /** Rewritten when an item of a shared job is cancelled (the items to skip). */
  data: JobData;
  /** Cancelled (or interrupted) by the submitter: the job is removed when possible, its result dropped. */
  cancelled: boolean;
  added: boolean;
  /** Decode the stored result (a chunk's outcomes, or one value). */
  readonly chunk: boolean;
  abort?: (() => void) | undefined;
  /** A job shared by several tasks: their entries, whose futures its outcomes settle one by one. */
  items?: Entry[] | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: BullMQ's Queue and QueueEvents, loaded at run time
type Bull = any;

/** Ends a future with a task's error: a CancelledError from the worker (an interrupted or skipped task) cancels it. */
function failWith(future: Future<unknown>, error: unknown): void {
  if ((error as Error | undefined)?.name === 'CancelledError') future.forceCancel(error);
  else future.setException(error);
}

function stalled(reason: string): boolean {
  return /stalled more than allowable limit/i.test(reason);
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Whether a failed broker call failed for want of a connection (worth retrying) rather than for what it asked. */
function isConnectionError(error: unknown): boolean {
  const { code, message, name } = (error ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08') || code === '57P01')) return true;
  if (name === 'MaxRetriesPerRequestError') return true;
  return /connection is closed|stream isn't writeable|connection terminated|connect E|socket|closed/i.test(String(message ?? ''));
}

/**
 * Runs tasks on `ts314 worker` processes through a BullMQ queue on Redis or PostgreSQL. Tasks are
 * module exports (`task(url, name)` or `registeredTask(name)`), arguments and results JSON values
 * (bigint too). At-least-once execution, exactly-once resolution: results are read from the stored
 * jobs (QueueEvents only hints), and a job is removed after its result is read.
 * @example
 * import { DistributedExecutor, registeredTask } from 'ts314/distributed';
 * await using executor = new DistributedExecutor({ connection: 'redis://127.0.0.1:6379', queue: 'work' });
 * const factorial = registeredTask<(n: number) => bigint>('factorial');
 * console.log(await executor.submit(factorial, 20));
 */
export class DistributedExecutor implements Executor {
  /** The broker kind and address (password hidden). */
  readonly broker: { readonly kind: BrokerKind; readonly connection: string };
  readonly queue: string;
  readonly #connection: BrokerConnection;
  readonly #prefix = randomUUID().slice(0, 8);
  #seq = 0;
  readonly #pending = new Map<string, Entry>();
  /** Pending entries not cancelled: what shutdown() waits for. */
  #live = 0;
  #toAdd: Entry[] = [];
  /** Jobs of cancelled futures: removed (never run) unless a worker holds them. */
  #toRemove: string[] = [];
  /** Finished jobs whose results were read. */
  #toForget: string[] = [];
  /** Running jobs whose futures an AbortSignal cancelled: their workers are told to stop them. */
  #toInterrupt: string[] = [];
  /** Shared jobs with an item cancelled since they were added: their data is rewritten to skip it. */
  #toRewrite = new Set<Entry>();
  /** Removes finished jobs in batches (one script call on Redis), or undefined to remove them one by one. */
  #forget: ((ids: string[]) => Promise<unknown>) | undefined;
  #flushScheduled = false;
  #forgetTimer: NodeJS.Timeout | undefined;
  #queue: Bull;
  #events: Bull;
  readonly #ready: Promise<void>;
  #broken: Error | undefined;
  #shutdown = false;
  #closed: Promise<void> | undefined;
  #sweepTimer: NodeJS.Timeout | undefined;
  #sweeping = false;
  #closing: Promise<void> | undefined;
  #lastSettled = performance.now();
  #lastRecheck = performance.now();
  #disconnected = false;
  #idleWaiters: (() => void)[] = [];
  readonly #sweepInterval: number;
  readonly #recheckInterval: number;
  readonly #maxTasksPerJob: number;

  constructor(options: DistributedExecutorOptions) {
    if (typeof options !== 'object' || options === null)
      throw new InvalidArgumentError(`${WHERE}: expected an options object { connection, queue }, got ${typeof options}`);
    checkOptionKeys(options, OPTION_KEYS, WHERE);
    this.#connection = parseConnection(options.connection, WHERE);
    this.queue = checkQueueName(options.queue, WHERE);
    const connectTimeout = checkMilliseconds(options.connectTimeout ?? 5000, 'connectTimeout', { where: WHERE });
    this.#sweepInterval = checkInteger(options.sweepInterval ?? 500, 'sweepInterval', { where: WHERE }, 1);
    this.#recheckInterval = checkInteger(options.recheckInterval ?? 5000, 'recheckInterval', { where: WHERE }, 1);
    this.#maxTasksPerJob = checkInteger(options.maxTasksPerJob ?? DEFAULT_MAX_TASKS_PER_JOB, 'maxTasksPerJob', { where: WHERE }, 1);
    this.broker = { kind: this.#connection.kind, connection: this.#connection.display };
    this.#ready = this.#open(connectTimeout);
    this.#ready.catch(() => {});
  }

  /** Resolves once the broker answered; rejects with BrokerConnectionError (or DistributedUnavailableError). */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Tasks submitted and not yet resolved. */
  get pendingCount(): number {
    let count = 0;
    for (const entry of this.#pending.values()) count += entry.items ? entry.items.filter((item) => !item.future.done()).length : 1;
    return count;
  }

  submit<F extends AnyFunction>(fn: Callable<F>, ...args: Parameters<F>): Future<CallResult<F>> {
    return this.#submit({}, fn, args, `${WHERE}.submit()`) as Future<CallResult<F>>;
  }

  /** `submit` with `{ signal }`: aborting removes a waiting job, and interrupts a running one (the worker ends its interpreter). */
  submitWith<F extends AnyFunction>(options: SubmitOptions, fn: Callable<F>, ...args: Parameters<F>): Future<CallResult<F>> {
    const where = `${WHERE}.submitWith()`;
    checkSubmitOptions(options, where);
    if (options.transfer !== undefined) throw new InvalidArgumentError(`${where}: transfer lists do not cross a broker; omit 'transfer'`);
    return this.#submit(options, fn, args, where) as Future<CallResult<F>>;
  }

  /** Results in input order; `chunksize` items travel as one job, `buffersize` jobs ahead at most. */
  map<F extends AnyFunction>(fn: Callable<F>, ...iterablesAndOptions: MapArguments<Parameters<F>>): AsyncIterableIterator<CallResult<F>> {
    const where = `${WHERE}.map()`;
    this.#checkOpen(where);
    const [url, exportName] = this.#taskOf(fn, where);
    return runMap(
      {
        submitItem: (args) => this.#push({ u: url, e: exportName, a: encodeValue(args) }, false, undefined),
        submitChunk: (argsList) =>
          this.#push({ u: url, e: exportName, a: encodeValue(argsList), c: 1 }, true, undefined) as Future<ChunkOutcomes>,
      },
      iterablesAndOptions,
      where,
    ) as AsyncIterableIterator<CallResult<F>>;
  }

  /**
   * Stops accepting tasks. `cancelFutures` removes every job no worker has started; `wait` (default
   * true) resolves after every other future is resolved and the connections are closed.
   */
  async shutdown(options: ShutdownOptions = {}): Promise<void> {
    checkOptionKeys(options, ['wait', 'cancelFutures'], `${WHERE}.shutdown()`);
    this.#shutdown = true;
    if (options.cancelFutures) for (const entry of [...this.#pending.values()]) if (!entry.future.running()) entry.future.cancel();
    this.#closed ??= this.#drained().then(() => this.#close());
    if (options.wait ?? true) await this.#closed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.shutdown();
  }

  #checkOpen(where: string): void {
    if (this.#shutdown) throw new ExecutorShutdownError(`${where}: cannot schedule new futures after shutdown`);
    if (this.#broken) throw new BrokenExecutor(`${where}: ${this.#broken.message}`, { cause: this.#broken });
  }

  #taskOf(fn: unknown, where: string): [string, string] {
    if (isModuleTask(fn)) return [fn.url, fn.exportName];
    throw new InvalidArgumentError(
      `${where}: a distributed task is a module export, not ${typeof fn === 'function' ? `the function ${fn.name || '(anonymous)'}` : typeof fn}: ` +
        `use task(new URL('./tasks.js', import.meta.url), 'name') or registeredTask('name'), exported by a module the workers load (ts314 worker --module)`,
    );
  }

  #submit(options: SubmitOptions, fn: unknown, args: unknown[], where: string): Future<unknown> {
    this.#checkOpen(where);
    const [url, exportName] = this.#taskOf(fn, where);
    return this.#push({ u: url, e: exportName, a: encodeValue(args) }, false, options.signal);
  }

  #push(data: JobData, chunk: boolean, signal: AbortSignal | undefined): Future<unknown> {
    const future = new Future<unknown>();
    if (signal?.aborted) {
      future.cancel(signal.reason);
      return future;
    }
    if (this.#broken) {
      future.setException(this.#broken);
      return future;
    }
    // The wait for a first result starts with the first job, not with the last result of an earlier batch.
    if (this.#pending.size === 0) this.#lastSettled = performance.now();
    const id = `${this.#prefix}-${++this.#seq}`;
    const entry: Entry = { id, future, data, cancelled: false, added: false, chunk };
    this.#pending.set(id, entry);
    this.#live++;
    future.onCancel = () => this.#cancelled(entry);
    if (signal) {
      const onAbort = () => {
        if (future.done()) return;
        if (!future.running()) future.cancel(signal.reason);
        else {
          future.forceCancel(signal.reason);
          this.#toInterrupt.push(entry.id);
          this.#cancelled(entry);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.abort = () => signal.removeEventListener('abort', onAbort);
    }
    this.#toAdd.push(entry);
    this.#scheduleFlush();
    return future;
  }

  #cancelled(entry: Entry): void {
    if (entry.cancelled) return;
    entry.cancelled = true;
    this.#live--;
    entry.abort?.();
    if (entry.added) this.#toRemove.push(entry.id);
    else this.#pending.delete(entry.id);
    this.#scheduleFlush();
    this.#checkIdle();
  }

  /** Tells the workers running these jobs to stop them: a progress mark they poll for. */
  #interrupt(ids: readonly string[]): void {
    for (const id of ids)
      this.#queue.updateJobProgress(id, { ts314Abort: true }).catch(() => {
        // The job already finished or is gone: nothing to interrupt.
      });
  }

  /**
   * Read results are removed a page at a time, or FORGET_DELAY_MS after the first of them: results
   * arrive a few per event read, and one removal call per read cost the broker as much again.
   */
  #scheduleForget(): void {
    if (this.#toForget.length >= PAGE) this.#scheduleFlush();
    else if (this.#forgetTimer === undefined) {
      this.#forgetTimer = setTimeout(() => {
        this.#forgetTimer = undefined;
        this.#scheduleFlush();
      }, FORGET_DELAY_MS);
      this.#forgetTimer.unref();
    }
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    try {
      await this.#ready;
    } catch {
      return;
    }
    const adds = this.#share(this.#toAdd.filter((e) => !e.cancelled));
    this.#toAdd = [];
    if (adds.length > 0) {
      for (const e of adds) e.added = true;
      try {
        await this.#queue.addBulk(
          adds.map((e) => ({
            name: e.data.e,
            data: e.data,
            // BullMQ's defaults are what a ts314 job needs: one attempt, kept when finished (read, then removed here).
            opts: { jobId: e.id },
          })),
        );
      } catch (error) {
        if (isConnectionError(error)) {
          // The broker went away mid-add: the same job ids are added again (a second add of an id is a
          // no-op). They stay marked added, since some may exist: a cancelled one is removed, not dropped.
          this.#disconnected = true;
          this.#toAdd.push(...adds);
          setTimeout(() => this.#scheduleFlush(), 200).unref();
        } else {
          // The broker refused the jobs themselves (too large, say): retrying would fail forever.
          const failure = new TaskFailedError(
            `the broker refused ${adds.length === 1 ? 'the job' : `${adds.length} jobs`}: ${(error as Error).message}`,
            {
              cause: error,
            },
          );
          for (const e of adds) this.#settleWith(e, failure);
          return;
        }
      }
      // A job cancelled while its add was in flight is removed now that it exists.
      for (const e of adds) if (e.cancelled) this.#toRemove.push(e.id);
    }
    // Interrupts wait for the removals of jobs cancelled before them: a worker whose task stops takes
    // its next job at once, and that must not be one whose cancel() said it would never run.
    const interrupts = this.#toInterrupt;
    this.#toInterrupt = [];
    await Promise.all([this.#removeCancelled(), this.#forgetFinished(), this.#rewriteShared()]);
    this.#interrupt(interrupts);
    this.#checkIdle();
  }

  /**
   * Many tasks added at once share jobs: a job costs the broker and both ends far more than a tiny
   * task. Consecutive tasks of one function go as shared jobs of up to `maxTasksPerJob` tasks, about
   * SHARED_JOBS jobs in all, so 100 tasks still take 100 jobs. A task with a signal keeps a job of its
   * own (an interrupt stops a whole job), and so does a task whose job may already exist.
   */
  #share(adds: Entry[]): Entry[] {
    const size = Math.min(this.#maxTasksPerJob, Math.ceil(adds.length / SHARED_JOBS));
    if (size <= 1) return adds;
    const jobs: Entry[] = [];
    let group: Entry[] = [];
    const close = () => {
      if (group.length > 1) jobs.push(this.#sharedJob(group));
      else if (group.length === 1) jobs.push(group[0]!);
      group = [];
    };
    for (const entry of adds) {
      if (entry.chunk || entry.abort !== undefined || entry.added) {
        close();
        jobs.push(entry);
        continue;
      }
      const first = group[0];
      // Encoded arguments join into one array only when all are plain JSON or all tagged.
      if (
        first &&
        (group.length === size || first.data.u !== entry.data.u || first.data.e !== entry.data.e || first.data.a[0] !== entry.data.a[0])
      )
        close();
      group.push(entry);
    }
    close();
    return jobs;
  }

  /** One job for `items`: its future is the executor's own, and its outcomes settle the items' futures. */
  #sharedJob(items: Entry[]): Entry {
    const { u, e, a } = items[0]!.data;
    const args = `${a[0]}[${items.map((item) => item.data.a.slice(1)).join(',')}]`;
    const entry: Entry = {
      id: `${this.#prefix}-${++this.#seq}`,
      future: new Future<unknown>(),
      data: { u, e, a: args, c: 1 },
      cancelled: false,
      added: false,
      chunk: true,
      items,
    };
    for (const item of items) {
      this.#pending.delete(item.id);
      item.future.onCancel = () => this.#itemCancelled(entry, item);
    }
    this.#pending.set(entry.id, entry);
    this.#live -= items.length - 1;
    entry.future.onCancel = () => this.#cancelled(entry);
    entry.future.then(
      (outcomes) => this.#settleItems(items, outcomes as ItemOutcome[]),
      (error: unknown) => this.#failItems(items, error),
    );
    return entry;
  }

  #settleItems(items: Entry[], outcomes: ItemOutcome[]): void {
    items.forEach((item, i) => {
      const future = item.future;
      if (future.done()) return;
      const outcome = outcomes[i];
      if (outcome === undefined) future.setException(new TaskFailedError(`job for ${item.data.e} returned no outcome for task ${i}`));
      else if (outcome.ok) future.setResult(outcome.value);
      else failWith(future, outcome.error);
    });
  }

  /** A shared job that failed as a whole (stalled too often, an unknown task) or was cancelled (shutdown). */
  #failItems(items: Entry[], error: unknown): void {
    for (const { future } of items) {
      if (future.done()) continue;
      if (error instanceof CancelledError) {
        if (!future.cancel()) future.forceCancel(error);
      } else future.setException(error);
    }
  }

  /**
   * An item of a shared job was cancelled before the job ran: the job is removed once every item
   * is; until then its data is rewritten so the worker skips the item.
   */
  #itemCancelled(job: Entry, item: Entry): void {
    if (job.future.done()) return;
    item.cancelled = true;
    const items = job.items!;
    if (items.every((i) => i.cancelled)) {
      job.future.cancel();
      return;
    }
    job.data = { ...job.data, s: items.flatMap((i, k) => (i.cancelled ? [k] : [])) };
    if (job.added) {
      this.#toRewrite.add(job);
      this.#scheduleFlush();
    }
  }

  /** Rewrites shared jobs whose items were cancelled, unless a worker took them meanwhile (then those items run, their results dropped). */
  async #rewriteShared(): Promise<void> {
    if (this.#toRewrite.size === 0) return;
    const jobs = [...this.#toRewrite];
    this.#toRewrite.clear();
    let retry = false;
    await Promise.all(
      jobs.map(async (entry) => {
        if (this.#pending.get(entry.id) !== entry || entry.future.done() || entry.future.running()) return;
        try {
          const job: Bull = await this.#queue.getJob(entry.id);
          if (job) {
            await job.updateData(entry.data);
            return;
          }
          // Not there yet: its add is still on the way.
        } catch {
          // the broker is away: tried again below
        }
        this.#toRewrite.add(entry);
        retry = true;
      }),
    );
    if (retry) setTimeout(() => this.#scheduleFlush(), 200).unref();
  }

  /** Jobs of cancelled futures: removed unless a worker already holds one (its result is then dropped when it arrives). */
  async #removeCancelled(): Promise<void> {
    const removals = this.#toRemove;
    if (removals.length === 0) return;
    this.#toRemove = [];
    const results = await Promise.allSettled(removals.map((id) => this.#queue.remove(id)));
    results.forEach((r, i) => {
      const id = removals[i]!;
      // remove() answers 0 for a job a worker holds (locked): it runs; its result is removed when it arrives.
      if (r.status === 'fulfilled' && r.value !== 0) {
        if (this.#pending.get(id)?.cancelled) this.#pending.delete(id);
      } else if (r.status === 'rejected') this.#toRemove.push(id);
    });
  }

  /** Finished jobs whose results were read: removed in batches. */
  async #forgetFinished(): Promise<void> {
    const ids = this.#toForget;
    if (ids.length === 0) return;
    this.#toForget = [];
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += PAGE) batches.push(ids.slice(i, i + PAGE));
    const results = await Promise.allSettled(
      batches.map((batch) => (this.#forget ? this.#forget(batch) : Promise.all(batch.map((id) => this.#queue.remove(id))))),
    );
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') return;
      // The script itself failed (not the connection): remove the jobs one by one from now on.
      if (!isConnectionError(r.reason)) this.#forget = undefined;
      this.#toForget.push(...batches[i]!);
    });
    if (this.#toForget.length > 0) setTimeout(() => this.#scheduleFlush(), 200).unref();
  }

  async #open(connectTimeout: number): Promise<void> {
    const engine = await loadEngine(this.#connection.kind).catch((error: unknown) => {
      this.#fail(error as Error);
      throw error;
    });
    const options = { connection: connectionOptions(this.#connection, () => this.#broken !== undefined) };
    let firstError: ((error: Error) => void) | undefined;
    const onError = (error: Error) => {
      this.#disconnected = true;
      firstError?.(error);
    };
    this.#queue = new engine.Queue(this.queue, options, engine.factory);
    this.#queue.on('error', onError);
    this.#events = new engine.QueueEvents(this.queue, options, engine.factory);
    this.#events.on('error', onError);
    this.#events.on('active', ({ jobId }: { jobId: string }) => this.#markRunning(jobId));
    this.#events.on('completed', ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => {
      if (this.#pending.has(jobId)) this.#settle(jobId, true, returnvalue);
    });
    this.#events.on('failed', ({ jobId, failedReason }: { jobId: string; failedReason: string }) => {
      if (this.#pending.has(jobId)) this.#settle(jobId, false, failedReason);
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all([this.#queue.waitUntilReady(), this.#events.waitUntilReady()]),
        new Promise<never>((_, reject) => {
          firstError = (error) => reject(error);
          if (connectTimeout !== Infinity)
            timer = setTimeout(() => reject(new Error(`no answer within ${connectTimeout} ms (connectTimeout)`)), connectTimeout);
        }),
      ]);
    } catch (cause) {
      const error = new BrokerConnectionError(
        `${WHERE}: cannot reach the ${this.#connection.kind === 'redis' ? 'Redis' : 'PostgreSQL'} broker at ${this.#connection.display}: ${
          (cause as Error).message || String(cause)
        }`,
        { connection: this.#connection.display, cause },
      );
      this.#fail(error);
      throw error;
    } finally {
      clearTimeout(timer);
      firstError = undefined;
    }
    this.#disconnected = false;
    if (this.#connection.kind === 'redis') {
      const keys = [this.#queue.keys.completed, this.#queue.keys.failed, this.#queue.toKey('')];
      this.#forget = async (ids) => {
        const client = await this.#redisClient();
        if (typeof client[REMOVE_FINISHED] !== 'function')
          client.defineCommand(REMOVE_FINISHED, { numberOfKeys: 2, lua: REMOVE_FINISHED_LUA });
        return client[REMOVE_FINISHED](...keys, ...ids);
      };
    }
    this.#sweepTimer = setInterval(() => void this.#sweep(), this.#sweepInterval);
    this.#sweepTimer.unref();
  }

  #markRunning(id: string): void {
    const entry = this.#pending.get(id);
    if (entry && !entry.cancelled && !entry.future.done() && !entry.future.running()) {
      entry.future.setRunningOrNotifyCancel();
      for (const item of entry.items ?? []) if (!item.future.done()) item.future.setRunningOrNotifyCancel();
    }
  }

  #fail(error: Error): void {
    this.#broken = error;
    for (const entry of this.#pending.values()) if (!entry.future.done()) entry.future.setException(error);
    this.#pending.clear();
    this.#live = 0;
    this.#toAdd = [];
    this.#checkIdle();
    void this.#closeConnections(true);
  }

  /** Ends a job's future with an error raised here, not by a worker (its job never reached the broker). */
  #settleWith(entry: Entry, error: Error): void {
    if (this.#pending.get(entry.id) !== entry) return;
    this.#take(entry.id);
    if (!entry.future.done()) entry.future.setException(error);
    this.#checkIdle();
  }

  /** Takes a job's entry out of the pending ones: it no longer counts, nor listens to its signal. */
  #take(id: string): Entry | undefined {
    const entry = this.#pending.get(id);
    if (!entry) return undefined;
    this.#pending.delete(id);
    if (!entry.cancelled) this.#live--;
    entry.abort?.();
    return entry;
  }

  /** A result read from the broker: resolves the future once (a second report of the same job finds no entry). */
  #settle(id: string, ok: boolean, value: unknown): void {
    const entry = this.#take(id);
    if (!entry) return;
    this.#toForget.push(id);
    this.#scheduleForget();
    this.#lastSettled = performance.now();
    const future = entry.future;
    if (!entry.cancelled && !future.done()) {
      if (ok) {
        try {
          const decoded = decodeValue(String(value));
          future.setResult(
            entry.chunk ? (decoded as EncodedOutcome[]).map((o) => (o.ok ? o : { ok: false, error: deserializeError(o.error) })) : decoded,
          );
        } catch (error) {
          future.setException(new TaskFailedError(`job ${id} returned a value ts314 cannot read`, { cause: error }));
        }
      } else {
        const reason = String(value ?? '');
        const error =
          decodeError(reason) ??
          (stalled(reason)
            ? new TaskStalledError(
                `job ${id} (${entry.data.e}) was abandoned by its workers more often than the stall limit allows (${reason}); it ran at least once without finishing`,
              )
            : new TaskFailedError(`job ${id} (${entry.data.e}) failed: ${reason}`));
        failWith(future, error);
      }
    }
    this.#checkIdle();
  }

  /** The safety net under QueueEvents: reads finished jobs from the broker, and re-adds jobs a broker lost. */
  async #sweep(): Promise<void> {
    if (this.#sweeping || this.#pending.size === 0) return;
    this.#sweeping = true;
    try {
      // Running jobs too: an 'active' event sent before QueueEvents began reading is not replayed.
      const active: string[] = await this.#queue.getRanges(['active'], 0, PAGE - 1, true);
      for (const id of active) this.#markRunning(id);
      for (const state of ['completed', 'failed'] as const) {
        for (let start = 0; ; start += PAGE) {
          // Ids first: most finished jobs were settled from their events and only wait to be removed.
          const ids: string[] = await this.#queue.getRanges([state], start, start + PAGE - 1, true);
          const unread = ids.filter((id) => this.#pending.has(id));
          const jobs: Bull[] = await Promise.all(unread.map((id) => this.#queue.getJob(id)));
          for (const job of jobs) {
            if (job && this.#pending.has(job.id))
              this.#settle(job.id, state === 'completed', state === 'completed' ? job.returnvalue : job.failedReason);
          }
          if (ids.length < PAGE) break;
        }
      }
      const now = performance.now();
      if (this.#disconnected || (now - this.#lastSettled > this.#recheckInterval && now - this.#lastRecheck > this.#recheckInterval)) {
        await this.#recheck();
        this.#lastRecheck = now;
        this.#disconnected = false;
      }
      if (this.#toRemove.length > 0 || this.#toForget.length > 0) this.#scheduleFlush();
    } catch {
      this.#disconnected = true;
    } finally {
      this.#sweeping = false;
    }
  }

  /** Jobs that no longer exist (a broker restarted without its data) are added again; finished ones are settled. */
  async #recheck(): Promise<void> {
    const entries = [...this.#pending.values()].filter((e) => e.added && !e.cancelled);
    for (let i = 0; i < entries.length; i += PAGE) {
      const slice = entries.slice(i, i + PAGE);
      const exists = await this.#jobsExist(slice.map((e) => e.id));
      slice.forEach((entry, k) => {
        if (!exists[k] && this.#pending.get(entry.id) === entry) {
          entry.added = false;
          this.#toAdd.push(entry);
        }
      });
    }
    if (this.#toAdd.length > 0) this.#scheduleFlush();
  }

  /**
   * Whether each job still exists. On Redis, one pipelined EXISTS per job hash: getJobState searches
   * the wait list (LPOS) for each job, quadratic in a backlog of thousands.
   */
  async #jobsExist(ids: string[]): Promise<boolean[]> {
    if (this.#connection.kind !== 'redis')
      return (await Promise.all(ids.map((id) => this.#queue.getJobState(id)))).map((state) => state !== 'unknown');
    const client = await this.#redisClient();
    const pipeline = client.pipeline();
    for (const id of ids) pipeline.exists(this.#queue.toKey(id));
    const replies: [Error | null, number][] = await pipeline.exec();
    return replies.map(([error, count]) => {
      if (error) throw error;
      return count === 1;
    });
  }

  /** The queue's ioredis client (BullMQ 6 keeps it on its backend). */
  #redisClient(): Promise<Bull> {
    return (this.#queue.getBackend?.() ?? this.#queue).client;
  }

  #checkIdle(): void {
    if (this.#idleWaiters.length === 0 || this.#live > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiters) wake();
  }

  async #drained(): Promise<void> {
    if (this.#broken) return;
    if (this.#live === 0 && this.#toRemove.length === 0 && this.#toForget.length === 0 && this.#pending.size === 0) return;
    await new Promise<void>((resolve) => {
      this.#idleWaiters.push(resolve);
      this.#checkIdle();
    });
    // What remains: removals of read jobs, and jobs whose futures were cancelled while a worker ran
    // them (the worker was told to stop; each is removed once it ends). They get a short grace, not
    // more: a broker that is gone cannot take them, and shutdown must not hang on housekeeping.
    const deadline = performance.now() + SHUTDOWN_CLEANUP_GRACE_MS;
    const untilDeadline = () => new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - performance.now())).unref());
    const unflushed = () => this.#toRemove.length + this.#toForget.length;
    const cleanup = async () => {
      while (this.#pending.size + unflushed() > 0 && !this.#broken && performance.now() < deadline) {
        if (unflushed() > 0) await this.#flush();
        if (this.#pending.size + unflushed() > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      for (const id of this.#pending.keys()) this.#toRemove.push(id);
      await this.#flush();
    };
    await Promise.race([cleanup(), untilDeadline()]);
  }

  async #close(): Promise<void> {
    // Connections still opening are closed once they are open (or have failed).
    await this.#ready.catch(() => {});
    clearInterval(this.#sweepTimer);
    await this.#closeConnections(this.#broken !== undefined);
  }

  async #closeConnections(force: boolean): Promise<void> {
    clearInterval(this.#sweepTimer);
    clearTimeout(this.#forgetTimer);
    const closing = [this.#events, this.#queue].filter(Boolean).map(async (c: Bull) => {
      // A connection that never opened is not awaited (close() and disconnect() wait for it to open);
      // its retry strategy ends the reconnect attempts.
      if (force) c.close().catch(() => {});
      else await c.close().catch(() => {});
    });
    this.#closing ??= Promise.all(closing).then(() => {});
    await this.#closing;
  }
}
