// The hybrid demo: notebook 001's CPU-in-interpreters, I/O-overlapped patterns against a loopback HTTP server it starts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asCompleted, InterpreterPoolExecutor, ThreadPoolExecutor, type Future } from '../futures/index.js';
import {
  type dataProcessingPipeline,
  type hybridWorker,
  type nestedWorker,
  type pipelineWorker,
  type producerConsumerWorker,
  pureCpu,
} from './kernels/hybrid.js';
import { kernelTask } from './kernels/locate.js';
import { resolveOptions, since, type DemoOptions } from './options.js';

/**
 * The notebook's delays (httpbin's /delay/1 and /delay/2, time.sleep(0.1) and (0.05)) run at this
 * fraction of their length, so the demo takes seconds, not a minute; the pattern is the same.
 */
export const DELAY_SCALE = 0.05;

export interface HybridRow {
  readonly pattern: string;
  /** What ran where, in a few words. */
  readonly shape: string;
  readonly ms: number;
  /** How many results came back (the notebook prints this for the first pattern). */
  readonly results: number;
}

export interface HybridResult {
  readonly demo: 'hybrid';
  readonly delayScale: number;
  /** Requests the loopback server answered. */
  readonly requests: number;
  readonly rows: readonly HybridRow[];
  /** The notebook's comparison: pure interpreters, pure threads, hybrid. */
  readonly comparison: { readonly interpretersMs: number; readonly threadsMs: number; readonly hybridMs: number };
}

/** A loopback server answering GET /delay/<seconds> after seconds × DELAY_SCALE, as httpbin would after the full delay. */
async function startServer(): Promise<{ server: Server; base: string; count: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const match = /^\/delay\/(\d+(?:\.\d+)?)$/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end('not found');
      return;
    }
    setTimeout(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ delay: Number(match[1]) })),
      Number(match[1]) * DELAY_SCALE * 1000,
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, count: () => requests };
}

/** Waits for futures in completion order, as the notebook's as_completed loops do. */
async function collect<T>(futures: Future<T>[]): Promise<T[]> {
  const out: T[] = [];
  for await (const done of asCompleted(futures)) out.push((await done.result()) as T);
  return out;
}

/** Times `body` with a fresh InterpreterPoolExecutor of `workers` (start-up included, as the notebook's `with` block). */
async function timedPool<T>(workers: number, body: (pool: InterpreterPoolExecutor) => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const pool = new InterpreterPoolExecutor({ maxWorkers: workers });
  try {
    const value = await body(pool);
    return { ms: since(start), value };
  } finally {
    await pool.shutdown({ wait: true });
  }
}

/**
 * Notebook 001's hybrid cells against a local HTTP server (no internet): CPU tasks run in
 * interpreters while their I/O requests are in flight; then the pipeline, producer–consumer and
 * nested patterns, and the notebook's comparison of pure interpreters, pure threads and hybrid.
 * @example
 * const r = await hybrid({ quick: true });
 * for (const row of r.rows) console.log(row.pattern, row.ms.toFixed(0), 'ms');
 */
export async function hybrid(options: DemoOptions = {}): Promise<HybridResult> {
  const o = resolveOptions(options, 'hybrid()');
  const { server, base, count } = await startServer();
  const task = <F extends (...args: never[]) => unknown>(name: string) => kernelTask<F>('hybrid', name);
  try {
    const rows: HybridRow[] = [];
    o.progress('hybrid workers');
    const cpuWork = Array.from({ length: 10 }, (_, i) => [i, 100 + i * 5] as const);
    const ioWork = [1, 2, 1, 2];
    const n = 3;
    const basic = await timedPool(n, (pool) =>
      collect(
        Array.from({ length: n }, (_, i) =>
          pool.submit(
            task<typeof hybridWorker>('hybridWorker'),
            cpuWork.filter((_, k) => k % n === i),
            ioWork.filter((_, k) => k % n === i),
            base,
          ),
        ),
      ),
    );
    const total = basic.value.reduce((s, r) => s + Object.keys(r).length, 0);
    rows.push({ pattern: 'hybrid', shape: '3 interpreters: 10 CPU tasks + 4 requests', ms: basic.ms, results: total });
    o.progress('pipeline');
    const pipeline = await timedPool(2, (pool) =>
      collect(
        Array.from({ length: 3 }, (_, i) =>
          pool.submit(
            task<typeof pipelineWorker>('pipelineWorker'),
            Array.from({ length: 10 }, (_, k) => 100 + i * 10 + k),
            base,
          ),
        ),
      ),
    );
    rows.push({
      pattern: 'pipeline',
      shape: '2 interpreters, 3 batches; 3 saves in flight each',
      ms: pipeline.ms,
      results: pipeline.value.length,
    });
    o.progress('producer-consumer');
    const pc = await timedPool(2, (pool) =>
      collect([0, 1].map(() => pool.submit(task<typeof producerConsumerWorker>('producerConsumerWorker'), base))),
    );
    rows.push({
      pattern: 'producer-consumer',
      shape: '2 interpreters, queue of 5',
      ms: pc.ms,
      results: pc.value.reduce((s, r) => s + r.length, 0),
    });
    o.progress('nested parallelism');
    const nested = await timedPool(2, (pool) =>
      collect(
        Array.from({ length: 3 }, (_, i) =>
          pool.submit(
            task<typeof nestedWorker>('nestedWorker'),
            Array.from({ length: 10 }, (_, k) => 10 + i * 5 + k),
            base,
          ),
        ),
      ),
    );
    rows.push({
      pattern: 'nested',
      shape: '2 interpreters, CPU and I/O lanes each',
      ms: nested.ms,
      results: nested.value.reduce((s, r) => s + r.cpu.length + r.io.length, 0),
    });
    o.progress('comparison');
    const data = Array.from({ length: 5 }, (_, i) => Array.from({ length: 20 }, (_, k) => 100 + i * 20 + k));
    const interp = await timedPool(3, (pool) => collect(data.map((chunk) => pool.submit(task<typeof pureCpu>('pureCpu'), chunk))));
    const start = performance.now();
    const threads = new ThreadPoolExecutor({ maxWorkers: 3 });
    await collect(data.map((chunk) => threads.submit(pureCpu, chunk)));
    await threads.shutdown({ wait: true });
    const threadsMs = since(start);
    const hybridRun = await timedPool(3, (pool) =>
      collect(data.map((chunk) => pool.submit(task<typeof dataProcessingPipeline>('dataProcessingPipeline'), [chunk], base))),
    );
    return {
      demo: 'hybrid',
      delayScale: DELAY_SCALE,
      requests: count(),
      rows,
      comparison: { interpretersMs: interp.ms, threadsMs, hybridMs: hybridRun.ms },
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
