// The worker side: a BullMQ Worker that runs each job's task in a local InterpreterPoolExecutor (or inline), the engine of `ts314 worker`.
import { availableParallelism } from 'node:os';
import { InterpreterPoolExecutor, task } from '../futures/index.js';
import { checkInteger, checkOptionKeys } from '../internal/validate.js';
import { InvalidArgumentError } from '../internal/errors.js';
import { decodeValue, encodeError, encodeValue, serializeError, type EncodedOutcome, type JobData } from './codec.js';
import { checkQueueName, connectionOptions, loadEngine, parseConnection, type BrokerKind } from './engine.js';
import { BrokerConnectionError } from './errors.js';
import { TaskRegistry } from './tasks.js';

export interface WorkerOptions {
  /** Broker connection string, as for DistributedExecutor. */
  readonly connection: string;
  readonly queue: string;
  /** Modules whose function exports are the tasks this worker offers (paths relative to the current directory, or file: URLs). */
  readonly modules: readonly string[];
  /** Jobs held at once. Default 2 × interpreters (at least 8), so the hand-off to interpreters is pipelined. */
  readonly concurrency?: number | undefined;
  /** Interpreters (worker threads) running tasks. Default os.availableParallelism(); 0 runs tasks on the main thread. */
  readonly interpreters?: number | undefined;
  /** Milliseconds a job's lock lasts without renewal before the job counts as stalled. Default 30000 (BullMQ's). */
  readonly lockDuration?: number | undefined;
  /** Milliseconds between stall checks. Default 30000 (BullMQ's). */
  readonly stalledInterval?: number | undefined;
  /** Times a job may stall (its worker died) and rerun before it fails with TaskStalledError. Default 1. */
  readonly maxStalledCount?: number | undefined;
  /** Milliseconds to reach the broker before failing with BrokerConnectionError. Default 5000. */
  readonly connectTimeout?: number | undefined;
}

const OPTION_KEYS = [
  'connection',
  'queue',
  'modules',
  'concurrency',
  'interpreters',
  'lockDuration',
  'stalledInterval',
  'maxStalledCount',
  'connectTimeout',
] as const;

/** Counts a running worker reports, in tasks (a job several tasks share counts each of them). */
export interface WorkerStats {
  completed: number;
  failed: number;
  active: number;
}

/** A running worker: its tasks, counters, and a graceful close. */
export interface DistributedWorker {
  readonly broker: { readonly kind: BrokerKind; readonly connection: string };
  /** The task names this worker offers. */
  readonly tasks: readonly string[];
  readonly stats: Readonly<WorkerStats>;
  /** Stops taking jobs, lets running ones finish (or, with `force`, abandons them to stall detection), then closes. */
  close(options?: { force?: boolean }): Promise<void>;
}

const WHERE = 'startWorker()';
/** How often a worker looks for interrupt requests on jobs it has run for a while. */
const ABORT_POLL_MS = 250;

// biome-ignore lint/suspicious/noExplicitAny: BullMQ's Job
type Job = any;
// biome-ignore lint/suspicious/noExplicitAny: ioredis's client, read past its public API (see endStrandedClients)
type IoredisClient = any;

/**
 * Starts a worker: connects, loads the modules, and runs jobs until close(). Rejects with
 * BrokerConnectionError when the broker cannot be reached within `connectTimeout`.
 * @example
 * const worker = await startWorker({ connection: 'redis://127.0.0.1:6379', queue: 'work', modules: ['./tasks.js'] });
 * process.once('SIGTERM', () => worker.close());
 */
export async function startWorker(options: WorkerOptions): Promise<DistributedWorker> {
  checkOptionKeys(options, OPTION_KEYS, WHERE);
  const connection = parseConnection(options.connection, WHERE);
  const queueName = checkQueueName(options.queue, WHERE);
  if (!Array.isArray(options.modules) || options.modules.length === 0 || options.modules.some((m) => typeof m !== 'string'))
    throw new InvalidArgumentError(`${WHERE}: modules must be a non-empty array of module paths (the tasks this worker offers)`);
  const interpreters = checkInteger(options.interpreters ?? availableParallelism(), 'interpreters', { where: WHERE }, 0);
  const concurrency = checkInteger(options.concurrency ?? Math.max(8, 2 * interpreters), 'concurrency', { where: WHERE }, 1);
  const connectTimeout = checkInteger(options.connectTimeout ?? 5000, 'connectTimeout', { where: WHERE }, 1);
  const registry = await TaskRegistry.load(options.modules);
  const engine = await loadEngine(connection.kind);
  const pool = interpreters > 0 ? new InterpreterPoolExecutor({ maxWorkers: interpreters }) : undefined;
  const stats: WorkerStats = { completed: 0, failed: 0, active: 0 };
  /** Jobs running in the pool, so an interrupt request can stop them (a task on the main thread cannot be stopped). */
  const active = new Map<string, { controller: AbortController; started: number }>();

  /** Ids of jobs handed to the processor whose outcome the broker has not yet stored. */
  const unstored = new Set<string>();
  const processor = async (job: Job): Promise<string> => {
    unstored.add(job.id);
    const data = job.data as JobData;
    const controller = pool ? new AbortController() : undefined;
    if (controller) active.set(job.id, { controller, started: performance.now() });
    /** Tasks this job runs: a chunk's items less those skipped. The counters count tasks, not jobs. */
    let tasks = 0;
    try {
      const args = decodeValue(data.a) as unknown[];
      const skip = data.c === 1 ? new Set(data.s) : undefined;
      tasks = skip ? args.length - skip.size : 1;
      stats.active += tasks;
      const offered = registry.resolve(data.u, data.e);
      const run = (args: unknown[]): unknown =>
        pool ? pool.submitWith({ signal: controller!.signal }, task(offered.url, offered.exportName), ...args) : offered.fn(...args);
      if (skip) {
        const outcomes: EncodedOutcome[] = await Promise.all(
          (args as unknown[][]).map((item, i) =>
            skip.has(i)
              ? { ok: false, error: serializeError(cancelledBySubmitter()) }
              : (async () => run(item))().then(
                  (value): EncodedOutcome => {
                    stats.completed++;
                    return { ok: true, value };
                  },
                  (error: unknown): EncodedOutcome => {
                    stats.failed++;
                    return { ok: false, error: serializeError(error) };
                  },
                ),
          ),
        );
        return encodeValue(outcomes);
      }
      const value = await run(args);
      stats.completed++;
      return encodeValue(value);
    } catch (error) {
      // A job whose data could not be read counts as one failed task.
      stats.failed += tasks || 1;
      // BullMQ keeps an error's message as the job's failedReason: the whole error travels in it.
      throw new Error(encodeError(error));
    } finally {
      stats.active -= tasks;
      if (controller) active.delete(job.id);
    }
  };

  let gaveUp = false;
  const brokerOptions = connectionOptions(connection, () => gaveUp);
  const workerOptions: Record<string, unknown> = {
    connection: brokerOptions,
    concurrency,
    autorun: false,
    maxStalledCount: options.maxStalledCount ?? 1,
  };
  if (options.lockDuration !== undefined)
    workerOptions.lockDuration = checkInteger(options.lockDuration, 'lockDuration', { where: WHERE }, 1);
  if (options.stalledInterval !== undefined)
    workerOptions.stalledInterval = checkInteger(options.stalledInterval, 'stalledInterval', { where: WHERE }, 1);
  const worker = new engine.Worker(queueName, processor, workerOptions, engine.factory);
  const queue = new engine.Queue(queueName, { connection: brokerOptions }, engine.factory);
  let firstError: ((error: Error) => void) | undefined;
  const onError = (error: Error) => firstError?.(error);
  worker.on('error', onError);
  queue.on('error', onError);
  // 'failed' also comes for jobs this worker's stall check gave up on, which it never ran: delete, not count.
  const stored = (job: Job) => unstored.delete(job?.id);
  worker.on('completed', stored);
  worker.on('failed', stored);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.all([worker.waitUntilReady(), queue.waitUntilReady()]),
      new Promise<never>((_, reject) => {
        firstError = reject;
        timer = setTimeout(() => reject(new Error(`no answer within ${connectTimeout} ms (connectTimeout)`)), connectTimeout);
      }),
    ]);
  } catch (cause) {
    gaveUp = true;
    worker.close(true).catch(() => {});
    queue.close().catch(() => {});
    await pool?.shutdown({ wait: false, cancelFutures: true });
    throw new BrokerConnectionError(
      `${WHERE}: cannot reach the ${connection.kind === 'redis' ? 'Redis' : 'PostgreSQL'} broker at ${connection.display}: ${(cause as Error).message}`,
      { connection: connection.display, cause },
    );
  } finally {
    clearTimeout(timer);
    firstError = undefined;
  }
  void worker.run().catch(() => {});

  // Interrupts: the executor marks a job's progress; jobs running longer than a poll period are checked.
  const poll = setInterval(async () => {
    const now = performance.now();
    const ids = [...active].filter(([, a]) => now - a.started >= ABORT_POLL_MS).map(([id]) => id);
    if (ids.length === 0) return;
    try {
      const jobs: Job[] = await Promise.all(ids.map((id) => queue.getJob(id)));
      jobs.forEach((job, i) => {
        if (job?.progress && typeof job.progress === 'object' && job.progress.ts314Abort) active.get(ids[i]!)?.controller.abort();
      });
    } catch {
      // the broker is away; the next poll tries again
    }
  }, ABORT_POLL_MS);
  poll.unref();

  let closing: Promise<void> | undefined;
  return {
    broker: { kind: connection.kind, connection: connection.display },
    tasks: registry.names,
    stats,
    close({ force = false } = {}) {
      closing ??= (async () => {
        clearInterval(poll);
        const unstrand = setInterval(() => {
          if (unstored.size === 0) dropQueuedFetches(worker);
          endStrandedClients(worker, queue);
        }, STRANDED_CHECK_MS);
        try {
          await worker.close(force);
          await queue.close();
        } finally {
          clearInterval(unstrand);
        }
        await pool?.shutdown({ wait: !force, cancelFutures: force });
      })();
      return closing;
    },
  };
}

const STRANDED_CHECK_MS = 100;

/** What a skipped task of a shared job reports: its future was cancelled before the job ran. */
function cancelledBySubmitter(): Error {
  const error = new Error('cancelled by the submitter before its shared job ran');
  error.name = 'CancelledError';
  return error;
}

/**
 * A closing worker waits for its fetch loop, and with the broker away the loop's last fetch waits
 * until the broker returns: in the client's offline queue when it was sent after the connection
 * dropped, or in its command queue, kept to be sent again on reconnect, when the broker died while
 * it was on the wire. When no outcome is left to store, those commands can only be fetches, stall
 * checks and lock renewals: they are failed as a closed connection fails them, so the loop ends. The
 * command queue is only touched between connections ('reconnecting'), when nothing of a new
 * connection's handshake is in it. A job a fetch had already taken keeps its lock until it lapses,
 * and another worker reruns it.
 */
function dropQueuedFetches(worker: Job): void {
  const client = ioredisClients(worker).main;
  if (!client || client.status === 'ready' || typeof client.flushQueue !== 'function') return;
  const betweenConnections = client.status === 'reconnecting';
  if (client.offlineQueue?.length > 0 || (betweenConnections && client.commandQueue?.length > 0))
    client.flushQueue(new Error('Connection is closed.'), { offlineQueue: true, commandQueue: betweenConnections });
}

/**
 * ioredis never ends a client told to disconnect while it waits to reconnect (redis/ioredis#1247):
 * it clears its retry timer and waits for a socket that is already gone, so BullMQ's close waits
 * forever for the client's 'end'. That happens to a worker drained just after a broker restart. A
 * stranded client (reconnecting, closed by hand, no retry pending) is ended here as ioredis ends a
 * client whose socket closes after a disconnect: status 'end', queued commands rejected. Clients
 * of another shape (a PostgreSQL backend, another ioredis) are left alone.
 */
function endStrandedClients(...owners: Job[]): void {
  for (const owner of owners) {
    const { blocking, main } = ioredisClients(owner);
    for (const client of [blocking, main]) {
      if (
        client?.status === 'reconnecting' &&
        client.manuallyClosing === true &&
        !client.reconnectTimeout &&
        typeof client.setStatus === 'function' &&
        typeof client.flushQueue === 'function'
      ) {
        client.manuallyClosing = false;
        client.setStatus('end');
        client.flushQueue(new Error('Connection is closed.'));
      }
    }
  }
}

/** The ioredis clients under a BullMQ Worker or Queue (BullMQ 6 keeps them on its backend); undefined on PostgreSQL. */
function ioredisClients(owner: Job): { main: IoredisClient; blocking: IoredisClient } {
  const backend = owner.backend ?? owner;
  return { main: backend?.connection?._client, blocking: backend?.blockingConnection?._client };
}
