// The async category: gathering 10,000 concurrent timers, and the round-trip cost of one task on each executor.
import type { Executor } from '../../futures/index.js';
import type { BenchDefinition } from '../definition.js';
import { define } from './define.js';
import { createExecutor, type ExecutorName } from './executors.js';

/** The seed's asyncio.gather of 10,000 sleeps, here 10,000 zero-delay timers awaited together. */
const CONCURRENT = 10_000;
/** Sequential submit+await round trips per call: more where each is cheap, so a call lasts long enough to time. */
const ROUND_TRIPS: Readonly<Record<ExecutorName, number>> = {
  ThreadPoolExecutor: 1_000,
  InterpreterPoolExecutor: 200,
  ProcessPoolExecutor: 100,
};

function noop(): number {
  return 1;
}

async function gather(schedule: (resolve: () => void) => void): Promise<number> {
  const waits: Promise<void>[] = new Array(CONCURRENT);
  for (let i = 0; i < CONCURRENT; i++) waits[i] = new Promise<void>((resolve) => schedule(resolve));
  return (await Promise.all(waits)).length;
}

/** The async category's benchmarks for a run. */
export function load(): BenchDefinition[] {
  const group = `gather ${CONCURRENT.toLocaleString('en')} concurrent waits`;
  const out: BenchDefinition[] = [
    define({
      name: 'setTimeout(0) ×10,000, Promise.all',
      group,
      params: { waits: CONCURRENT },
      baseline: true,
      fn: () => gather((r) => setTimeout(r, 0)),
    }),
    define({ name: 'setImmediate ×10,000, Promise.all', group, params: { waits: CONCURRENT }, fn: () => gather((r) => setImmediate(r)) }),
  ];
  for (const executorName of Object.keys(ROUND_TRIPS) as ExecutorName[]) {
    const trips = ROUND_TRIPS[executorName];
    out.push(
      define<Executor>({
        name: `${executorName} submit+await no-op`,
        group: 'executor overhead (one task round trip)',
        params: { executor: executorName, workers: 1 },
        baseline: executorName === 'ThreadPoolExecutor',
        opsPerCall: trips,
        async setup() {
          const executor = createExecutor(executorName, 1);
          if ((await executor.submit(noop)) !== 1) throw new Error(`${executorName} did not run the no-op`);
          return executor;
        },
        async fn(executor) {
          let sum = 0;
          for (let i = 0; i < trips; i++) sum += await executor.submit(noop);
          return sum;
        },
        teardown: (executor) => executor.shutdown(),
      }),
    );
  }
  return out;
}
