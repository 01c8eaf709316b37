import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

const PER_WORKER = 500_000;

function compareAt(a: Uint8Array, i: number, b: Uint8Array, j: number): number {
  for (let k = 0; k < 16; k++) {
    const d = a[i * 16 + k]! - b[j * 16 + k]!;
    if (d !== 0) return d;
  }
  return 0;
}

test('2 worker threads × 500,000 concurrent uuid7s: all 1,000,000 distinct', async () => {
  const buffers = [new SharedArrayBuffer(PER_WORKER * 16), new SharedArrayBuffer(PER_WORKER * 16)];
  // Node 20 does not carry tsx's hooks into workers: a data: URL bootstrap registers tsx, then imports the .ts entry.
  const entry = new URL('./fixtures/uuid7-worker.ts', import.meta.url).href;
  const boot = `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); await import(${JSON.stringify(entry)});`;
  const barrier = new SharedArrayBuffer(4);
  const workers = buffers.map(
    (buffer) =>
      new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
        workerData: { buffer, count: PER_WORKER, barrier, parties: buffers.length },
      }),
  );
  // A worker that throws rejects `once(w, 'message')` with its error instead of hanging the test.
  await Promise.all(workers.map((w) => once(w, 'message')));
  await Promise.all(workers.map((w) => w.terminate()));
  const [a, b] = buffers.map((buffer) => new Uint8Array(buffer)) as [Uint8Array, Uint8Array];
  // Each worker's sequence is strictly increasing (so unique within the worker) ...
  for (const ids of [a, b]) {
    for (let i = 1; i < PER_WORKER; i++) if (compareAt(ids, i, ids, i - 1) <= 0) assert.fail(`worker sequence not increasing at ${i}`);
  }
  // ... so one merge pass over the two sorted sequences finds any ID the workers share.
  let i = 0;
  let j = 0;
  while (i < PER_WORKER && j < PER_WORKER) {
    const d = compareAt(a, i, b, j);
    if (d === 0) assert.fail(`collision: worker 0 #${i} equals worker 1 #${j}`);
    if (d < 0) i++;
    else j++;
  }
  // The workers really ran at the same time: their millisecond ranges overlap.
  const ms = (ids: Uint8Array, k: number) => ids.subarray(k * 16, k * 16 + 6).reduce((acc, byte) => acc * 256 + byte, 0);
  const last = PER_WORKER - 1;
  assert.ok(ms(a, 0) <= ms(b, last) && ms(b, 0) <= ms(a, last), 'the workers did not overlap in time: concurrency was not exercised');
  for (const ids of [a, b]) for (let k = 0; k < PER_WORKER; k += 9973) assert.equal(ids[k * 16 + 6]! >> 4, 7);
});
