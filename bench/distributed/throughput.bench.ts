// Tiny-task throughput and latency of DistributedExecutor against raw BullMQ (a bare Queue/Worker pair), same redis-server, same script.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { DistributedExecutor, task } from '../../src/distributed/index.js';
import { startRedis } from '../../test/helpers/redis.js';
import { startWorkerProcess, stopWorker } from '../../test/distributed/helpers.js';
import { median } from '../../src/bench/stats.js';

const TASKS = Number(process.env.TASKS ?? 5000);
const RUNS = Number(process.env.RUNS ?? 5);
const CONCURRENCY = 64;
const LATENCY_TASKS = 200;
/** The target: the executor layer costs at most 10% of raw BullMQ's throughput. */
const TARGET = 0.9;
const addOnePath = fileURLToPath(new URL('../futures/add-one.mjs', import.meta.url));
const addOne = task<(x: number) => number>(new URL('../futures/add-one.mjs', import.meta.url), 'default');

const redis = await startRedis();
const connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };

// Raw BullMQ: jobs added in bulk, results from QueueEvents' completed events, jobs removed on completion.
const rawChild = spawn(
  process.execPath,
  [fileURLToPath(new URL('./raw-worker.mjs', import.meta.url)), String(redis.port), 'raw', String(CONCURRENCY)],
  {
    stdio: ['ignore', 'inherit', 'pipe'],
  },
);
await new Promise<void>((resolve) => rawChild.stderr!.on('data', (d: Buffer) => /ready/.test(d.toString()) && resolve()));
const rawQueue = new Queue('raw', { connection });
const rawEvents = new QueueEvents('raw', { connection });
await rawEvents.waitUntilReady();
let rawBatch = 0;
const rawWaiters = new Map<string, (value: number) => void>();
rawEvents.on('completed', ({ jobId, returnvalue }) => rawWaiters.get(jobId)?.(Number(returnvalue)));

async function rawRun(n: number): Promise<number> {
  const batch = ++rawBatch;
  const results = Array.from({ length: n }, (_, i) => new Promise<number>((resolve) => rawWaiters.set(`r${batch}-${i}`, resolve)));
  await rawQueue.addBulk(
    Array.from({ length: n }, (_, i) => ({ name: 'add', data: { x: i }, opts: { jobId: `r${batch}-${i}`, removeOnComplete: true } })),
  );
  // QueueEvents may drop completed events under load (BullMQ issue #2517): say so rather than wait forever.
  let timer: NodeJS.Timeout | undefined;
  const lost = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`raw BullMQ: completed events missing after 60 s (BullMQ issue #2517)`)), 60_000);
  });
  let sum = 0;
  for (const v of await Promise.race([Promise.all(results), lost])) sum += v;
  clearTimeout(timer);
  return sum;
}

async function rawLatency(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < LATENCY_TASKS; i++) {
    const batch = ++rawBatch;
    const start = performance.now();
    const done = new Promise<number>((resolve) => rawWaiters.set(`r${batch}-0`, resolve));
    await rawQueue.add('add', { x: i }, { jobId: `r${batch}-0`, removeOnComplete: true });
    await done;
    times.push(performance.now() - start);
  }
  return times;
}

/** A `ts314 worker` for `queue` at the benchmark's concurrency, running tasks inline (0 interpreters) or in its pool. */
const benchWorker = (queue: string, interpreters: number) =>
  startWorkerProcess([
    '--connection',
    redis.url,
    '--queue',
    queue,
    '--module',
    addOnePath,
    '--interpreters',
    String(interpreters),
    '--concurrency',
    String(CONCURRENCY),
  ]);
const inline = await benchWorker('inline', 0);
const single = await benchWorker('single', 0);
const pooled = await benchWorker('pooled', 2);
// A failed run must not leave worker processes behind.
process.once('exit', () => {
  for (const child of [rawChild, inline.child, single.child, pooled.child]) child.kill('SIGKILL');
});
const inlineExecutor = new DistributedExecutor({ connection: redis.url, queue: 'inline' });
const pooledExecutor = new DistributedExecutor({ connection: redis.url, queue: 'pooled' });
// The executor as raw BullMQ is used: one job per task, so the table also shows what the layer costs per job.
const singleExecutor = new DistributedExecutor({ connection: redis.url, queue: 'single', maxTasksPerJob: 1 });

async function executorRun(executor: DistributedExecutor, n: number): Promise<number> {
  const futures = new Array<PromiseLike<number>>(n);
  for (let i = 0; i < n; i++) futures[i] = executor.submit(addOne, i);
  let sum = 0;
  for (const v of await Promise.all(futures)) sum += v;
  return sum;
}

async function executorLatency(executor: DistributedExecutor): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < LATENCY_TASKS; i++) {
    const start = performance.now();
    await executor.submit(addOne, i);
    times.push(performance.now() - start);
  }
  return times;
}

const competitors = [
  { name: 'raw BullMQ (Queue + Worker, inline)', run: rawRun, latency: rawLatency, workerPid: rawChild.pid! },
  {
    name: 'DistributedExecutor, worker --interpreters 0',
    run: (n: number) => executorRun(inlineExecutor, n),
    latency: () => executorLatency(inlineExecutor),
    workerPid: inline.pid,
  },
  {
    name: 'DistributedExecutor, a job per task (maxTasksPerJob: 1), worker --interpreters 0',
    run: (n: number) => executorRun(singleExecutor, n),
    latency: () => executorLatency(singleExecutor),
    workerPid: single.pid,
  },
  {
    name: 'DistributedExecutor, worker --interpreters 2',
    run: (n: number) => executorRun(pooledExecutor, n),
    latency: () => executorLatency(pooledExecutor),
    workerPid: pooled.pid,
  },
];

/**
 * CPU milliseconds each party spent (submitter, worker process, redis-server): on 2 shared cores
 * these decide throughput, and they barely move with the machine's load, unlike wall time.
 */
interface Cpu {
  submitter: number;
  worker: number;
  redis: number;
}
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, in clock ticks of 10 ms (USER_HZ on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const infoClient = new Redis({ host: '127.0.0.1', port: redis.port });
async function redisCpuMs(): Promise<number> {
  const info = await infoClient.info('cpu');
  const seconds = (key: string) => Number(new RegExp(`${key}:([\\d.]+)`).exec(info)?.[1] ?? Number.NaN);
  return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000;
}
async function cpuNow(workerPid: number): Promise<Cpu> {
  const { user, system } = process.cpuUsage();
  return { submitter: (user + system) / 1000, worker: processCpuMs(workerPid), redis: await redisCpuMs() };
}
const cpu = new Map<string, Cpu[]>(competitors.map((c) => [c.name, []]));
const expected = (TASKS * (TASKS + 1)) / 2;
const times = new Map<string, number[]>(competitors.map((c) => [c.name, []]));
for (const c of competitors) if ((await c.run(500)) !== (500 * 501) / 2) throw new Error(`${c.name}: wrong sum`);
for (let run = 0; run < RUNS; run++) {
  const order = run % 2 === 0 ? competitors : [...competitors].reverse();
  for (const c of order) {
    const cpuBefore = await cpuNow(c.workerPid);
    const start = performance.now();
    const sum = await c.run(TASKS);
    times.get(c.name)!.push(performance.now() - start);
    const cpuAfter = await cpuNow(c.workerPid);
    cpu.get(c.name)!.push({
      submitter: cpuAfter.submitter - cpuBefore.submitter,
      worker: cpuAfter.worker - cpuBefore.worker,
      redis: cpuAfter.redis - cpuBefore.redis,
    });
    if (sum !== expected) throw new Error(`${c.name}: wrong sum ${sum}`);
  }
}
const latencies = new Map<string, number>();
for (const c of competitors) latencies.set(c.name, median(await c.latency()));

const rawRate = TASKS / (median(times.get(competitors[0]!.name)!) / 1000);
console.log(`${TASKS} tiny tasks (x + 1), one worker process at concurrency ${CONCURRENCY}, redis-server on loopback; median of ${RUNS}`);
console.log('| setup | median ms | tasks/s | share of raw | latency p50 ms (one at a time) |');
console.log('|---|---:|---:|---:|---:|');
for (const c of competitors) {
  const ms = median(times.get(c.name)!);
  const rate = TASKS / (ms / 1000);
  console.log(
    `| ${c.name} | ${ms.toFixed(0)} | ${rate.toFixed(0)} | ${(rate / rawRate).toFixed(2)} | ${latencies.get(c.name)!.toFixed(2)} |`,
  );
}
const perThousand = (c: (typeof competitors)[number], part: keyof Cpu) => (median(cpu.get(c.name)!.map((x) => x[part])) * 1000) / TASKS;
const total = (c: (typeof competitors)[number]) => median(cpu.get(c.name)!.map((x) => x.submitter + x.worker + x.redis));
console.log('');
console.log('CPU ms per 1,000 tasks (median), by process:');
console.log("| setup | submitter | worker | redis-server | all | raw's CPU / this CPU |");
console.log('|---|---:|---:|---:|---:|---:|');
for (const c of competitors) {
  console.log(
    `| ${c.name} | ${perThousand(c, 'submitter').toFixed(0)} | ${perThousand(c, 'worker').toFixed(0)} | ${perThousand(c, 'redis').toFixed(0)} | ${(
      (total(c) * 1000) / TASKS
    ).toFixed(0)} | ${(total(competitors[0]!) / total(c)).toFixed(2)} |`,
  );
}
const share = (c: (typeof competitors)[number]) => TASKS / (median(times.get(c.name)!) / 1000) / rawRate;
console.log(
  `Target: executor >= ${TARGET} x raw throughput — ${share(competitors[1]!) >= TARGET ? 'PASS' : 'NOT MET'} (${share(competitors[1]!).toFixed(2)} x, tasks sharing jobs as submit() sends them)`,
);
console.log(
  `With a job per task (maxTasksPerJob: 1), the layer's cost per job: ${share(competitors[2]!).toFixed(2)} x raw — ${share(competitors[2]!) >= TARGET ? 'within' : 'NOT within'} the ${TARGET} x target`,
);

await inlineExecutor.shutdown();
await pooledExecutor.shutdown();
await singleExecutor.shutdown();
await Promise.all([stopWorker(inline), stopWorker(single), stopWorker(pooled)]);
rawChild.kill('SIGTERM');
await once(rawChild, 'exit');
infoClient.disconnect();
await rawEvents.close();
await rawQueue.close();
await redis.stop();
