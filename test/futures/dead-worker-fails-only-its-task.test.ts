import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BrokenExecutor, BrokenInterpreterPool, InterpreterPoolExecutor, task } from '../../src/futures/index.js';
import type { Death } from './fixtures/tasks.js';
import { tempDir } from '../helpers/temp-dir.js';

const fixtures = new URL('./fixtures/tasks.ts', import.meta.url);
const appendId = task<(file: string, id: number) => number>(fixtures, 'appendId');
const die = task<(how: Death, file: string, id: number) => Promise<never>>(fixtures, 'die');

/** Counts how many times each id was appended: the ground truth of what actually ran. */
function runsPerId(file: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line) counts.set(Number(line), (counts.get(Number(line)) ?? 0) + 1);
  return counts;
}

for (const how of ['exit', 'timer', 'oom'] as const) {
  test(`a worker killed by ${how} fails only its own task; every other task runs exactly once`, async () => {
    using dir = tempDir('futures-death');
    const file = dir.join('ran.txt');
    const pool = new InterpreterPoolExecutor({
      maxWorkers: 2,
      ...(how === 'oom' ? { resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 } } : {}),
    });
    try {
      const TASKS = 400;
      const DOOMED = 150;
      const futures = [];
      for (let id = 0; id < TASKS; id++) futures.push(id === DOOMED ? pool.submit(die, how, file, id) : pool.submit(appendId, file, id));
      const settled = await Promise.allSettled(futures);
      const doomed = settled[DOOMED]!;
      assert.equal(doomed.status, 'rejected');
      const error = (doomed as PromiseRejectedResult).reason as Error;
      assert.ok(error instanceof BrokenInterpreterPool, `expected BrokenInterpreterPool, got ${error}`);
      assert.ok(error instanceof BrokenExecutor);
      assert.match(error.message, /while running this task; the worker was replaced/);
      if (how === 'exit') assert.match(error.message, /exited with code 7/);
      if (how === 'timer') assert.equal((error.cause as Error).message, 'thrown from a timer');
      if (how === 'oom') assert.match(error.message, /ran out of memory/);
      settled.forEach((s, id) => {
        if (id !== DOOMED) assert.deepEqual(s, { status: 'fulfilled', value: id }, `task ${id}`);
      });
      const counts = runsPerId(file);
      assert.equal(counts.size, TASKS, 'every task ran');
      for (const [id, n] of counts) assert.equal(n, 1, `task ${id} ran ${n} times`);
      // The pool is still usable and back to full strength.
      assert.equal(await pool.submit((x: number) => x * 2, 21), 42);
    } finally {
      await pool.shutdown();
    }
  });
}

test('several workers dying while thousands of tiny batched tasks run: none lost, none run twice', async () => {
  using dir = tempDir('futures-batch-death');
  const file = dir.join('ran.txt');
  const pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  try {
    const TASKS = 3000;
    const doomed = new Set([100, 1500, 2900]);
    const futures = [];
    for (let id = 0; id < TASKS; id++) futures.push(doomed.has(id) ? pool.submit(die, 'exit', file, id) : pool.submit(appendId, file, id));
    const settled = await Promise.allSettled(futures);
    settled.forEach((s, id) => {
      if (doomed.has(id)) assert.ok(s.status === 'rejected' && s.reason instanceof BrokenInterpreterPool, `task ${id}`);
      else assert.deepEqual(s, { status: 'fulfilled', value: id }, `task ${id}`);
    });
    const counts = runsPerId(file);
    assert.equal(counts.size, TASKS);
    for (const [id, n] of counts) assert.equal(n, 1, `task ${id} ran ${n} times`);
  } finally {
    await pool.shutdown();
  }
});
