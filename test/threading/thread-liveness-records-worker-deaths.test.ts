import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { create, task } from '../../src/interpreters/index.js';
import { isThreadMarkedDead, LIVENESS_SLOTS } from '../../src/internal/thread-liveness.js';
import { watchWorker } from '../../src/threading/index.js';
import type * as Kernels from './fixtures/primitives-kernels.js';

const kernels = new URL('./fixtures/primitives-kernels.ts', import.meta.url);

test('the exit of every ts314 worker is recorded; live workers are not', async () => {
  const live = create();
  const closing = create();
  const id = closing.id;
  assert.equal(isThreadMarkedDead(id), false);
  await closing.close();
  assert.equal(isThreadMarkedDead(id), true);
  assert.equal(isThreadMarkedDead(live.id), false);
  assert.equal(isThreadMarkedDead(0), false, 'the main thread is never dead to its own process');
  await live.close();
});

test('watchWorker records the death of a Worker ts314 did not start', async () => {
  const worker = watchWorker(new Worker('process.exit(0)', { eval: true }));
  const id = worker.threadId;
  await new Promise((resolve) => worker.once('exit', resolve));
  assert.equal(isThreadMarkedDead(id), true);
});

test('a death recorded inside a worker is seen by the main thread: one record for the whole process', async () => {
  await using w = create();
  const fake = LIVENESS_SLOTS * 3 + 17;
  assert.equal(await w.call(task<typeof Kernels.markDeadFromWorker>(kernels, 'markDeadFromWorker'), fake), true);
  assert.equal(isThreadMarkedDead(fake), true);
  assert.equal(isThreadMarkedDead(fake - LIVENESS_SLOTS), false, 'a slot names its thread exactly');
});
