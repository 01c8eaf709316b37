// One measured row of a parallel demo (time, speed-up, efficiency, equality) and the pool it ran on.
import { InterpreterPoolExecutor } from '../futures/index.js';

/** One configuration of a parallel demo: the sequential baseline (workers 1) or a pool of workers. */
export interface ScalingRow {
  readonly workers: number;
  /**
   * Where it ran: the main thread, an InterpreterPoolExecutor of `workers` workers, or a
   * DistributedExecutor (`workers` tasks in parallel, on `ts314 worker` processes).
   */
  readonly executor: 'sequential' | 'InterpreterPoolExecutor' | 'DistributedExecutor';
  /** DistributedExecutor rows: the `ts314 worker` processes started for the row (0: workers already running served it). */
  readonly startedWorkers?: number;
  /** Best of the timed runs, in ms (pool start-up excluded: see startupMs). */
  readonly ms: number;
  /** Time to start the pool's workers and load the kernel in each (with its first run), in ms (0 for sequential). */
  readonly startupMs: number;
  /** sequential ms / this ms. */
  readonly speedup: number;
  /** speedup / workers, 1 = perfect. */
  readonly efficiency: number;
  /** True when the result equals the sequential one bit for bit. */
  readonly identical: boolean;
}

/** Runs `body` with a started pool of `workers` workers (its start-up timed by `warm`), always shutting it down. */
export async function withPool<R>(
  workers: number,
  warm: (pool: InterpreterPoolExecutor) => Promise<unknown>,
  body: (pool: InterpreterPoolExecutor, startupMs: number) => Promise<R>,
): Promise<R> {
  const pool = new InterpreterPoolExecutor({ maxWorkers: workers });
  try {
    const start = performance.now();
    await warm(pool);
    return await body(pool, performance.now() - start);
  } finally {
    await pool.shutdown({ wait: true, cancelFutures: true });
  }
}

/** A row measured against the sequential time. */
export function scalingRow(
  workers: number,
  ms: number,
  sequentialMs: number,
  identical: boolean,
  startupMs = 0,
  executor: ScalingRow['executor'] = 'InterpreterPoolExecutor',
): ScalingRow {
  const speedup = sequentialMs / ms;
  return { workers, executor, ms, startupMs, speedup, efficiency: speedup / workers, identical };
}

/** Bit-for-bit equality (Object.is tells -0 from 0 and matches NaN with NaN). */
export function identical(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
