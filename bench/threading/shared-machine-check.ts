// How well this machine runs two threads at once right now: the ceiling for any 2-worker speedup.
import { Worker } from 'node:worker_threads';

const SPIN = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (n) => {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x + Math.imul(i, 2654435761)) | 0;
  parentPort.postMessage(x);
});`;

function run(worker: Worker, n: number): Promise<number> {
  return new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(n);
  });
}

/**
 * Times an independent integer loop on one thread, then on two at once (same work each), three
 * times, and returns the median of 2·t(one)/t(two): 2.0 on two idle cores, ~1.0 when other load
 * leaves one core's worth. Printed next to the results so a noisy run explains itself.
 */
export async function twoThreadScaling(iterations = 200_000_000): Promise<number> {
  const workers = [new Worker(SPIN, { eval: true }), new Worker(SPIN, { eval: true })] as const;
  try {
    await Promise.all(workers.map((w) => run(w, 1_000_000)));
    const ratios: number[] = [];
    for (let round = 0; round < 3; round++) {
      let started = performance.now();
      await run(workers[0], iterations);
      const one = performance.now() - started;
      started = performance.now();
      await Promise.all(workers.map((w) => run(w, iterations)));
      ratios.push((2 * one) / (performance.now() - started));
    }
    return ratios.sort((a, b) => a - b)[1]!;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
