// What every demo accepts (seed, worker counts, quick sizes, progress), checked once with the shared validators.
import { InvalidArgumentError } from '../internal/errors.js';
import { checkInteger, checkOptionKeys } from '../internal/validate.js';

/** The seed the notebooks use (`np.random.seed(42)`), so the default run prints their tables. */
export const DEFAULT_SEED = 42;
/** The worker counts the sensors notebook tries (2, 4, 8) plus the sequential baseline's 1. */
export const DEFAULT_WORKERS: readonly number[] = [1, 2, 4, 8];
/** --quick: one and two workers, enough to show a speed-up without oversubscribing a small machine. */
export const QUICK_WORKERS: readonly number[] = [1, 2];

/** Where the indicators demo's chunks run when they run through a DistributedExecutor instead of local interpreters. */
export interface DistributedDemoOptions {
  /** Broker connection string: `redis://host:6379` or `postgres://user@host/db`. */
  readonly connection: string;
  /** Queue the tasks go on (default DEFAULT_PLAY_QUEUE); workers already running must listen on it. */
  readonly queue?: string | undefined;
  /** Milliseconds to reach the broker before BrokerConnectionError (default 5000). */
  readonly connectTimeout?: number | undefined;
}

/** The queue `ts314 play --connection` uses unless `--queue` names another. */
export const DEFAULT_PLAY_QUEUE = 'ts314-play';

export interface DemoOptions {
  /** Seed of the NumPy-compatible generator (default 42). */
  readonly seed?: number | undefined;
  /** Worker counts to measure; 1 is the sequential baseline (default DEFAULT_WORKERS, QUICK_WORKERS with quick). */
  readonly workers?: readonly number[] | undefined;
  /** Smaller inputs and fewer repeats, for CI and a first look (`ts314 play --all --quick` in under a minute). */
  readonly quick?: boolean | undefined;
  /** Told what the demo is doing, for a progress line. */
  readonly onProgress?: ((step: string) => void) | undefined;
  /**
   * Run the indicators demo's parallel rows through a DistributedExecutor on this broker: each worker
   * count starts that many local `ts314 worker` processes for its row; workers `[0]` starts none and
   * uses the workers already running on the queue. The other demos run as without it.
   */
  readonly distributed?: DistributedDemoOptions | undefined;
}

/** DemoOptions with every default filled in. */
export interface ResolvedOptions {
  readonly seed: number;
  readonly workers: readonly number[];
  readonly quick: boolean;
  readonly progress: (step: string) => void;
  readonly distributed: Required<DistributedDemoOptions> | undefined;
}

const OPTION_KEYS = ['seed', 'workers', 'quick', 'onProgress', 'distributed'] as const;
const DISTRIBUTED_KEYS = ['connection', 'queue', 'connectTimeout'] as const;

/** Checks a demo's options (unknown keys get "Did you mean …?") and fills in the defaults. */
export function resolveOptions(options: DemoOptions, where: string): ResolvedOptions {
  checkOptionKeys(options, OPTION_KEYS, where, InvalidArgumentError);
  const context = { where, ErrorClass: InvalidArgumentError };
  // NumPy's legacy seeding takes 0 … 2³² − 1.
  const seed = options.seed === undefined ? DEFAULT_SEED : checkInteger(options.seed, 'seed', context, 0, 2 ** 32 - 1);
  const quick = options.quick === true;
  let workers = options.workers ?? (quick ? QUICK_WORKERS : DEFAULT_WORKERS);
  if (!Array.isArray(workers) || workers.length === 0) {
    throw new InvalidArgumentError(`${where}: workers must be a non-empty array of worker counts, e.g. [1, 2, 4]`);
  }
  const distributed = resolveDistributed(options.distributed, where);
  const external = distributed !== undefined && workers.length === 1 && workers[0] === 0;
  if (!external) workers = [...new Set(workers.map((w) => checkInteger(w, 'workers[]', context, 1, 256)))].sort((a, b) => a - b);
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new InvalidArgumentError(`${where}: onProgress must be a function, got ${typeof onProgress}`);
  }
  return { seed, workers, quick, progress: onProgress ?? (() => undefined), distributed };
}

function resolveDistributed(options: DistributedDemoOptions | undefined, where: string): Required<DistributedDemoOptions> | undefined {
  if (options === undefined) return undefined;
  const at = `${where}: distributed`;
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError(`${at} must be an object { connection, queue? }, got ${options === null ? 'null' : typeof options}`);
  checkOptionKeys(options, DISTRIBUTED_KEYS, at, InvalidArgumentError);
  if (typeof options.connection !== 'string' || options.connection === '')
    throw new InvalidArgumentError(`${at}.connection must be a connection string such as 'redis://127.0.0.1:6379'`);
  if (options.queue !== undefined && typeof options.queue !== 'string')
    throw new InvalidArgumentError(`${at}.queue must be a queue name, got ${typeof options.queue}`);
  const connectTimeout = checkInteger(options.connectTimeout ?? 5000, 'connectTimeout', { where: at, ErrorClass: InvalidArgumentError }, 1);
  return { connection: options.connection, queue: options.queue ?? DEFAULT_PLAY_QUEUE, connectTimeout };
}

/** Milliseconds since `start` (performance.now()). */
export function since(start: number): number {
  return performance.now() - start;
}

/** The fastest of `repeats` timed runs of fn (after its result is kept, so the work is never dead code). */
export async function bestOf<R>(repeats: number, fn: () => R | Promise<R>): Promise<{ ms: number; result: R }> {
  let best = Number.POSITIVE_INFINITY;
  let result: R | undefined;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    result = await fn();
    best = Math.min(best, since(start));
  }
  return { ms: best, result: result as R };
}
