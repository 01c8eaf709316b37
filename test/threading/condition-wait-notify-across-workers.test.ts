import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, task } from '../../src/interpreters/index.js';
import { Condition, Lock, LockNotHeldError, RLock } from '../../src/threading/index.js';
import type * as Kernels from './fixtures/primitives-kernels.js';

const kernels = new URL('./fixtures/primitives-kernels.ts', import.meta.url);
const consume = task<typeof Kernels.consume>(kernels, 'consume');
const produce = task<typeof Kernels.produce>(kernels, 'produce');
const conditionWait = task<typeof Kernels.conditionWait>(kernels, 'conditionWait');
const EARLY_MS = 15;

async function untilAtLeast(view: Int32Array, n: number): Promise<void> {
  while (Atomics.load(view, 0) < n) await new Promise((resolve) => setTimeout(resolve, 2));
}

for (const lock of [undefined, new Lock()]) {
  test(`Condition(${lock ? 'Lock' : 'default RLock'}): two producers and two consumers in workers hand over every item`, async () => {
    const cond = new Condition(lock);
    const items = new Int32Array(new SharedArrayBuffer(4));
    await using p1 = create();
    await using p2 = create();
    await using c1 = create();
    await using c2 = create();
    const n = 2000;
    const results = await Promise.all([
      c1.call(consume, cond, items, n),
      c2.call(consume, cond, items, n),
      p1.call(produce, cond, items, n),
      p2.call(produce, cond, items, n),
    ]);
    assert.deepEqual(results, [n, n, n, n]);
    assert.equal(items[0], 0);
    assert.equal(cond.lock.locked(), false);
  });
}

test('notify(1) wakes exactly one waiting worker, notifyAll the rest; a wait times out with the lock held again', async () => {
  const cond = new Condition();
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const workers = [create(), create(), create()];
  try {
    const waits = workers.map((w) => w.call(conditionWait, cond, 20_000, ready));
    await untilAtLeast(ready, 3);
    // A waiter is inside wait() once it has released the lock, so taking the lock here means all three sleep.
    await cond.withLockAsync(() => assert.equal(cond.notify(1), 1));
    const first = await Promise.race(waits.map((p, i) => p.then(() => i)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const settled = await Promise.all(
      waits.map((p) => Promise.race([p.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 0))])),
    );
    assert.equal(settled.filter(Boolean).length, 1, 'only one waiter woke');
    assert.equal(settled[first], true);
    await cond.withLockAsync(() => assert.equal(cond.notifyAll(), 2));
    const results = await Promise.all(waits);
    assert.deepEqual(
      results.map((r) => [r.notified, r.ownedAfter]),
      [
        [true, true],
        [true, true],
        [true, true],
      ],
    );

    Atomics.store(ready, 0, 0);
    const lonely = await workers[0]!.call(conditionWait, cond, 120, ready);
    assert.equal(lonely.notified, false);
    assert.equal(lonely.ownedAfter, true);
    assert.ok(lonely.ms >= 120 - EARLY_MS, `timed out after ${lonely.ms} ms`);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
});

test('waitFor returns the predicate value; wait and notify without the lock throw LockNotHeldError', async () => {
  const cond = new Condition(new RLock());
  assert.throws(
    () => cond.wait(10),
    (e: unknown) => e instanceof LockNotHeldError && /cannot wait on un-acquired lock/.test(e.message),
  );
  assert.throws(
    () => cond.notify(),
    (e: unknown) => e instanceof LockNotHeldError && /cannot notify on un-acquired lock/.test(e.message),
  );
  await assert.rejects(cond.waitAsync(10), LockNotHeldError);
  const flag = new Int32Array(new SharedArrayBuffer(4));
  await using w = create();
  const setter = w.call(
    (c: Condition, f: Int32Array) => {
      Atomics.wait(f, 0, 0, 100);
      c.withLock(() => {
        f[0] = 42;
        c.notifyAll();
      });
    },
    cond,
    flag,
  );
  // RLock: the condition's lock may be held twice; wait releases both levels and restores them.
  cond.acquire();
  cond.acquire();
  const value = await cond.waitForAsync(() => flag[0] === 42 && flag[0], 10_000);
  assert.equal(value, 42);
  assert.equal((cond.lock as RLock).count, 2);
  cond.release();
  cond.release();
  await setter;
  const started = performance.now();
  assert.equal(
    cond.withLock(() => cond.waitFor(() => false, 80)),
    false,
  );
  assert.ok(performance.now() - started >= 80 - EARLY_MS);
});
