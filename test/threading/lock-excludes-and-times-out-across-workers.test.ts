// Lock and RLock shared by workers: mutual exclusion, nesting, acquire timeouts, prompt wake-ups and scoped release.
// test: serial — it bounds how long a non-blocking acquire (50 ms) and a wake-up (500 ms) take, which other test
// files on the same cores could stretch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, task } from '../../src/interpreters/index.js';
import { InterpreterPoolExecutor } from '../../src/futures/index.js';
import { Event, Lock, LockNotHeldError, RLock } from '../../src/threading/index.js';
import type * as Kernels from './fixtures/primitives-kernels.js';

const kernels = new URL('./fixtures/primitives-kernels.ts', import.meta.url);
const hammer = task<typeof Kernels.hammer>(kernels, 'hammer');
const tryAcquire = task<typeof Kernels.tryAcquire>(kernels, 'tryAcquire');
const acquireAndKeep = task<typeof Kernels.acquireAndKeep>(kernels, 'acquireAndKeep');
const releaseFromWorker = task<typeof Kernels.releaseFromWorker>(kernels, 'releaseFromWorker');

/** Timer slack on a loaded 2-core machine: a timed wait may end a little early (clock granularity) or late. */
const EARLY_MS = 15;
const LATE_MS = 2000;

for (const Kind of [Lock, RLock]) {
  test(`${Kind.name}: three workers and the main thread hammering it are never inside together`, async () => {
    const lock = new Kind();
    const inside = new Int32Array(new SharedArrayBuffer(12));
    await using a = create();
    await using b = create();
    await using c = create();
    const n = 20_000;
    const workers = [a, b, c].map((w) => w.call(hammer, lock, inside, n, 1));
    let mainEntries = 0;
    for (let i = 0; i < 200; i++) {
      await lock.withLockAsync(() => {
        if (Atomics.add(inside, 0, 1) + 1 > 1) Atomics.store(inside, 1, 1);
        mainEntries++;
        Atomics.sub(inside, 0, 1);
      });
    }
    const worst = await Promise.all(workers);
    assert.deepEqual(worst, [1, 1, 1]);
    assert.equal(Atomics.load(inside, 1), 0, 'two threads were inside at once');
    assert.equal(Atomics.load(inside, 2), 3 * n);
    assert.equal(mainEntries, 200);
    assert.equal(lock.locked(), false);
  });
}

test('RLock: nested acquires by one worker count up and down; other workers still get it', async () => {
  const rlock = new RLock();
  const counts = new Int32Array(new SharedArrayBuffer(4));
  await using a = create();
  await using b = create();
  const reentrant = task<typeof Kernels.reentrant>(kernels, 'reentrant');
  assert.deepEqual(await Promise.all([a.call(reentrant, rlock, counts, 5000), b.call(reentrant, rlock, counts, 5000)]), [0, 0]);
  assert.equal(counts[0], 10_000);
  assert.equal(rlock.acquire(), true);
  assert.equal(rlock.acquire(), true);
  assert.equal(rlock.count, 2);
  assert.match(await a.call(releaseFromWorker, rlock), /^LockNotHeldError: .*held by the main thread, not by this thread/);
  rlock.release();
  assert.equal(rlock.locked(), true);
  rlock.release();
  assert.equal(rlock.locked(), false);
  assert.throws(() => rlock.release(), LockNotHeldError);
});

test('acquire timeouts return false after about the timeout, sync and async, in a worker and on the main thread', async () => {
  const lock = new Lock();
  await using holder = create();
  await using other = create();
  assert.equal(await holder.call(acquireAndKeep, lock), true);
  assert.equal(lock.owner, holder.id);

  let started = performance.now();
  assert.equal(lock.acquire({ timeout: 150 }), false);
  let took = performance.now() - started;
  assert.ok(took >= 150 - EARLY_MS && took < 150 + LATE_MS, `sync acquire took ${took} ms`);

  started = performance.now();
  assert.equal(await lock.acquireAsync({ timeout: 150 }), false);
  took = performance.now() - started;
  assert.ok(took >= 150 - EARLY_MS && took < 150 + LATE_MS, `async acquire took ${took} ms`);

  started = performance.now();
  assert.equal(lock.acquire({ blocking: false }), false);
  assert.equal(lock.acquire({ timeout: 0 }), false);
  assert.ok(performance.now() - started < 50, 'non-blocking tries return at once');

  const report = await other.call(tryAcquire, lock, 120);
  assert.equal(report.got, false);
  assert.ok(report.ms >= 120 - EARLY_MS && report.ms < 120 + LATE_MS, `worker acquire took ${report.ms} ms`);

  // As in Python, a Lock (unlike an RLock) may be released by a thread other than its holder.
  lock.release();
  assert.equal(lock.locked(), false);
  assert.throws(
    () => lock.release(),
    (e: unknown) => e instanceof LockNotHeldError && /release unlocked lock/.test(e.message),
  );
  assert.match(await other.call(releaseFromWorker, lock), /^LockNotHeldError: /);
});

test('a waiting acquireAsync wakes promptly when a worker releases, without blocking the event loop', async () => {
  const lock = new Lock();
  await using holder = create();
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const holding = holder.call(
    (l: Lock, f: Int32Array) => {
      l.acquire();
      Atomics.store(f, 0, 1);
      Atomics.wait(f, 1, 0, 300);
      l.release();
      return performance.timeOrigin + performance.now();
    },
    lock,
    flag,
  );
  while (Atomics.load(flag, 0) === 0) await new Promise((resolve) => setTimeout(resolve, 2));
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 10);
  const got = await lock.acquireAsync({ timeout: 10_000 });
  const wokeAt = performance.timeOrigin + performance.now();
  clearInterval(ticker);
  assert.equal(got, true);
  assert.ok(ticks >= 5, `the event loop kept running while waiting (${ticks} ticks)`);
  const releasedAt = await holding;
  assert.ok(wokeAt - releasedAt < 500, `woke ${wokeAt - releasedAt} ms after the release`);
  lock.release();
});

test('hold() releases at the end of a using block; withLock releases when the function throws', async () => {
  const lock = new Lock();
  {
    using held = lock.hold();
    assert.equal(lock.locked(), true);
    assert.equal(typeof held.release, 'function');
  }
  assert.equal(lock.locked(), false);
  assert.throws(
    () =>
      lock.withLock(() => {
        throw new Error('boom');
      }),
    /boom/,
  );
  assert.equal(lock.locked(), false);
  {
    await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
    // The same lock in a pool worker: its `using` there excludes the main thread here.
    const sum = await pool.submit((l: Lock) => {
      let n = 0;
      for (let i = 0; i < 1000; i++) n += l.withLock(() => 1);
      return n;
    }, lock);
    assert.equal(sum, 1000);
  }
  const viaBuffer = Lock.fromBuffer(lock.buffer);
  assert.equal(viaBuffer.acquire(), true);
  assert.equal(lock.locked(), true, 'fromBuffer wraps the same memory');
  lock.release();
  assert.equal(String(lock), '<Lock unlocked>');
});

test('primitives inside plain objects and prepareMain bindings arrive as the same shared primitives', async () => {
  const lock = new Lock();
  const event = new Event();
  await using w = create();
  await w.prepareMain({ sharedLock: lock, flags: { event } });
  await w.exec('sharedLock.acquire(); flags.event.set();');
  assert.equal(event.isSet(), true);
  assert.equal(lock.owner, w.id, 'the worker holds the very lock the main thread sees');
  assert.equal(
    await w.call(
      (o: { locks: Lock[] }) => {
        o.locks[0]!.release();
        return o.locks[0]!.locked();
      },
      { locks: [lock] },
    ),
    false,
  );
  assert.equal(lock.locked(), false);
});
