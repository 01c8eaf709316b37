// Pool start + first result: a fresh InterpreterPoolExecutor (1 worker) against a raw `new Worker` round trip and piscina.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';

const RUNS = Number(process.env.RUNS ?? 21);
/** Start + first result may take at most this multiple of a raw worker's round trip. */
const TARGET_RATIO = 1.1;

// The pool as users get it (dist/, plain .js), from a plain script, so nothing here needs a TypeScript
// loader; run it under `node --import tsx` to measure a TypeScript project's setup instead. From the
// sources, every worker would need the loader just to load the pool's own worker entry.
// POOL_DIST=<dir> measures another build of the package (e.g. an older commit's dist/).
const distUrl = process.env.POOL_DIST
  ? pathToFileURL(`${process.env.POOL_DIST}/futures/index.js`)
  : new URL('../../dist/futures/index.js', import.meta.url);
if (!existsSync(distUrl)) throw new Error('build first: npm run build (this benchmark starts the pool from dist/)');
const { InterpreterPoolExecutor, task } = await import(distUrl.href);

const moduleUrl = new URL('./add-one.mjs', import.meta.url);
const rawSource = new URL('./echo-add-one.mjs', import.meta.url);
const addOne = task(moduleUrl, 'default');

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Times one start: `first` is ms from creating the worker or pool to holding the first result, `cpu`
 * the process's CPU ms over that span (every thread; steadier than wall time on a loaded machine),
 * `total` the ms including ending the worker or pool and awaiting its exit.
 */
async function measure(start, stop) {
  const cpu0 = cpuMs();
  const t0 = performance.now();
  const [handle, value] = await start();
  const first = performance.now() - t0;
  const cpu = cpuMs() - cpu0;
  await stop(handle);
  if (value !== 42) throw new Error(`the first result was ${value}, expected 42`);
  return { first, cpu, total: performance.now() - t0 };
}

const competitors = [
  {
    name: 'raw new Worker + 1 message',
    once: () =>
      measure(
        async () => {
          const worker = new Worker(rawSource);
          const value = await new Promise((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage(41);
          });
          return [worker, value];
        },
        (worker) => worker.terminate(),
      ),
  },
  {
    name: 'ts314 InterpreterPoolExecutor({ maxWorkers: 1 })',
    once: () =>
      measure(
        async () => {
          const pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
          return [pool, await pool.submit(addOne, 41)];
        },
        (pool) => pool.shutdown(),
      ),
  },
  {
    name: 'piscina (1 thread)',
    once: () =>
      measure(
        async () => {
          const piscina = new Piscina({ filename: moduleUrl.href, minThreads: 1, maxThreads: 1 });
          return [piscina, await piscina.run(41)];
        },
        (piscina) => piscina.destroy(),
      ),
  },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const samples = competitors.map(() => []);
// Warm-up: the main thread's modules loaded and JIT warm, the files in the page cache, for everyone alike.
for (const c of competitors) await c.once();
for (let run = 0; run < RUNS; run++) {
  // Rotate who goes first, so none always follows the same one.
  for (let i = 0; i < competitors.length; i++) {
    const k = (run + i) % competitors.length;
    samples[k].push(await competitors[k].once());
  }
}

const rawFirst = median(samples[0].map((s) => s.first));
const rawCpu = median(samples[0].map((s) => s.cpu));
const loader = process.execArgv.some((arg) => /tsx/.test(arg)) ? ', parent under tsx' : '';
console.log(`### Start + first result, one worker, median of ${RUNS} (rotated order${loader})\n`);
console.log('| run | first result ms | ratio to raw | CPU ms | CPU ratio to raw | with shutdown ms | first result, all runs ms |');
console.log('|---|---:|---:|---:|---:|---:|---|');
competitors.forEach((c, k) => {
  const s = samples[k];
  const first = median(s.map((x) => x.first));
  const cpu = median(s.map((x) => x.cpu));
  console.log(
    `| ${c.name} | ${first.toFixed(1)} | ${(first / rawFirst).toFixed(2)}x | ${cpu.toFixed(1)} | ${(cpu / rawCpu).toFixed(2)}x | ${median(
      s.map((x) => x.total),
    ).toFixed(1)} | ${s.map((x) => x.first.toFixed(0)).join(', ')} |`,
  );
});
const ours = median(samples[1].map((s) => s.first)) / rawFirst;
console.log(`\nTarget: <= ${TARGET_RATIO}x a raw worker's round trip — ${ours <= TARGET_RATIO ? 'PASS' : 'FAIL'} (${ours.toFixed(2)}x)`);
