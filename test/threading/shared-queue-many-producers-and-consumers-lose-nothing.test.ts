import { test } from 'node:test';
import assert from 'node:assert/strict';
import { task } from '../../src/futures/index.js';
import { create } from '../../src/interpreters/index.js';
import { SharedArray, SharedQueue } from '../../src/threading/index.js';
import type * as Kernels from './fixtures/shared-kernels.js';

const kernels = new URL('./fixtures/shared-kernels.ts', import.meta.url);
const PRODUCERS = 4;
const PER_PRODUCER = 50_000;

test('4 producer workers × 50,000 numbers through a small queue reach 2 consumers exactly once each', async () => {
  // One interpreter per producer and consumer: blocking tasks that wait on each other must never
  // share a thread (a pool may queue them behind one another).
  const interps = Array.from({ length: PRODUCERS + 2 }, () => create());
  // A small ring forces producers to block on a full queue and the ring to wrap thousands of times.
  const q = new SharedQueue(1024);
  const seen = SharedArray.create('int32', PRODUCERS * PER_PRODUCER);
  try {
    const consumers = [1, 256].map((batch, i) =>
      interps[i]!.call(task<typeof Kernels.consume>(kernels, 'consume'), q, seen, PER_PRODUCER, batch),
    );
    // Two producers put one number at a time, two put batches of 1000.
    const producers = Array.from({ length: PRODUCERS }, (_, id) =>
      interps[2 + id]!.call(task<typeof Kernels.produce>(kernels, 'produce'), q, id, PER_PRODUCER, id < 2 ? 1 : 1000),
    );
    assert.deepEqual(await Promise.all(producers), Array(PRODUCERS).fill(PER_PRODUCER));
    q.shutdown();
    const counts = await Promise.all(consumers);
    assert.equal(counts[0]! + counts[1]!, PRODUCERS * PER_PRODUCER, 'every number was got');
    let lost = 0;
    let duplicated = 0;
    for (const mark of seen.view) {
      if (mark === 0) lost++;
      else if (mark > 1) duplicated++;
    }
    assert.equal(lost, 0, 'no number lost');
    assert.equal(duplicated, 0, 'no number got twice');
  } finally {
    for (const interp of interps) interp.close();
  }
});
