// Cancelling thousands of sleeping tasks (a loop of cancel(), a failing TaskGroup, a cancelled gather) costs time linear in the tasks.
// test: serial — it compares the times of two sizes, which other test files on the same cores would skew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, createTask, gather, sleep, type Task, TaskGroup } from '../../src/asyncio/index.js';

/** N tasks, each sleeping in a ts314 await (so cancel() must find and interrupt that await). */
async function sleepingTasks(n: number): Promise<Task<void>[]> {
  const tasks: Task<void>[] = [];
  for (let i = 0; i < n; i++) tasks.push(createTask(() => sleep(60_000)));
  await sleep(0);
  return tasks;
}

/** The fastest of three rounds of cancelling `n` sleeping tasks one by one, in ms; checks that each ended cancelled. */
async function cancelTime(n: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const tasks = await sleepingTasks(n);
    const start = performance.now();
    for (const task of tasks) assert.equal(task.cancel(), true);
    best = Math.min(best, performance.now() - start);
    const outcomes = await Promise.allSettled(tasks);
    assert.ok(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof CancelledError));
    assert.ok(tasks.every((task) => task.cancelled()));
  }
  return best;
}

test('cancel() on each of 8× the sleeping tasks takes about 8× the time, not 64×', async () => {
  await cancelTime(500);
  const small = await cancelTime(2_000);
  const large = await cancelTime(16_000);
  const ratio = large / Math.max(small, 0.05);
  // Linear is 8×; a scan of every open wait per cancel() was quadratic: 64×.
  assert.ok(ratio < 24, `8× the tasks took ${ratio.toFixed(1)}× the time (${small.toFixed(1)} ms, then ${large.toFixed(1)} ms)`);
});

test('a TaskGroup of 20,000 sleeping tasks: the first failure cancels every sibling, and so does cancelling a gather', async () => {
  const group = await createTask(async () => {
    try {
      await using tg = new TaskGroup();
      for (let i = 0; i < 20_000; i++) tg.createTask(() => sleep(60_000));
      tg.createTask(async () => {
        await sleep(1);
        throw new Error('the failing one');
      });
    } catch (error) {
      return error;
    }
    return undefined;
  });
  assert.ok(group instanceof Error && 'exceptions' in group);
  assert.deepEqual(
    (group.exceptions as Error[]).map((e) => e.message),
    ['the failing one'],
  );

  const children = await sleepingTasks(20_000);
  const all = gather(children);
  await sleep(0);
  assert.equal(all.cancel(), true);
  await assert.rejects(all, CancelledError);
  const outcomes = await Promise.allSettled(children);
  assert.equal(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof CancelledError).length, 20_000);
});
