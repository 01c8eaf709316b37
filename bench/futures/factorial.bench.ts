// The seed's workload: BigInt factorial of 10000..10999 — InterpreterPoolExecutor (2 workers) vs sequential.
import { Worker } from 'node:worker_threads';
import { InterpreterPoolExecutor, task } from '../../src/futures/index.js';
import { checksum, factorial, factorialNaive, oddProduct, popcount } from './workloads.js';
import { median } from '../../src/bench/stats.js';

const FIRST = 10_000;
const COUNT = 1_000;
const WORKERS = 2;
const RUNS = 5;
/** The target on a 2-core machine. */
const TARGET_SPEEDUP = 1.8;

const inputs = Array.from({ length: COUNT }, (_, i) => FIRST + i);
const remoteFactorial = task<typeof factorial>(new URL('./workloads.ts', import.meta.url), 'factorial');
const pool = new InterpreterPoolExecutor({ maxWorkers: WORKERS });

function sequential(): number {
  let sum = 0;
  for (const n of inputs) sum += checksum(factorial(n));
  return sum;
}

async function parallel(): Promise<number> {
  const futures = inputs.map((n) => pool.submit(remoteFactorial, n));
  let sum = 0;
  for (const value of await Promise.all(futures)) sum += checksum(value);
  return sum;
}

for (const n of [0, 1, 2, 3, 10, 100, 1000, 2047]) if (factorial(n) !== factorialNaive(n)) throw new Error(`factorial(${n}) is wrong`);
// Warm-up: both workers started and the module loaded; the main thread's JIT warmed alike.
const expected = sequential();
if ((await parallel()) !== expected) throw new Error('parallel and sequential results differ');
const seqTimes: number[] = [];
const parTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  // Alternate which goes first so neither always inherits the other's garbage.
  for (const which of run % 2 === 0 ? ['seq', 'par'] : ['par', 'seq']) {
    const start = performance.now();
    const sum = which === 'seq' ? sequential() : await parallel();
    const elapsed = performance.now() - start;
    if (sum !== expected) throw new Error(`${which} returned ${sum}, expected ${expected}`);
    (which === 'seq' ? seqTimes : parTimes).push(elapsed);
  }
}
await pool.shutdown();

/**
 * The machine's own ceiling for this workload, with no pool: the same factorials split statically
 * (even/odd inputs) over two raw worker_threads started from source, results posted back and
 * checksummed the same way. A pool can only lose to this, never beat it by design.
 */
async function rawTwoWorkerSplit(): Promise<number[]> {
  const source = `const __name = (f) => f; ${oddProduct}; ${popcount}; ${factorial};
    const { parentPort } = require('node:worker_threads');
    parentPort.on('message', (ns) => parentPort.postMessage(ns.map((n) => factorial(n))));`;
  const workers = [new Worker(source, { eval: true }), new Worker(source, { eval: true })];
  const halves = [inputs.filter((_, i) => i % 2 === 0), inputs.filter((_, i) => i % 2 === 1)];
  const run = (w: Worker, ns: number[]): Promise<bigint[]> =>
    new Promise((resolve) => {
      w.once('message', resolve);
      w.postMessage(ns);
    });
  const once = async (): Promise<number> => {
    const parts = await Promise.all(workers.map((w, i) => run(w, halves[i]!)));
    let sum = 0;
    for (const part of parts) for (const value of part) sum += checksum(value);
    return sum;
  };
  if ((await once()) !== expected) throw new Error('raw split returned a wrong checksum');
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    if ((await once()) !== expected) throw new Error('raw split returned a wrong checksum');
    times.push(performance.now() - start);
  }
  await Promise.all(workers.map((w) => w.terminate()));
  return times;
}
const rawTimes = await rawTwoWorkerSplit();
const rawSpeedup = median(seqTimes) / median(rawTimes);

const speedup = median(seqTimes) / median(parTimes);
console.log(`### BigInt factorial of ${FIRST}..${FIRST + COUNT - 1} (${COUNT} tasks, binary-splitting factorial, median of ${RUNS})\n`);
console.log('| run | median ms | all runs ms |');
console.log('|---|---:|---|');
console.log(`| sequential (main thread) | ${median(seqTimes).toFixed(1)} | ${seqTimes.map((t) => t.toFixed(0)).join(', ')} |`);
console.log(
  `| InterpreterPoolExecutor, ${WORKERS} workers | ${median(parTimes).toFixed(1)} | ${parTimes.map((t) => t.toFixed(0)).join(', ')} |`,
);
console.log(
  `\nSpeed-up ${speedup.toFixed(2)}x; target >= ${TARGET_SPEEDUP}x — ${speedup >= TARGET_SPEEDUP ? 'PASS' : 'FAIL'} (checksum ${expected})`,
);
console.log(
  `\nCeiling without a pool: the same factorials split even/odd over 2 raw worker_threads: ${median(rawTimes).toFixed(1)} ms ` +
    `(${rawTimes.map((t) => t.toFixed(0)).join(', ')}), ${rawSpeedup.toFixed(2)}x sequential. ` +
    `The pool reaches ${((speedup / rawSpeedup) * 100).toFixed(0)}% of that.`,
);
