// Tiny-task throughput: 100,000 tasks returning x + 1 on 2 workers — ts314 vs piscina vs tinypool, same run.
import { Piscina } from 'piscina';
import Tinypool from 'tinypool';
import { InterpreterPoolExecutor, task } from '../../src/futures/index.js';

const TASKS = 100_000;
const WORKERS = 2;
const RUNS = 5;
/** The target: at least twice the throughput of each peer. */
const TARGET_RATIO = 2;
const moduleUrl = new URL('./add-one.mjs', import.meta.url);

interface Competitor {
  readonly name: string;
  run(): Promise<number>;
  close(): Promise<void>;
}

function expectedSum(): number {
  // sum of (i + 1) for i in 0..TASKS-1
  return (TASKS * (TASKS + 1)) / 2;
}

async function sumAll(promises: PromiseLike<number>[]): Promise<number> {
  let sum = 0;
  for (const value of await Promise.all(promises)) sum += value;
  return sum;
}

const ts314 = new InterpreterPoolExecutor({ maxWorkers: WORKERS });
const addOne = task<(x: number) => number>(moduleUrl, 'default');
const piscina = new Piscina({ filename: moduleUrl.href, minThreads: WORKERS, maxThreads: WORKERS });
const tinypool = new Tinypool({ filename: moduleUrl.href, minThreads: WORKERS, maxThreads: WORKERS });

const competitors: Competitor[] = [
  {
    name: 'ts314 InterpreterPoolExecutor',
    run: () => {
      const futures = new Array<PromiseLike<number>>(TASKS);
      for (let i = 0; i < TASKS; i++) futures[i] = ts314.submit(addOne, i);
      return sumAll(futures);
    },
    close: () => ts314.shutdown(),
  },
  {
    name: 'piscina',
    run: () => {
      const promises = new Array<Promise<number>>(TASKS);
      for (let i = 0; i < TASKS; i++) promises[i] = piscina.run(i) as Promise<number>;
      return sumAll(promises);
    },
    close: () => piscina.destroy(),
  },
  {
    name: 'tinypool',
    run: () => {
      const promises = new Array<Promise<number>>(TASKS);
      for (let i = 0; i < TASKS; i++) promises[i] = tinypool.run(i) as Promise<number>;
      return sumAll(promises);
    },
    close: () => tinypool.destroy(),
  },
];

const times = new Map<string, number[]>(competitors.map((c) => [c.name, []]));
// Warm-up: workers started, modules loaded, JIT warm, for everyone alike.
for (const c of competitors) if ((await c.run()) !== expectedSum()) throw new Error(`${c.name} returned a wrong sum`);
for (let run = 0; run < RUNS; run++) {
  // Alternate the order so no competitor always runs first (or right after a GC-heavy peer).
  const order = run % 2 === 0 ? competitors : [...competitors].reverse();
  for (const c of order) {
    const start = performance.now();
    const sum = await c.run();
    const elapsed = performance.now() - start;
    if (sum !== expectedSum()) throw new Error(`${c.name} returned a wrong sum: ${sum}`);
    times.get(c.name)!.push(elapsed);
  }
}
for (const c of competitors) await c.close();

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const rate = (name: string): number => TASKS / (median(times.get(name)!) / 1000);
const ours = rate(competitors[0]!.name);
console.log(`### Tiny-task throughput (${TASKS.toLocaleString('en-US')} tasks of x + 1, ${WORKERS} workers, median of ${RUNS})\n`);
console.log('| pool | median ms | tasks/s | ts314 ratio |');
console.log('|---|---:|---:|---:|');
for (const c of competitors) {
  const r = rate(c.name);
  console.log(
    `| ${c.name} | ${median(times.get(c.name)!).toFixed(1)} | ${Math.round(r).toLocaleString('en-US')} | ${(ours / r).toFixed(2)}x |`,
  );
}
const worst = Math.min(ours / rate('piscina'), ours / rate('tinypool'));
console.log(
  `\nTarget: >= ${TARGET_RATIO}x piscina and tinypool — ${worst >= TARGET_RATIO ? 'PASS' : 'FAIL'} (worst ratio ${worst.toFixed(2)}x)`,
);
