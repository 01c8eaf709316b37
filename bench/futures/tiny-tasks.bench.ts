// Tiny-task throughput: submit() per task and map() in chunks on 2 workers — ts314 against piscina, tinypool and a bare batching worker loop.
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import Tinypool from 'tinypool';
import { InterpreterPoolExecutor, task } from '../../src/futures/index.js';
import { median } from '../../src/bench/stats.js';

const TASKS = 100_000;
const MAP_ITEMS = 1_000_000;
const WORKERS = 2;
const RUNS = 5;
/** Numbers per message of the bare loop when it stands in for submit(). */
const BARE_BATCH = 256;
/** Items per task message of map(), and numbers per message of the bare loop it is compared with. */
const CHUNKSIZE = 1_000;
/** Messages the bare loop keeps in flight per worker: enough that a worker never waits for the next. */
const BARE_IN_FLIGHT = 2;
const SUBMIT_TARGET_PER_S = 1_000_000;
const SUBMIT_TARGET_VS_PISCINA = 10;
const MAP_TARGET_OF_CEILING = 0.5;
const PISCINA_TUNED_CONCURRENCY = 16;
const moduleUrl = new URL('./add-one.mjs', import.meta.url);
const bareWorkerUrl = new URL('./bare-batch-worker.mjs', import.meta.url);

interface Competitor {
  readonly name: string;
  readonly items: number;
  run(): Promise<number>;
  close(): Promise<void>;
}

/** Sum of (i + 1) for i in 0..n-1: what every competitor must return. */
const expectedSum = (n: number): number => (n * (n + 1)) / 2;

async function sumAll(promises: PromiseLike<number>[]): Promise<number> {
  let sum = 0;
  for (const value of await Promise.all(promises)) sum += value;
  return sum;
}

function* naturals(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

/** Two raw workers fed `batch` numbers per message, `BARE_IN_FLIGHT` messages each at a time: no pool, no futures, no fault tracking. */
function bareLoop(batch: number): { run(items: number): Promise<number>; close(): Promise<void> } {
  const workers = Array.from({ length: WORKERS }, () => new Worker(bareWorkerUrl));
  return {
    run: (items) =>
      new Promise((resolve) => {
        let next = 0;
        let received = 0;
        let sum = 0;
        const send = (worker: Worker): void => {
          if (next >= items) return;
          const count = Math.min(batch, items - next);
          const numbers = new Array<number>(count);
          for (let i = 0; i < count; i++) numbers[i] = next + i;
          next += count;
          worker.postMessage(numbers);
        };
        for (const worker of workers) {
          worker.removeAllListeners('message');
          worker.on('message', (results: number[]) => {
            for (let i = 0; i < results.length; i++) sum += results[i]!;
            received += results.length;
            if (received === items) resolve(sum);
            else send(worker);
          });
          for (let k = 0; k < BARE_IN_FLIGHT; k++) send(worker);
        }
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

const ts314 = new InterpreterPoolExecutor({ maxWorkers: WORKERS });
const addOne = task<(x: number) => number>(moduleUrl, 'default');
const piscina = new Piscina({ filename: moduleUrl.href, minThreads: WORKERS, maxThreads: WORKERS });
const piscinaTuned = new Piscina({
  filename: moduleUrl.href,
  minThreads: WORKERS,
  maxThreads: WORKERS,
  concurrentTasksPerWorker: PISCINA_TUNED_CONCURRENCY,
});
const tinypool = new Tinypool({ filename: moduleUrl.href, minThreads: WORKERS, maxThreads: WORKERS });
const bareSubmit = bareLoop(BARE_BATCH);
const bareMap = bareLoop(CHUNKSIZE);

const NAMES = {
  submit: 'ts314 submit()',
  piscina: 'piscina',
  piscinaTuned: `piscina, concurrentTasksPerWorker ${PISCINA_TUNED_CONCURRENCY}`,
  tinypool: 'tinypool',
  bareSubmit: `bare worker loop, ${BARE_BATCH} per message`,
  map: `ts314 map(), chunksize ${CHUNKSIZE.toLocaleString('en-US')}`,
  bareMap: `bare worker loop, ${CHUNKSIZE.toLocaleString('en-US')} per message`,
} as const;

const perTask = (run: (i: number) => PromiseLike<number>) => (): Promise<number> => {
  const promises = new Array<PromiseLike<number>>(TASKS);
  for (let i = 0; i < TASKS; i++) promises[i] = run(i);
  return sumAll(promises);
};

const competitors: Competitor[] = [
  { name: NAMES.submit, items: TASKS, run: perTask((i) => ts314.submit(addOne, i)), close: async () => {} },
  { name: NAMES.piscina, items: TASKS, run: perTask((i) => piscina.run(i) as Promise<number>), close: () => piscina.destroy() },
  {
    name: NAMES.piscinaTuned,
    items: TASKS,
    run: perTask((i) => piscinaTuned.run(i) as Promise<number>),
    close: () => piscinaTuned.destroy(),
  },
  { name: NAMES.tinypool, items: TASKS, run: perTask((i) => tinypool.run(i) as Promise<number>), close: () => tinypool.destroy() },
  { name: NAMES.bareSubmit, items: TASKS, run: () => bareSubmit.run(TASKS), close: () => bareSubmit.close() },
  {
    name: NAMES.map,
    items: MAP_ITEMS,
    run: async () => {
      let sum = 0;
      for await (const value of ts314.map(addOne, naturals(MAP_ITEMS), { chunksize: CHUNKSIZE })) sum += value;
      return sum;
    },
    close: () => ts314.shutdown(),
  },
  { name: NAMES.bareMap, items: MAP_ITEMS, run: () => bareMap.run(MAP_ITEMS), close: () => bareMap.close() },
];

const times = new Map<string, number[]>(competitors.map((c) => [c.name, []]));
/** CPU time of the whole process (main thread and every worker thread) during each run. */
const cpuTimes = new Map<string, number[]>(competitors.map((c) => [c.name, []]));
// Warm-up: workers started, modules loaded, JIT warm, for everyone alike.
for (const c of competitors) if ((await c.run()) !== expectedSum(c.items)) throw new Error(`${c.name} returned a wrong sum`);
for (let run = 0; run < RUNS; run++) {
  // Alternate the order so no competitor always runs first (or right after a GC-heavy peer).
  const order = run % 2 === 0 ? competitors : [...competitors].reverse();
  for (const c of order) {
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const sum = await c.run();
    const elapsed = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    if (sum !== expectedSum(c.items)) throw new Error(`${c.name} returned a wrong sum: ${sum}`);
    times.get(c.name)!.push(elapsed);
    cpuTimes.get(c.name)!.push((cpu.user + cpu.system) / 1000);
  }
}
for (const c of competitors) await c.close();

const itemsOf = (name: string): number => competitors.find((c) => c.name === name)!.items;
const rate = (name: string): number => itemsOf(name) / (median(times.get(name)!) / 1000);
/** CPU microseconds per item, all threads. */
const cpuPerItem = (name: string): number => (median(cpuTimes.get(name)!) * 1000) / itemsOf(name);

console.log(
  `### Tiny-task throughput (x + 1 on ${WORKERS} workers; ${TASKS.toLocaleString('en-US')} submits, map over ${MAP_ITEMS.toLocaleString('en-US')} items; median of ${RUNS})\n`,
);
console.log('| competitor | items | median ms | items/s | CPU µs per item (all threads) | runs ms |');
console.log('|---|---:|---:|---:|---:|---|');
for (const c of competitors) {
  console.log(
    `| ${c.name} | ${c.items.toLocaleString('en-US')} | ${median(times.get(c.name)!).toFixed(1)} | ${Math.round(rate(c.name)).toLocaleString('en-US')} | ${cpuPerItem(c.name).toFixed(2)} | ${times
      .get(c.name)!
      .map((t) => t.toFixed(0))
      .join(', ')} |`,
  );
}

const submitRate = rate(NAMES.submit);
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
console.log('');
console.log(
  `submit() vs piscina ${(submitRate / rate(NAMES.piscina)).toFixed(2)}x, vs tinypool ${(submitRate / rate(NAMES.tinypool)).toFixed(2)}x; submit() is ${((100 * submitRate) / rate(NAMES.bareSubmit)).toFixed(1)}% of the bare loop, map() ${((100 * rate(NAMES.map)) / rate(NAMES.bareMap)).toFixed(1)}% of its bare loop`,
);
console.log(
  `Target 1a: submit() >= ${SUBMIT_TARGET_PER_S.toLocaleString('en-US')} tasks/s — ${verdict(submitRate >= SUBMIT_TARGET_PER_S)} (${Math.round(submitRate).toLocaleString('en-US')})`,
);
const vsTuned = submitRate / rate(NAMES.piscinaTuned);
console.log(
  `Target 1b: submit() >= ${SUBMIT_TARGET_VS_PISCINA}x ${NAMES.piscinaTuned} — ${verdict(vsTuned >= SUBMIT_TARGET_VS_PISCINA)} (${vsTuned.toFixed(2)}x)`,
);
const mapShare = rate(NAMES.map) / rate(NAMES.bareMap);
console.log(
  `Target 2: map() >= ${MAP_TARGET_OF_CEILING * 100}% of the bare loop — ${verdict(mapShare >= MAP_TARGET_OF_CEILING)} (${(100 * mapShare).toFixed(1)}%)`,
);
