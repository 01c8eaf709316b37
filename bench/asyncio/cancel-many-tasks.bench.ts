// Cancelling N sleeping ts314 tasks (each cancel() finds and interrupts the sleep the task is in) against aborting N of
// Node's own abortable timers, for growing N: the time per task should stay flat.
// Run: node --import tsx bench/asyncio/cancel-many-tasks.bench.ts
import { setTimeout as abortableDelay } from 'node:timers/promises';
import { createTask, sleep } from '../../src/asyncio/index.js';
import { median } from '../../src/bench/stats.js';

const SIZES = (process.env.SIZES ?? '10000,20000,40000,80000').split(',').map(Number);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const LONG_MS = 600_000;

/** ms from the first cancel() until every task has ended cancelled. */
async function cancelTasks(n: number): Promise<number> {
  const tasks = new Array(n);
  for (let i = 0; i < n; i++) tasks[i] = createTask(() => sleep(LONG_MS));
  await sleep(0);
  const start = performance.now();
  for (const task of tasks) task.cancel();
  await Promise.allSettled(tasks);
  return performance.now() - start;
}

/** The reference: ms from aborting N signals until every one of N abortable Node timers has rejected. */
async function abortTimers(n: number): Promise<number> {
  const controllers = new Array<AbortController>(n);
  const waits = new Array<Promise<unknown>>(n);
  for (let i = 0; i < n; i++) {
    controllers[i] = new AbortController();
    waits[i] = abortableDelay(LONG_MS, undefined, { signal: controllers[i]!.signal });
  }
  await new Promise((resolve) => setImmediate(resolve));
  const start = performance.now();
  for (const controller of controllers) controller.abort();
  await Promise.allSettled(waits);
  return performance.now() - start;
}

console.log(
  `Command: \`node --import tsx bench/asyncio/cancel-many-tasks.bench.ts\` (Node ${process.versions.node}, median of ${ROUNDS} rounds, order alternated)\n`,
);
console.log(
  '| sleeping tasks | ts314 `cancel()` each | µs per task | Node: `abort()` each abortable timer | µs per timer | ts314 / Node |',
);
console.log('|---:|---:|---:|---:|---:|---:|');
for (const n of SIZES) {
  await cancelTasks(Math.min(n, 2_000));
  await abortTimers(Math.min(n, 2_000));
  const ours: number[] = [];
  const node: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      ours.push(await cancelTasks(n));
      node.push(await abortTimers(n));
    } else {
      node.push(await abortTimers(n));
      ours.push(await cancelTasks(n));
    }
  }
  const [a, b] = [median(ours), median(node)];
  console.log(
    `| ${n.toLocaleString('en')} | ${a.toFixed(0)} ms | ${((a * 1000) / n).toFixed(1)} | ${b.toFixed(0)} ms | ${((b * 1000) / n).toFixed(1)} | ${(a / b).toFixed(2)}× |`,
  );
}
