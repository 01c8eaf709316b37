// A Lock whose holding worker dies is broken for its waiters, in workers and on the main thread; a live holder is waited for.
// test: serial — it bounds how soon a dead holder is detected (5 s), which other test files on the same cores could
// stretch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, task } from '../../src/interpreters/index.js';
import { InterpreterPoolExecutor } from '../../src/futures/index.js';
import { BrokenLockError, Lock, RLock } from '../../src/threading/index.js';
import type * as Kernels from './fixtures/primitives-kernels.js';

const kernels = new URL('./fixtures/primitives-kernels.ts', import.meta.url);
const holdAndDie = task<typeof Kernels.holdAndDie>(kernels, 'holdAndDie');
const acquireAndReport = task<typeof Kernels.acquireAndReport>(kernels, 'acquireAndReport');

/** Generous bound: detection takes two wait slices (~0.1 s); the machine is shared and loaded. */
const DETECTION_BOUND_MS = 5000;

async function untilSet(flag: Int32Array): Promise<void> {
  while (Atomics.load(flag, 0) === 0) await new Promise((resolve) => setTimeout(resolve, 2));
}

for (const mode of ['exit', 'throw', 'terminate'] as const) {
  test(`a worker that dies by ${mode} while holding a Lock breaks it for a waiting worker and a blocked main thread`, async () => {
    const lock = new Lock();
    const flag = new Int32Array(new SharedArrayBuffer(8));
    const owner = create();
    const waiter = create();
    try {
      const dying = owner.call(holdAndDie, lock, mode === 'terminate' ? 'hang' : mode, flag).then(
        () => 'returned',
        (e: unknown) => (e as Error).name,
      );
      await untilSet(flag);
      assert.equal(lock.owner, owner.id, 'the lock records its holder');
      const workerWait = waiter.call(acquireAndReport, lock, 30_000);
      // Let the worker's waiter start sleeping before the owner dies.
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (mode === 'terminate') void owner.close();
      const started = performance.now();
      // The main thread blocks here, so it cannot even handle the owner's 'exit' event: the
      // owner's OS thread (or its own exit hook) is how the death is seen.
      assert.throws(
        () => lock.acquire({ timeout: 30_000 }),
        (e: unknown) => {
          assert.ok(e instanceof BrokenLockError, String(e));
          assert.equal(e.deadOwner, owner.id);
          assert.match(e.message, new RegExp(`thread ${owner.id}, died while holding it`));
          return true;
        },
      );
      assert.ok(performance.now() - started < DETECTION_BOUND_MS, `main waiter took ${performance.now() - started} ms`);
      const report = await workerWait;
      assert.equal(report.outcome, 'threw');
      assert.equal(report.name, 'BrokenLockError');
      assert.equal(report.deadOwner, owner.id);
      assert.ok(report.ms < DETECTION_BOUND_MS + 200, `worker waiter took ${report.ms} ms`);
      assert.notEqual(await dying, 'returned');
      // Broken stays broken for later callers, sync and async, until reset().
      assert.equal(lock.broken, true);
      await assert.rejects(lock.acquireAsync({ timeout: 10 }), BrokenLockError);
      assert.throws(() => lock.release(), BrokenLockError);
      assert.equal(lock.reset(), true);
      assert.equal(lock.acquire({ blocking: false }), true);
      lock.release();
    } finally {
      await Promise.all([owner.close(), waiter.close()]);
    }
  });
}

test('the async acquire on the main thread also gets BrokenLockError when the RLock owner dies in a pool worker', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  const rlock = new RLock();
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const dying = pool.submit(holdAndDie, rlock, 'exit', flag).then(
    () => 'returned',
    (e: unknown) => (e as Error).name,
  );
  await untilSet(flag);
  const owner = rlock.owner;
  assert.ok(owner !== undefined && owner > 0);
  const started = performance.now();
  await assert.rejects(rlock.acquireAsync({ timeout: 30_000 }), (e: unknown) => e instanceof BrokenLockError && e.deadOwner === owner);
  assert.ok(performance.now() - started < DETECTION_BOUND_MS);
  assert.equal(await dying, 'BrokenInterpreterPool');
  // The pool replaced its worker and still runs tasks.
  assert.equal(await pool.submit(() => 42), 42);
});

test('a Lock that is merely held a long time is not reported broken', async () => {
  const lock = new Lock();
  const flag = new Int32Array(new SharedArrayBuffer(8));
  await using holder = create();
  const holding = holder.call(
    (l: Lock, f: Int32Array) => {
      l.acquire();
      Atomics.store(f, 0, 1);
      Atomics.wait(f, 1, 0, 600);
      l.release();
      return 'released';
    },
    lock,
    flag,
  );
  await untilSet(flag);
  const started = performance.now();
  assert.equal(await lock.acquireAsync({ timeout: 10_000 }), true);
  assert.ok(performance.now() - started >= 300, 'waited for the live holder');
  lock.release();
  assert.equal(await holding, 'released');
});
