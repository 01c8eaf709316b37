// Worker-side kernels of the threading benchmarks: a float64 sum and the queue producers/consumers.
import type { SharedArray } from '../../src/threading/index.js';
import { SharedQueueShutDown, type SharedQueue } from '../../src/threading/index.js';
import type { Queue } from '../../src/interpreters/index.js';

/** The one summation loop, used by the sequential run and by every chunk: the same order of additions. */
export function sumView(view: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < view.length; i++) sum += view[i]!;
  return sum;
}

/** parallelFor kernel: the sum of one chunk of a shared float64 array. */
export function sumChunk(chunk: SharedArray<'float64'>): number {
  return sumView(chunk.view);
}

/** Producer: puts 0..n-1 one at a time; returns their sum. */
export function produceEach(q: SharedQueue, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    q.put(i);
    sum += i;
  }
  return sum;
}

/** Consumer: gets n numbers one at a time; returns their sum. */
export function consumeEach(q: SharedQueue, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += q.get();
  return sum;
}

/** Producer: putMany in batches of `batch`; returns the sum. */
export function produceBatches(q: SharedQueue, n: number, batch: number): number {
  const buffer = new Float64Array(batch);
  let sum = 0;
  for (let i = 0; i < n; i += batch) {
    const size = Math.min(batch, n - i);
    for (let j = 0; j < size; j++) {
      buffer[j] = i + j;
      sum += i + j;
    }
    q.putMany(size === batch ? buffer : buffer.subarray(0, size));
  }
  return sum;
}

/** Consumer: getInto a reused buffer until shutdown; returns the sum and count. */
export function consumeUntilShutDown(q: SharedQueue, batch: number): { sum: number; count: number } {
  const buffer = new Float64Array(batch);
  let sum = 0;
  let count = 0;
  for (;;) {
    let got: number;
    try {
      got = q.getInto(buffer);
    } catch (error) {
      if (error instanceof SharedQueueShutDown) return { sum, count };
      throw error;
    }
    for (let j = 0; j < got; j++) sum += buffer[j]!;
    count += got;
  }
}

/** Producer for ts314/interpreters' Queue: one awaited put per number. */
export async function produceInterpQueue(q: Queue<number>, n: number): Promise<number> {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    await q.putAsync(i);
    sum += i;
  }
  return sum;
}

export async function consumeInterpQueue(q: Queue<number>, n: number): Promise<number> {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += await q.getAsync();
  return sum;
}
