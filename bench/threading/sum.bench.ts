// Benchmark: the sum of 100,000,000 float64 in one SharedArray, main thread vs parallelFor on 2 workers, with RSS to show no copy.
// Run: node --import tsx bench/threading/sum.bench.ts   (SUM_LENGTH=… for a smaller array)
import { median } from '../../src/bench/stats.js';
import { Worker } from 'node:worker_threads';
import { InterpreterPoolExecutor, task } from '../../src/futures/index.js';
import { SharedArray, parallelFor } from '../../src/threading/index.js';
import { twoThreadScaling } from './shared-machine-check.js';
import { type sumChunk, sumView } from './shared-kernels.js';

const LENGTH = Number(process.env.SUM_LENGTH ?? 100_000_000);
const RUNS = 7;
const WORKERS = 2;
/** Issue #6's target: 2 workers at least 1.8× the main thread. */
const TARGET_SPEEDUP = 1.8;
/** "Memory stays flat": RSS may grow by the workers' own isolates, never by a copy of the data. */
const MAX_RSS_GROWTH_FRACTION = 0.25;

const kernel = task<typeof sumChunk>(new URL('./shared-kernels.ts', import.meta.url), 'sumChunk');
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const data = SharedArray.create('float64', LENGTH);
const view = data.view;
// Deterministic values in [0, 1) from a multiplicative hash: cheap to fill, not a constant the JIT could fold.
for (let i = 0; i < LENGTH; i++) view[i] = (Math.imul(i, 0x9e3779b1) >>> 0) / 4294967296;
const dataBytes = LENGTH * 8;

const rssBefore = process.memoryUsage().rss;
const pool = new InterpreterPoolExecutor({ maxWorkers: WORKERS });
// Start the workers and load the kernel (its JIT warms on the real data) before timing.
await parallelFor(data, kernel, { executor: pool });
const rssWithWorkers = process.memoryUsage().rss;
sumView(view);

/**
 * The machine's own ceiling for this loop, with no ts314 code: two raw worker_threads each sum one
 * half of the same SharedArrayBuffer with the same loop. A float64 sum streams memory, so two
 * threads also share the VM's memory bandwidth; this row shows how much of it two threads get.
 */
const RAW_SOURCE = `const { parentPort } = require('node:worker_threads');
${sumView.toString()}
parentPort.on('message', ({ buffer, offset, length }) => parentPort.postMessage(sumView(new Float64Array(buffer, offset, length))));`;
const rawWorkers = [new Worker(RAW_SOURCE, { eval: true }), new Worker(RAW_SOURCE, { eval: true })];
const halves = data.chunks(WORKERS);
const rawSum = (): Promise<number[]> =>
  Promise.all(
    rawWorkers.map(
      (worker, i) =>
        new Promise<number>((resolve) => {
          worker.once('message', resolve);
          worker.postMessage({ buffer: data.buffer, offset: halves[i]!.byteOffset, length: halves[i]!.length });
        }),
    ),
  );
await rawSum();

const sequentialTimes: number[] = [];
const parallelTimes: number[] = [];
const rawTimes: number[] = [];
let sequentialSum = 0;
let parallelSum = 0;
for (let run = 0; run < RUNS; run++) {
  const sequentialFirst = run % 2 === 0;
  for (const which of sequentialFirst ? ['seq', 'par', 'raw'] : ['raw', 'par', 'seq']) {
    const started = performance.now();
    if (which === 'raw') {
      const parts = await rawSum();
      if (!Object.is(parts[0]! + parts[1]!, parallelSum) && run > 0) throw new Error('raw workers and parallelFor disagree');
      rawTimes.push(performance.now() - started);
    } else if (which === 'seq') {
      sequentialSum = sumView(view);
      sequentialTimes.push(performance.now() - started);
    } else {
      const parts = await parallelFor(data, kernel, { executor: pool, chunks: WORKERS });
      parallelSum = parts[0]! + parts[1]!;
      parallelTimes.push(performance.now() - started);
    }
  }
}
const rssAfter = process.memoryUsage().rss;
await pool.shutdown();
await Promise.all(rawWorkers.map((worker) => worker.terminate()));

// Exactness: the same chunks summed on the main thread in the same order must give the same bits.
const chunkedOnMain = data.chunks(WORKERS).reduce((total, chunk) => total + sumView(chunk.view), 0);
const exact = Object.is(chunkedOnMain, parallelSum);
const relativeDifference = Math.abs(parallelSum - sequentialSum) / Math.abs(sequentialSum);

const seq = median(sequentialTimes);
const par = median(parallelTimes);
const speedup = seq / par;
const rawSpeedup = seq / median(rawTimes);
const growth = rssAfter - rssBefore;
const flat = growth < dataBytes * MAX_RSS_GROWTH_FRACTION;
const scaling = await twoThreadScaling();
const lines = [
  `### Parallel sum of ${LENGTH.toLocaleString('en-US')} float64 in one SharedArray (${mib(dataBytes)}; median of ${RUNS} runs, order alternated)`,
  '',
  '| configuration | time (ms) | speedup | sum |',
  '|---|---:|---:|---|',
  `| main thread, one loop | ${seq.toFixed(1)} | 1.00× | ${sequentialSum} |`,
  `| parallelFor, ${WORKERS} workers × 1 chunk | ${par.toFixed(1)} | ${speedup.toFixed(2)}× | ${parallelSum} |`,
  `| ceiling: 2 raw worker_threads, same loop, no ts314 | ${median(rawTimes).toFixed(1)} | ${rawSpeedup.toFixed(2)}× | (same bits) |`,
  '',
  `parallelFor reaches ${((100 * speedup) / rawSpeedup).toFixed(0)}% of the raw two-thread ceiling.`,
  '',
  `Exactness: the parallel sum equals the same two chunks summed and combined on the main thread ${exact ? 'bit for bit' : 'NOT bit for bit'}; ` +
    `against the single sequential loop (a different order of additions) the relative difference is ${relativeDifference.toExponential(2)}.`,
  '',
  `RSS: ${mib(rssBefore)} after filling the array (before any worker), ${mib(rssWithWorkers)} with ${WORKERS} workers started, ` +
    `${mib(rssAfter)} after ${RUNS + 1} parallel sums: +${mib(growth)} in all (workers' own isolates), against ${mib(dataBytes)} that a copy would add per worker.`,
  '',
  `Machine check after the runs: two independent threads ran ${scaling.toFixed(2)}× one (2.00 on two idle cores; lower means other load, and caps the speedup above).`,
  '',
  `**${speedup >= TARGET_SPEEDUP && flat && exact ? 'PASS' : 'FAIL'}**: ${speedup.toFixed(2)}× with ${WORKERS} workers (target ≥ ${TARGET_SPEEDUP}×); ` +
    `memory ${flat ? 'flat' : 'NOT flat'} (RSS growth ${mib(growth)}; limit ${(MAX_RSS_GROWTH_FRACTION * 100).toFixed(0)}% of the data = ${mib(dataBytes * MAX_RSS_GROWTH_FRACTION)}); sums ${exact ? 'exact' : 'NOT exact'}.`,
];
console.log(lines.join('\n'));
