// Benchmark: numbers per second from one worker to another through SharedQueue, ts314/interpreters' Queue and postMessage.
// Run: node --import tsx bench/threading/queue.bench.ts
import { median } from '../../src/bench/stats.js';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { task } from '../../src/futures/index.js';
import { create, createQueue, type Interpreter } from '../../src/interpreters/index.js';
import { SharedQueue } from '../../src/threading/index.js';
import type * as Kernels from './shared-kernels.js';

const RUNS = 5;
const BATCH = 1024;
/** Items per run, per competitor: each run lasts roughly 50–500 ms on a 2-core machine. */
const ITEMS = { batched: 4_000_000, single: 400_000, interpQueue: 100_000, port: 400_000, portBatched: 4_000_000 } as const;

const kernels = new URL('./shared-kernels.ts', import.meta.url);
const k = <F extends (...args: never[]) => unknown>(name: string) => task<F>(kernels, name);

// Two interpreters (one worker thread each): producer and consumer always run at the same time.
const producer: Interpreter = create();
const consumer: Interpreter = create();

// postMessage runs between two plain worker threads joined by a MessageChannel (a MessagePort cannot
// be a call argument of an interpreter), producing and consuming the same numbers as the other rows.
const PORT_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ port, role, n, batch }) => {
  let sum = 0;
  if (role === 'produce') {
    if (batch === 1) for (let i = 0; i < n; i++) { port.postMessage(i); sum += i; }
    else for (let i = 0; i < n; i += batch) {
      const size = Math.min(batch, n - i);
      const chunk = new Float64Array(size);
      for (let j = 0; j < size; j++) { chunk[j] = i + j; sum += i + j; }
      port.postMessage(chunk, [chunk.buffer]);
    }
    port.close();
    parentPort.postMessage(sum);
  } else {
    let count = 0;
    port.on('message', (m) => {
      if (typeof m === 'number') { sum += m; count++; }
      else { for (let j = 0; j < m.length; j++) sum += m[j]; count += m.length; }
      if (count >= n) { port.close(); parentPort.postMessage(sum); }
    });
  }
});`;
const portWorkers = [new Worker(PORT_WORKER, { eval: true }), new Worker(PORT_WORKER, { eval: true })] as const;

function ask(worker: Worker, message: object, transfer: MessagePort[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    worker.once('message', (sum: number) => {
      worker.off('error', onError);
      resolve(sum);
    });
    worker.once('error', onError);
    worker.postMessage(message, transfer);
  });
}

async function portRun(n: number, batch: number): Promise<number> {
  const { port1, port2 } = new MessageChannel();
  const got = ask(portWorkers[1], { port: port2, role: 'consume', n, batch }, [port2]);
  await ask(portWorkers[0], { port: port1, role: 'produce', n, batch }, [port1]);
  return got;
}

type Competitor = { name: string; items: number; run: () => Promise<number> };
const expected = (n: number): number => (n * (n - 1)) / 2;

const competitors: Competitor[] = [
  {
    name: `SharedQueue putMany/getInto, batches of ${BATCH}`,
    items: ITEMS.batched,
    async run() {
      const q = new SharedQueue(16 * BATCH);
      const got = consumer.call(k<typeof Kernels.consumeUntilShutDown>('consumeUntilShutDown'), q, BATCH);
      await producer.call(k<typeof Kernels.produceBatches>('produceBatches'), q, ITEMS.batched, BATCH);
      q.shutdown();
      return (await got).sum;
    },
  },
  {
    name: 'SharedQueue put/get, one number at a time',
    items: ITEMS.single,
    async run() {
      const q = new SharedQueue(16 * BATCH);
      const got = consumer.call(k<typeof Kernels.consumeEach>('consumeEach'), q, ITEMS.single);
      await producer.call(k<typeof Kernels.produceEach>('produceEach'), q, ITEMS.single);
      return got;
    },
  },
  {
    name: 'ts314/interpreters Queue, awaited put/get per number',
    items: ITEMS.interpQueue,
    async run() {
      const q = createQueue<number>();
      const got = consumer.call(k<typeof Kernels.consumeInterpQueue>('consumeInterpQueue'), q, ITEMS.interpQueue);
      await producer.call(k<typeof Kernels.produceInterpQueue>('produceInterpQueue'), q, ITEMS.interpQueue);
      return got;
    },
  },
  {
    name: 'MessagePort postMessage per number',
    items: ITEMS.port,
    run: () => portRun(ITEMS.port, 1),
  },
  {
    name: `MessagePort postMessage, transferred Float64Array batches of ${BATCH}`,
    items: ITEMS.portBatched,
    run: () => portRun(ITEMS.portBatched, BATCH),
  },
];

const rates = new Map<string, number[]>(competitors.map((c) => [c.name, []]));
try {
  for (const c of competitors) await runOnce(c); // warm-up: loads the kernels and JIT-compiles them
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? competitors : [...competitors].reverse();
    for (const c of order) rates.get(c.name)!.push(await runOnce(c));
  }
} finally {
  producer.close();
  consumer.close();
  for (const worker of portWorkers) await worker.terminate();
}

async function runOnce(c: Competitor): Promise<number> {
  const started = performance.now();
  const sum = await c.run();
  const seconds = (performance.now() - started) / 1000;
  if (sum !== expected(c.items)) throw new Error(`${c.name}: lost or duplicated numbers (sum ${sum}, expected ${expected(c.items)})`);
  return c.items / seconds;
}

const base = median(rates.get(competitors[3]!.name)!);
const lines = [
  `### Numbers from one worker to another (median of ${RUNS} runs, order alternated; every sum checked)`,
  '',
  '| channel | items/s | vs postMessage per number |',
  '|---|---:|---:|',
  ...competitors.map((c) => {
    const rate = median(rates.get(c.name)!);
    return `| ${c.name} | ${Math.round(rate).toLocaleString('en-US')} | ${(rate / base).toFixed(2)}× |`;
  }),
  '',
  `Batched SharedQueue vs the interpreters Queue: ${(median(rates.get(competitors[0]!.name)!) / median(rates.get(competitors[2]!.name)!)).toFixed(1)}×.`,
];
console.log(lines.join('\n'));
