// The cpu category: the seed's BigInt factorials and a float kernel, sequential vs each executor at each worker count.
import type { Executor } from '../../futures/index.js';
import type { BenchContext, BenchDefinition } from '../definition.js';
import { checksum, factorial } from '../workloads/factorial.js';
import { integrate, integrationChunks } from '../workloads/float-kernel.js';
import { workloadTask } from '../workloads/locate.js';
import { define } from './define.js';
import { createExecutor, representativeWorkers, workerCounts, type ExecutorName } from './executors.js';

/** The seed's range starts at 10000! (about 35,660 digits): big enough that each task is real work. */
const FACTORIAL_FIRST = 10_000;
/** The seed's 1,000 factorials (≈ 2 s sequential here); --quick takes the first 50 (≈ 80 ms), still 25 tasks per worker at 2. */
const FACTORIAL_COUNT = { full: 1_000, quick: 50 } as const;
/** Chunks × steps of the integral: 64 tasks of 200k evaluations (≈ 0.3 s sequential), 16 × 100k in --quick. */
const FLOAT_CHUNKS = { full: { chunks: 64, steps: 200_000 }, quick: { chunks: 16, steps: 100_000 } } as const;
/** Each sample is a whole parallel job (up to seconds): the runner's minimum of 5 samples, no more. */
const MAX_SAMPLES = 5;

interface Workload<Input extends readonly unknown[], Output> {
  readonly group: string;
  readonly module: string;
  readonly exportName: string;
  readonly inputs: readonly Input[];
  readonly local: (input: Input) => Output;
  readonly consume: (output: Output) => number;
}

/** Runs every input on the main thread, one after another: the group's baseline. */
function sequentialRow<I extends readonly unknown[], O>(w: Workload<I, O>): BenchDefinition {
  return define({
    name: 'sequential (main thread)',
    group: w.group,
    params: { workers: 1, executor: 'sequential', tasks: w.inputs.length },
    baseline: true,
    maxSamples: MAX_SAMPLES,
    fn() {
      let sum = 0;
      for (const input of w.inputs) sum += w.consume(w.local(input));
      return sum;
    },
  });
}

interface PoolState<I extends readonly unknown[]> {
  readonly executor: Executor;
  readonly remote: ReturnType<typeof workloadTask>;
  readonly inputs: readonly I[];
}

/** The same inputs submitted all at once to an executor with `workers` workers, results gathered in order. */
function poolRow<I extends readonly unknown[], O>(w: Workload<I, O>, executorName: ExecutorName, workers: number): BenchDefinition {
  return define<PoolState<I>>({
    name: `${executorName} ×${workers}`,
    group: w.group,
    params: { workers, executor: executorName, tasks: w.inputs.length },
    maxSamples: MAX_SAMPLES,
    async setup() {
      const executor = createExecutor(executorName, workers);
      const remote = workloadTask(w.module, w.exportName);
      // One untimed pass over all inputs: starts every worker, loads the module and lets the workers'
      // fresh heaps grow to the workload's size (the first passes are much slower otherwise). Its
      // first outputs are checked against the main thread's.
      const outputs = await Promise.all(w.inputs.map((input) => executor.submit(remote, ...input)));
      for (let i = 0; i < Math.min(outputs.length, workers * 2); i++) {
        if (w.consume(outputs[i] as O) !== w.consume(w.local(w.inputs[i]!))) {
          throw new Error(`${executorName} returned a different ${w.group} result than the main thread for input ${String(w.inputs[i])}`);
        }
      }
      return { executor, remote, inputs: w.inputs };
    },
    async fn(state) {
      const futures = state.inputs.map((input) => state.executor.submit(state.remote, ...input));
      let sum = 0;
      for (const output of await Promise.all(futures)) sum += w.consume(output as O);
      return sum;
    },
    async teardown(state) {
      await state.executor.shutdown();
    },
  });
}

function rows<I extends readonly unknown[], O>(
  w: Workload<I, O>,
  context: BenchContext,
  executors: readonly ExecutorName[],
): BenchDefinition[] {
  const counts = workerCounts(context.workers);
  const single = representativeWorkers(context.workers);
  const out = [sequentialRow(w)];
  for (const executorName of executors) {
    // The interpreter pool spans every count (the speed-up curve); the process pool (the same
    // scaling at a higher price) and the same-thread pool (one thread: it cannot scale) are compared
    // at one count, which keeps the full suite inside its 5 minutes (each row is a 2 s job × 5).
    const at = executorName === 'InterpreterPoolExecutor' ? counts : [single];
    for (const workers of at) out.push(poolRow(w, executorName, workers));
  }
  return out;
}

/** The cpu category's benchmarks for a run. */
export function load(context: BenchContext): BenchDefinition[] {
  const count = context.quick ? FACTORIAL_COUNT.quick : FACTORIAL_COUNT.full;
  const factorials: Workload<[number], bigint> = {
    group: `factorial ${FACTORIAL_FIRST}..${FACTORIAL_FIRST + count - 1}`,
    module: 'factorial',
    exportName: 'factorial',
    inputs: Array.from({ length: count }, (_, i) => [FACTORIAL_FIRST + i] as [number]),
    local: ([n]) => factorial(n),
    consume: checksum,
  };
  const { chunks, steps } = context.quick ? FLOAT_CHUNKS.quick : FLOAT_CHUNKS.full;
  const floats: Workload<readonly [number, number, number], number> = {
    group: `float integration ${chunks}×${steps / 1000}k steps`,
    module: 'float-kernel',
    exportName: 'integrate',
    inputs: integrationChunks(chunks, steps),
    local: ([start, stop, n]) => integrate(start, stop, n),
    consume: (x) => x,
  };
  return [
    ...rows(factorials, context, ['InterpreterPoolExecutor', 'ProcessPoolExecutor', 'ThreadPoolExecutor']),
    ...rows(floats, context, ['InterpreterPoolExecutor']),
  ];
}
