// The hybrid demo's worker functions: CPU work in the interpreter, I/O (HTTP to the demo's loopback server) overlapped.
import { factorial } from '../../bench/workloads/factorial.js';

/** Runs fn over items with at most `limit` in flight: a ThreadPoolExecutor(max_workers=limit) for I/O. */
async function limited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** GET base/delay/<seconds>: the notebook's httpbin call or time.sleep, as real loopback I/O. */
async function delay(base: string, seconds: number): Promise<string> {
  const response = await fetch(`${base}/delay/${seconds}`);
  const body = await response.text();
  return `Status: ${response.status}, Length: ${body.length}`;
}

function digits(n: bigint): number {
  return n.toString(16).length;
}

/** cpu_intensive_task: sum(factorial(i) for i in range(n, n + 10)). */
function cpuTask(n: number): number {
  let sum = 0n;
  for (let i = n; i < n + 10; i++) sum += factorial(i);
  return digits(sum);
}

/** hybrid_worker: I/O requests in flight two at a time while this interpreter computes its CPU tasks. */
export async function hybridWorker(cpuTasks: readonly (readonly [number, number])[], urls: readonly number[], base: string) {
  const io = limited(urls, 2, (seconds) => delay(base, seconds));
  const results: Record<string, number | string> = {};
  for (const [id, n] of cpuTasks) results[`cpu_${id}`] = cpuTask(n);
  (await io).forEach((r, i) => {
    results[`io_${i}_${urls[i]}`] = r;
  });
  return results;
}

/** Pattern 1, pipeline_worker: compute the batch, then save each result with three saves in flight. */
export async function pipelineWorker(batch: readonly number[], base: string) {
  const processed = batch.map((item) => digits(factorial(item)) + (item * (item - 1)) / 2);
  const saves = await limited(processed, 3, () => delay(base, 0.1));
  return [processed.length, saves.length] as const;
}

/** Pattern 2, producer_consumer_worker: a producer computes factorial(50 + i), a consumer does I/O per item, queue of 5. */
export async function producerConsumerWorker(base: string, queueSize = 5) {
  const queue: string[] = [];
  const results: string[] = [];
  let produced = false;
  let wake: (() => void) | undefined;
  let space: (() => void) | undefined;
  const consumer = (async () => {
    while (!produced || queue.length > 0) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      const item = queue.shift()!;
      space?.();
      await delay(base, 0.05);
      results.push(`processed_${item}`);
    }
  })();
  for (let i = 0; i < 10; i++) {
    while (queue.length >= queueSize) {
      await new Promise<void>((resolve) => {
        space = resolve;
      });
    }
    queue.push(`factorial_${i}: ${digits(factorial(50 + i))} hex digits`);
    wake?.();
  }
  produced = true;
  wake?.();
  await consumer;
  return results;
}

/** Pattern 3, nested_parallel_worker: even items are CPU tasks, odd items network calls, two lanes each. */
export async function nestedWorker(items: readonly number[], base: string) {
  const io = limited(
    items.filter((i) => i % 2 === 1),
    2,
    (item) => delay(base, 0.1).then(() => `network_result_${item}`),
  );
  const cpu = items.filter((i) => i % 2 === 0).map((i) => digits(factorial(i)));
  return { cpu, io: await io };
}

/** The comparison's CPU-only task: [factorial(min(x, 15)) for x in chunk]. */
export function pureCpu(chunk: readonly number[]): number[] {
  return chunk.map((x) => Number(factorial(Math.min(x, 15))));
}

/** data_processing_pipeline: transform each chunk (CPU), then save every item with three saves in flight. */
export async function dataProcessingPipeline(chunks: readonly (readonly number[])[], base: string) {
  const out: { chunkSize: number; savesCompleted: number }[] = [];
  for (const chunk of chunks) {
    const transformed = chunk.map((item) => {
      let squares = 0;
      for (let i = 0; i < item; i++) squares += i * i;
      return { original: item, factorial: Number(factorial(Math.min(item, 20))), squares, processedAt: Date.now() };
    });
    const saves = await limited(transformed, 3, () => delay(base, 0.05));
    out.push({ chunkSize: transformed.length, savesCompleted: saves.length });
  }
  return out;
}
