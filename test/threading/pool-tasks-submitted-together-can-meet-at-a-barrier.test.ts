import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InterpreterPoolExecutor, task } from '../../src/futures/index.js';
import { Barrier } from '../../src/threading/index.js';
import type * as Kernels from './fixtures/primitives-kernels.js';

const barrierWaitReport = task<typeof Kernels.barrierWaitReport>(
  new URL('./fixtures/primitives-kernels.ts', import.meta.url),
  'barrierWaitReport',
);

// As in Python's executors, a task that finds no idle worker starts a new one: tasks submitted in one
// go to a fresh pool run side by side, so tasks that wait for each other do not deadlock in a batch.
for (const parties of [2, 4]) {
  test(`a fresh pool of ${parties}: ${parties} tasks submitted together all pass a Barrier(${parties})`, async () => {
    const pool = new InterpreterPoolExecutor({ maxWorkers: parties });
    try {
      const barrier = new Barrier(parties);
      const reports = await Promise.all(Array.from({ length: parties }, () => pool.submit(barrierWaitReport, barrier, 10_000)));
      assert.deepEqual(
        reports.map((r) => r.outcome).sort(),
        Array.from({ length: parties }, (_, i) => `passed ${i}`),
      );
    } finally {
      await pool.shutdown();
    }
  });
}
