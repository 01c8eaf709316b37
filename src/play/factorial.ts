// The factorial demo: notebook 001's factorials of 10000..14999 on InterpreterPoolExecutor, ThreadPoolExecutor and sequentially.
import { asCompleted, InterpreterPoolExecutor, ThreadPoolExecutor, type Executor } from '../futures/index.js';
import { factorialDigits } from './kernels/factorial.js';
import { kernelTask } from './kernels/locate.js';
import { resolveOptions, since, type DemoOptions } from './options.js';

/** The notebook's range(10000, 15000); --quick takes the first 500 (enough work to pay for starting the workers). */
export const FIRST = 10_000;
export const COUNT = 5_000;
export const QUICK_COUNT = 500;
/** The notebook's max_workers=4. */
export const NOTEBOOK_WORKERS = 4;
/** What the notebook printed with 4 workers: interpreters, threads, sequential (seconds). */
export const NOTEBOOK_SECONDS = { interpreters: 5.928771208011312, threads: 24.111683625000296, sequential: 20.142291500000283 } as const;

export interface FactorialRow {
  readonly executor: 'InterpreterPoolExecutor' | 'ThreadPoolExecutor' | 'sequential';
  readonly workers: number;
  /** Including the pool's start-up and shutdown, as the notebook's `with` block times it. */
  readonly ms: number;
  readonly speedup: number;
}

export interface FactorialResult {
  readonly demo: 'factorial';
  readonly first: number;
  readonly count: number;
  readonly rows: readonly FactorialRow[];
  /** Every executor computed the same factorials. */
  readonly identical: boolean;
  readonly notebookSeconds: typeof NOTEBOOK_SECONDS;
}

async function throughExecutor(executor: Executor, numbers: readonly number[], fn: Parameters<Executor['submit']>[0]): Promise<number[]> {
  const futures = numbers.map((n) => executor.submit(fn as (n: number) => number, n));
  const byN = new Map<unknown, number>();
  for (const [i, f] of futures.entries()) byN.set(f, numbers[i]!);
  const digits = new Map<number, number>();
  // As the notebook does: collect in completion order (then index by n, to compare).
  for await (const done of asCompleted(futures)) digits.set(byN.get(done.future)!, (await done.result()) as number);
  await executor.shutdown({ wait: true });
  return numbers.map((n) => digits.get(n)!);
}

/**
 * Notebook 001's comparison: math.factorial(i) for i in 10000..14999 submitted one task each to an
 * InterpreterPoolExecutor (real parallelism, one V8 isolate per worker), a ThreadPoolExecutor (on
 * this thread, like threads under the GIL: CPU work does not overlap) and a plain loop.
 * @example
 * const r = await factorialDemo({ quick: true, workers: [2] });
 * console.log(r.rows.map((row) => `${row.executor}: ${row.ms.toFixed(0)} ms`));
 */
export async function factorialDemo(options: DemoOptions = {}): Promise<FactorialResult> {
  const o = resolveOptions(options, 'factorialDemo()');
  const count = o.quick ? QUICK_COUNT : COUNT;
  const numbers = Array.from({ length: count }, (_, i) => FIRST + i);
  const workers = o.workers.includes(NOTEBOOK_WORKERS) ? NOTEBOOK_WORKERS : Math.max(...o.workers);
  o.progress(`InterpreterPoolExecutor(${workers})`);
  let start = performance.now();
  const interp = await throughExecutor(
    new InterpreterPoolExecutor({ maxWorkers: workers }),
    numbers,
    kernelTask<typeof factorialDigits>('factorial', 'factorialDigits'),
  );
  const interpMs = since(start);
  o.progress(`ThreadPoolExecutor(${workers})`);
  start = performance.now();
  const threads = await throughExecutor(new ThreadPoolExecutor({ maxWorkers: workers }), numbers, factorialDigits);
  const threadMs = since(start);
  o.progress('sequential');
  start = performance.now();
  const sequential = numbers.map(factorialDigits);
  const seqMs = since(start);
  return {
    demo: 'factorial',
    first: FIRST,
    count,
    rows: [
      { executor: 'InterpreterPoolExecutor', workers, ms: interpMs, speedup: seqMs / interpMs },
      { executor: 'ThreadPoolExecutor', workers, ms: threadMs, speedup: seqMs / threadMs },
      { executor: 'sequential', workers: 1, ms: seqMs, speedup: 1 },
    ],
    identical: sequential.every((d, i) => d === interp[i] && d === threads[i]),
    notebookSeconds: NOTEBOOK_SECONDS,
  };
}
