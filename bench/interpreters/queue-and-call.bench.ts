// Benchmark: Queue streaming and call() round trips between interpreters, against raw postMessage.
// Run: node --import tsx bench/interpreters/queue-and-call.bench.ts
import { Worker } from 'node:worker_threads';
import { create, createQueue, type Queue } from '../../src/interpreters/index.js';
import { median } from '../../src/bench/stats.js';

const ITEMS = 50_000;
const CALLS = 2_000;
const RUNS = 5;

/** A bare worker that answers each message with x + 1, or streams n items on request. */
const RAW_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.stream) { for (let i = 0; i < m.stream; i++) parentPort.postMessage({ i, s: 'item' }); }
  else parentPort.postMessage(m.x + 1);
});
`;

async function rawStream(worker: Worker): Promise<number> {
  let sum = 0;
  let seen = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const onMessage = (m: { i: number }) => {
      sum += m.i;
      if (++seen === ITEMS) {
        worker.off('message', onMessage);
        resolve();
      }
    };
    worker.on('message', onMessage);
    worker.postMessage({ stream: ITEMS });
  });
  if (sum !== (ITEMS * (ITEMS - 1)) / 2) throw new Error('raw stream lost items');
  return performance.now() - started;
}

async function queueStream(interp: ReturnType<typeof create>, q: Queue<{ i: number; s: string }>): Promise<number> {
  const started = performance.now();
  const producing = interp.call(
    async (queue: Queue<{ i: number; s: string }>, n: number) => {
      for (let i = 0; i < n; i++) await queue.putAsync({ i, s: 'item' });
    },
    q,
    ITEMS,
  );
  let sum = 0;
  for (let seen = 0; seen < ITEMS; seen++) sum += (await q.getAsync()).i;
  await producing;
  if (sum !== (ITEMS * (ITEMS - 1)) / 2) throw new Error('queue stream lost items');
  return performance.now() - started;
}

async function rawCalls(worker: Worker): Promise<number> {
  const started = performance.now();
  let x = 0;
  for (let i = 0; i < CALLS; i++) {
    x = await new Promise<number>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage({ x });
    });
  }
  if (x !== CALLS) throw new Error('raw calls miscounted');
  return performance.now() - started;
}

async function interpreterCalls(interp: ReturnType<typeof create>): Promise<number> {
  const started = performance.now();
  let x = 0;
  for (let i = 0; i < CALLS; i++) x = await interp.call((v: number) => v + 1, x);
  if (x !== CALLS) throw new Error('interpreter calls miscounted');
  return performance.now() - started;
}

const worker = new Worker(RAW_WORKER, { eval: true });
await using interp = create();
const q = createQueue<{ i: number; s: string }>({ maxsize: 4096 });
// Warm both paths so the first timed run does not pay for compilation.
await rawStream(worker);
await queueStream(interp, q);
await rawCalls(worker);
await interpreterCalls(interp);

const times = { rawStream: [] as number[], queueStream: [] as number[], rawCalls: [] as number[], interpCalls: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  // Alternate which competitor goes first so neither always runs on a warmer machine.
  if (run % 2 === 0) {
    times.rawStream.push(await rawStream(worker));
    times.queueStream.push(await queueStream(interp, q));
    times.rawCalls.push(await rawCalls(worker));
    times.interpCalls.push(await interpreterCalls(interp));
  } else {
    times.queueStream.push(await queueStream(interp, q));
    times.rawStream.push(await rawStream(worker));
    times.interpCalls.push(await interpreterCalls(interp));
    times.rawCalls.push(await rawCalls(worker));
  }
}
await worker.terminate();

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString('en-US');
const rs = median(times.rawStream);
const qs = median(times.queueStream);
const rc = median(times.rawCalls);
const ic = median(times.interpCalls);
console.log(
  `### ts314/interpreters (median of ${RUNS}, ${ITEMS.toLocaleString('en-US')} items / ${CALLS.toLocaleString('en-US')} calls)\n`,
);
console.log('| measure | ts314 | raw postMessage | ratio (ts314 / raw) |');
console.log('|---|---|---|---|');
console.log(
  `| stream interpreter → main (items/s) | ${perSecond(ITEMS, qs)} (Queue) | ${perSecond(ITEMS, rs)} | ${(rs / qs).toFixed(2)}× |`,
);
console.log(`| sequential call() round trips (calls/s) | ${perSecond(CALLS, ic)} | ${perSecond(CALLS, rc)} | ${(rc / ic).toFixed(2)}× |`);
console.log(
  `\nraw ms: queue ${times.queueStream.map((t) => t.toFixed(1)).join(', ')}; postMessage stream ${times.rawStream.map((t) => t.toFixed(1)).join(', ')}; call ${times.interpCalls.map((t) => t.toFixed(1)).join(', ')}; raw call ${times.rawCalls.map((t) => t.toFixed(1)).join(', ')}`,
);
console.log('(no target for these: informational; the pool targets are in the futures section)');
