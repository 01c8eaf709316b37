// DistributedExecutor's CPU scaling (factorial 10000..10999 on 1 and 2 ts314 worker processes against sequential and a local InterpreterPoolExecutor) and its per-task overhead on Redis and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { DistributedExecutor, startLocalWorkers, type LocalWorkers } from '../../src/distributed/index.js';
import { InterpreterPoolExecutor, type Executor } from '../../src/futures/index.js';
import { workloadTask, workloadUrl } from '../../src/bench/workloads/locate.js';
import { startRedis } from '../../test/helpers/redis.js';
import { startPostgres } from '../../test/templatelib/helpers/postgres.js';
import { checksum, factorial } from '../futures/workloads.js';
import { median } from '../../src/bench/stats.js';

/** Timed rounds per configuration (order alternated), after one untimed warm-up round each. */
const RUNS = Number(process.env.RUNS ?? 3);
/** The seed's factorials: 10000..10999. */
const FIRST = 10_000;
const COUNT = Number(process.env.COUNT ?? 1_000);
/** No-op tasks per overhead measurement. */
const OVERHEAD_TASKS = Number(process.env.OVERHEAD_TASKS ?? 2_000);
/** One interpreter per worker process: N processes use N cores, as N one-core machines would. */
const INTERPRETERS = 1;
/** Items per job in the map(…, { chunksize }) row: 40 jobs of 25 factorials. */
const CHUNKSIZE = 25;

const remoteFactorial = workloadTask<(n: number) => bigint>('factorial', 'factorial');
const addOne = workloadTask<(x: number) => number>('tiny', 'addOne');
const modules = [workloadUrl('factorial'), workloadUrl('tiny')];
const inputs = Array.from({ length: COUNT }, (_, i) => FIRST + i);
const load = () => loadavg()[0]!.toFixed(1);

interface Setup {
  readonly executor: Executor;
  readonly workers?: LocalWorkers;
}

async function distributed(connection: string, processes: number): Promise<Setup> {
  const queue = `scaling-${randomUUID().slice(0, 8)}`;
  const executor = new DistributedExecutor({ connection, queue });
  await executor.ready();
  const workers = await startLocalWorkers({ connection, queue, modules, count: processes, interpreters: INTERPRETERS });
  return { executor, workers };
}

async function close(setup: Setup): Promise<void> {
  await setup.executor.shutdown();
  await setup.workers?.stop();
}

async function submitAll(executor: Executor): Promise<number> {
  let sum = 0;
  for (const value of await Promise.all(inputs.map((n) => executor.submit(remoteFactorial, n)))) sum += checksum(value);
  return sum;
}

async function mapChunked(executor: Executor): Promise<number> {
  let sum = 0;
  for await (const value of executor.map(remoteFactorial, inputs, { chunksize: CHUNKSIZE })) sum += checksum(value);
  return sum;
}

console.log(
  `${availableParallelism()} cores, load average ${load()} at the start; factorial ${FIRST}..${FIRST + COUNT - 1}, ${RUNS} timed rounds (order alternated) after one warm-up round, median`,
);
const redis = await startRedis();
const expected = inputs.reduce((sum, n) => sum + checksum(factorial(n)), 0);

// ── CPU scaling on Redis ─────────────────────────────────────────────────────────────────────────
const pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
const one = await distributed(redis.url, 1);
const two = await distributed(redis.url, 2);
const rows: { name: string; run: () => Promise<number> }[] = [
  { name: 'sequential (main thread)', run: async () => inputs.reduce((sum, n) => sum + checksum(factorial(n)), 0) },
  { name: 'InterpreterPoolExecutor(2), local', run: () => submitAll(pool) },
  { name: `DistributedExecutor, 1 ts314 worker (--interpreters ${INTERPRETERS})`, run: () => submitAll(one.executor) },
  { name: `DistributedExecutor, 2 ts314 workers (--interpreters ${INTERPRETERS} each)`, run: () => submitAll(two.executor) },
  { name: `DistributedExecutor, 2 ts314 workers, map chunksize ${CHUNKSIZE}`, run: () => mapChunked(two.executor) },
];
const times = new Map<string, number[]>(rows.map((r) => [r.name, []]));
for (const row of rows) if ((await row.run()) !== expected) throw new Error(`${row.name}: wrong checksum`);
for (let round = 0; round < RUNS; round++) {
  for (const row of round % 2 === 0 ? rows : [...rows].reverse()) {
    const start = performance.now();
    const sum = await row.run();
    times.get(row.name)!.push(performance.now() - start);
    if (sum !== expected) throw new Error(`${row.name}: wrong checksum ${sum}`);
  }
}
const sequentialMs = median(times.get(rows[0]!.name)!);
console.log(`\nCPU scaling on Redis (load average ${load()} after):`);
console.log('| configuration | median ms | all rounds ms | speed-up vs sequential |');
console.log('|---|---:|---|---:|');
for (const row of rows) {
  const all = times.get(row.name)!;
  console.log(
    `| ${row.name} | ${median(all).toFixed(0)} | ${all.map((t) => t.toFixed(0)).join(', ')} | ${(sequentialMs / median(all)).toFixed(2)}× |`,
  );
}
await pool.shutdown();
await close(one);
await close(two);

// ── Per-task overhead on Redis and PostgreSQL ────────────────────────────────────────────────────
async function overhead(executor: Executor): Promise<{ oneAtATime: number; batched: number }> {
  for (let i = 0; i < 50; i++) await executor.submit(addOne, i); // warm-up
  let start = performance.now();
  let sum = 0;
  for (let i = 0; i < OVERHEAD_TASKS; i++) sum += await executor.submit(addOne, i);
  const oneAtATime = (performance.now() - start) / OVERHEAD_TASKS;
  start = performance.now();
  for (const v of await Promise.all(Array.from({ length: OVERHEAD_TASKS }, (_, i) => executor.submit(addOne, i)))) sum += v;
  const batched = (performance.now() - start) / OVERHEAD_TASKS;
  const want = 2 * ((OVERHEAD_TASKS * (OVERHEAD_TASKS + 1)) / 2);
  if (sum !== want) throw new Error(`overhead: wrong sum ${sum}, expected ${want}`);
  return { oneAtATime, batched };
}

const postgres = startPostgres();
const brokers = [
  {
    name: 'local InterpreterPoolExecutor(1), no broker',
    setup: async (): Promise<Setup> => ({ executor: new InterpreterPoolExecutor({ maxWorkers: 1 }) }),
  },
  { name: 'Redis (redis-server on loopback)', setup: () => distributed(redis.url, 1) },
  {
    name: 'PostgreSQL 15 (unix socket)',
    setup: () =>
      distributed(
        `postgresql://${postgres.user}@localhost/postgres?host=${encodeURIComponent(postgres.socketDir)}&port=${postgres.port}`,
        1,
      ),
  },
];
console.log(`\nPer-task overhead: ${OVERHEAD_TASKS} no-op tasks (x + 1), one ts314 worker (--interpreters ${INTERPRETERS}):`);
console.log('| broker | one at a time, ms per task | submitted at once, ms per task | load average |');
console.log('|---|---:|---:|---:|');
for (const broker of brokers) {
  const setup = await broker.setup();
  try {
    const { oneAtATime, batched } = await overhead(setup.executor);
    console.log(`| ${broker.name} | ${oneAtATime.toFixed(3)} | ${batched.toFixed(3)} | ${load()} |`);
  } finally {
    await close(setup);
  }
}
postgres.stop();
await redis.stop();
