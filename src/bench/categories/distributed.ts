// The distributed category: tiny-task round trips and the seed's factorials through DistributedExecutor on `ts314 worker` processes it starts.
import { randomUUID } from 'node:crypto';
import { DistributedExecutor, startLocalWorkers, type LocalWorkers } from '../../distributed/index.js';
import { InterpreterPoolExecutor, type Executor } from '../../futures/index.js';
import type { BenchContext, BenchDefinition } from '../definition.js';
import { checksum, factorial } from '../workloads/factorial.js';
import { workloadTask, workloadUrl } from '../workloads/locate.js';
import { define } from './define.js';
import { workerCounts } from './executors.js';

/** Said on the one skipped row when no broker is configured. */
export const NO_BROKER =
  'no broker is configured: give one with --connection redis://host:6379 (or postgres://user@host/db), or set TS314_BROKER; ' +
  'the rows start their own ts314 worker processes on this machine and stop them after';
/** One-at-a-time round trips per call (each is milliseconds through a broker). */
const ROUND_TRIPS = { full: 100, quick: 20 } as const;
/** Tasks submitted at once per call. */
const BATCH = { full: 2_000, quick: 200 } as const;
/** The cpu category's factorials: 10000.. (about 35,660 digits each), fewer of them. */
const FACTORIAL_FIRST = 10_000;
const FACTORIAL_COUNT = { full: 200, quick: 20 } as const;
/** Each sample is a whole job through the broker: the runner's minimum of 5 samples, no more. */
const MAX_SAMPLES = 5;
/**
 * Interpreters per `ts314 worker` process: one, so N processes use N cores and the rows scale with
 * processes, as workers on N machines would.
 */
const INTERPRETERS_PER_PROCESS = 1;

const addOne = workloadTask<(x: number) => number>('tiny', 'addOne');
const remoteFactorial = workloadTask<(n: number) => bigint>('factorial', 'factorial');

interface Remote {
  readonly executor: Executor;
  readonly workers?: LocalWorkers;
}

/** A DistributedExecutor on a queue of its own, with `processes` local workers offering the bench workloads. */
async function startRemote(connection: string, processes: number): Promise<Remote> {
  const queue = `ts314-bench-${randomUUID().slice(0, 8)}`;
  const executor = new DistributedExecutor({ connection, queue });
  try {
    await executor.ready();
    const workers = await startLocalWorkers({
      connection,
      queue,
      modules: [workloadUrl('tiny'), workloadUrl('factorial')],
      count: processes,
      interpreters: INTERPRETERS_PER_PROCESS,
    });
    return { executor, workers };
  } catch (error) {
    await executor.shutdown({ cancelFutures: true });
    throw error;
  }
}

async function stopRemote(remote: Remote): Promise<void> {
  await remote.executor.shutdown({ cancelFutures: true });
  await remote.workers?.stop();
}

/** A local InterpreterPoolExecutor of one worker: the reference for the per-task overhead rows. */
async function startLocal(): Promise<Remote> {
  return { executor: new InterpreterPoolExecutor({ maxWorkers: 1 }) };
}

function overheadRows(broker: string, quick: boolean): BenchDefinition[] {
  const trips = quick ? ROUND_TRIPS.quick : ROUND_TRIPS.full;
  const batch = quick ? BATCH.quick : BATCH.full;
  const roundTrips: BenchDefinition[] = [];
  const batches: BenchDefinition[] = [];
  for (const [executorName, start] of [
    ['InterpreterPoolExecutor', startLocal],
    ['DistributedExecutor', () => startRemote(broker, 1)],
  ] as const) {
    const params = { executor: executorName, workers: 1 };
    const setup = async () => {
      const remote = await start();
      if ((await remote.executor.submit(addOne, 41)) !== 42) throw new Error(`${executorName} did not run addOne(41)`);
      return remote;
    };
    roundTrips.push(
      define<Remote>({
        name: `${executorName} ×1 submit+await`,
        group: `round trip (one tiny task at a time, ×${trips})`,
        params,
        baseline: executorName === 'InterpreterPoolExecutor',
        opsPerCall: trips,
        maxSamples: MAX_SAMPLES,
        setup,
        async fn({ executor }) {
          let sum = 0;
          for (let i = 0; i < trips; i++) sum += await executor.submit(addOne, i);
          return sum;
        },
        teardown: stopRemote,
      }),
    );
    batches.push(
      define<Remote>({
        name: `${executorName} ×1, ${batch.toLocaleString('en')} submitted at once`,
        group: `throughput (${batch.toLocaleString('en')} tiny tasks at once)`,
        params,
        baseline: executorName === 'InterpreterPoolExecutor',
        opsPerCall: batch,
        maxSamples: MAX_SAMPLES,
        setup,
        async fn({ executor }) {
          const futures = Array.from({ length: batch }, (_, i) => executor.submit(addOne, i));
          let sum = 0;
          for (const value of await Promise.all(futures)) sum += value;
          return sum;
        },
        teardown: stopRemote,
      }),
    );
  }
  return [...roundTrips, ...batches];
}

function factorialRows(broker: string, context: BenchContext): BenchDefinition[] {
  const count = context.quick ? FACTORIAL_COUNT.quick : FACTORIAL_COUNT.full;
  const inputs = Array.from({ length: count }, (_, i) => FACTORIAL_FIRST + i);
  const group = `factorial ${FACTORIAL_FIRST}..${FACTORIAL_FIRST + count - 1} on worker processes`;
  const out: BenchDefinition[] = [
    define({
      name: 'sequential (main thread)',
      group,
      params: { workers: 1, executor: 'sequential', tasks: count },
      baseline: true,
      maxSamples: MAX_SAMPLES,
      fn() {
        let sum = 0;
        for (const n of inputs) sum += checksum(factorial(n));
        return sum;
      },
    }),
  ];
  for (const processes of workerCounts(context.workers)) {
    out.push(
      define<Remote>({
        name: `DistributedExecutor, ${processes} ts314 worker${processes === 1 ? '' : 's'}`,
        group,
        params: { workers: processes, executor: 'DistributedExecutor', tasks: count },
        maxSamples: MAX_SAMPLES,
        async setup() {
          const remote = await startRemote(broker, processes);
          // One untimed pass: loads the module in every worker; the first results are checked against the main thread's.
          const outputs = await Promise.all(inputs.map((n) => remote.executor.submit(remoteFactorial, n)));
          for (let i = 0; i < Math.min(outputs.length, 2 * processes); i++)
            if (checksum(outputs[i]!) !== checksum(factorial(inputs[i]!)))
              throw new Error(`DistributedExecutor returned a different ${inputs[i]}! than the main thread`);
          return remote;
        },
        async fn({ executor }) {
          let sum = 0;
          for (const value of await Promise.all(inputs.map((n) => executor.submit(remoteFactorial, n)))) sum += checksum(value);
          return sum;
        },
        teardown: stopRemote,
      }),
    );
  }
  return out;
}

/** The distributed category's benchmarks for a run: one skipped row saying why when no broker is configured. */
export function load(context: BenchContext): BenchDefinition[] {
  const broker = context.broker;
  if (broker === undefined || broker === '')
    return [define({ name: 'DistributedExecutor on local ts314 workers', group: 'needs a broker', skip: NO_BROKER, fn: () => undefined })];
  return [...overheadRows(broker, context.quick), ...factorialRows(broker, context)];
}
