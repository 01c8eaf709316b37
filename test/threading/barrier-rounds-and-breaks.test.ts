// Barrier shared by workers: rounds in step, the action in the last arrival, breaking on timeout, abort and reset.
// test: serial — it bounds how soon a broken barrier releases the other waiter (4 s), which other test files on the
// same cores could stretch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, task } from '../../src/interpreters/index.js';
import { Barrier, BrokenBarrierError } from '../../src/threading/index.js';
import type * as Kernels from './fixtures/primitives-kernels.js';

const kernels = new URL('./fixtures/primitives-kernels.ts', import.meta.url);
const barrierRounds = task<typeof Kernels.barrierRounds>(kernels, 'barrierRounds');
const barrierWaitReport = task<typeof Kernels.barrierWaitReport>(kernels, 'barrierWaitReport');

test('Barrier(3): three workers pass 50 rounds together; each round every slot is written before anyone reads', async () => {
  const barrier = new Barrier(3, { timeout: 20_000 });
  const slots = new Int32Array(new SharedArrayBuffer(12));
  const workers = [create(), create(), create()];
  try {
    const rounds = 50;
    const results = await Promise.all(workers.map((w, me) => w.call(barrierRounds, barrier, slots, me, rounds)));
    for (let r = 0; r < rounds; r++) {
      assert.deepEqual(
        results.map((x) => x.sums[r]),
        [3 * (r + 1), 3 * (r + 1), 3 * (r + 1)],
        `round ${r + 1}`,
      );
      assert.deepEqual(results.map((x) => x.indexes[r]).sort(), [0, 1, 2], 'arrival indexes differ');
    }
    assert.equal(barrier.nWaiting, 0);
    assert.equal(barrier.broken, false);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
});

test('the action runs once per round, in the last thread to arrive, before anyone is released', async () => {
  const log = new Int32Array(new SharedArrayBuffer(8));
  // The action travels to the workers by source, so it reaches shared memory through globalThis.
  (globalThis as { barrierLog?: Int32Array }).barrierLog = log;
  const barrier = new Barrier(2, {
    action: () => Atomics.add((globalThis as unknown as { barrierLog: Int32Array }).barrierLog, 0, 1),
    timeout: 10_000,
  });
  await using w = create();
  await w.exec('void 0');
  await w.call((l: Int32Array) => void ((globalThis as { barrierLog?: Int32Array }).barrierLog = l), log);
  const other = w.call((b: Barrier) => [b.wait(), b.wait()], barrier);
  const mine = [await barrier.waitAsync(), await barrier.waitAsync()];
  const theirs = await other;
  assert.equal(Atomics.load(log, 0), 2);
  assert.deepEqual([mine[0]! + theirs[0]!, mine[1]! + theirs[1]!], [1, 1]);
});

test('a Barrier with more parties than threads that wait breaks on timeout and says how many arrived', async () => {
  const barrier = new Barrier(3);
  await using a = create();
  await using b = create();
  const started = performance.now();
  const results = await Promise.all([a.call(barrierWaitReport, barrier, 200), b.call(barrierWaitReport, barrier, 5000)]);
  const elapsed = performance.now() - started;
  assert.deepEqual(
    results.map((r) => r.name),
    ['BrokenBarrierError', 'BrokenBarrierError'],
  );
  assert.match(
    results[0]!.message!,
    /Barrier\(3\) is broken: a wait timed out with 2 of 3 parties arrived — if only 2 threads call wait\(\) each round, the party count \(3\) is wrong/,
  );
  assert.ok(results[1]!.ms < 4000, 'the other waiter was released by the break, not its own timeout');
  assert.ok(elapsed < 5000);
  assert.equal(barrier.broken, true);
  assert.throws(() => barrier.wait(10), BrokenBarrierError);
  barrier.reset();
  assert.equal(barrier.broken, false);
});

test('abort() breaks waiting workers; reset() releases current waiters with BrokenBarrierError and makes it usable', async () => {
  const barrier = new Barrier(2);
  await using w = create();
  let waiting = w.call(barrierWaitReport, barrier, 10_000);
  while (barrier.nWaiting < 1) await new Promise((resolve) => setTimeout(resolve, 2));
  barrier.abort();
  let report = await waiting;
  assert.equal(report.name, 'BrokenBarrierError');
  assert.match(report.message!, /abort\(\) was called/);
  barrier.reset();
  waiting = w.call(barrierWaitReport, barrier, 10_000);
  while (barrier.nWaiting < 1) await new Promise((resolve) => setTimeout(resolve, 2));
  barrier.reset();
  report = await waiting;
  assert.equal(report.name, 'BrokenBarrierError');
  assert.match(report.message!, /reset while this thread was waiting/);
  const again = w.call(barrierWaitReport, barrier, 10_000);
  assert.equal((await barrier.waitAsync(10_000)) + Number((await again).outcome.split(' ')[1]), 1);
});

test('an action that throws breaks the barrier: the thread that ran it gets the error, the others BrokenBarrierError', async () => {
  const barrier = new Barrier(2, {
    action: () => {
      throw new Error('action failed');
    },
  });
  await using w = create();
  const theirs = w.call(barrierWaitReport, barrier, 10_000);
  while (barrier.nWaiting < 1) await new Promise((resolve) => setTimeout(resolve, 2));
  assert.throws(() => barrier.wait(), /action failed/);
  const report = await theirs;
  assert.equal(report.name, 'BrokenBarrierError');
  assert.match(report.message!, /its action threw/);
});
