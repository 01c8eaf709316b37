// Semaphore, BoundedSemaphore and Event shared by workers: the slot limit, timeouts, wake-ups and over-release.
// test: serial — it bounds how soon a release wakes a waiting worker (1.5 s), which other test files on the same
// cores could stretch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, task } from '../../src/interpreters/index.js';
import { BoundedSemaphore, Event, Semaphore, SemaphoreOverflowError } from '../../src/threading/index.js';
import type * as Kernels from './fixtures/primitives-kernels.js';

const kernels = new URL('./fixtures/primitives-kernels.ts', import.meta.url);
const semaphoreWorker = task<typeof Kernels.semaphoreWorker>(kernels, 'semaphoreWorker');
const tryAcquire = task<typeof Kernels.tryAcquire>(kernels, 'tryAcquire');
const waitEvent = task<typeof Kernels.waitEvent>(kernels, 'waitEvent');
const EARLY_MS = 15;
const LATE_MS = 2000;

test('Semaphore(2): three workers contending are never more than two inside at once', async () => {
  for (const sem of [new Semaphore(2), new BoundedSemaphore(2)]) {
    const inside = new Int32Array(new SharedArrayBuffer(12));
    await using a = create();
    await using b = create();
    await using c = create();
    const worst = await Promise.all([a, b, c].map((w) => w.call(semaphoreWorker, sem, inside, 3000, 2)));
    assert.equal(Atomics.load(inside, 1), 0, `${sem} let more than two in`);
    assert.ok(Math.max(...worst) <= 2);
    assert.equal(Atomics.load(inside, 2), 3 * 3000 * 50);
    assert.equal(sem.value, 2);
  }
});

test('Semaphore acquire times out while no slot is free, and a release from another thread wakes a waiter', async () => {
  const sem = new Semaphore(1);
  assert.equal(sem.acquire(), true);
  await using w = create();
  const report = await w.call(tryAcquire, sem, 120);
  assert.equal(report.got, false);
  assert.ok(report.ms >= 120 - EARLY_MS && report.ms < 120 + LATE_MS, `took ${report.ms}`);
  let started = performance.now();
  assert.equal(await sem.acquireAsync({ timeout: 100 }), false);
  assert.ok(performance.now() - started >= 100 - EARLY_MS);
  assert.equal(sem.acquire({ blocking: false }), false);
  const waiting = w.call(tryAcquire, sem, 10_000);
  await new Promise((resolve) => setTimeout(resolve, 100));
  started = performance.now();
  sem.release();
  const woke = await waiting;
  assert.equal(woke.got, true);
  assert.ok(performance.now() - started < 1500);
  assert.equal(sem.value, 0, 'the worker holds the slot');
  sem.release(3);
  assert.equal(sem.value, 3, 'an unbounded Semaphore may grow past its start');
});

test('BoundedSemaphore refuses to be released above its initial value, also from a worker', async () => {
  const sem = new BoundedSemaphore(2);
  assert.throws(
    () => sem.release(),
    (e: unknown) => e instanceof SemaphoreOverflowError && /released too many times/.test(e.message) && e.code === 'ERR_SEMAPHORE_OVERFLOW',
  );
  sem.acquire();
  await using w = create();
  assert.equal(
    await w.call((s: BoundedSemaphore) => {
      s.release();
      try {
        s.release();
        return 'no error';
      } catch (error) {
        return (error as Error).name;
      }
    }, sem),
    'SemaphoreOverflowError',
  );
  assert.equal(sem.value, 2);
  assert.ok(BoundedSemaphore.fromBuffer(sem.buffer) instanceof BoundedSemaphore);
  assert.ok(Semaphore.fromBuffer(sem.buffer) instanceof BoundedSemaphore, 'bounded stays bounded');
});

test('Event: set() wakes every waiting worker at once; wait(timeout) returns false when nobody sets it', async () => {
  const event = new Event();
  await using a = create();
  await using b = create();
  const timedOut = await a.call(waitEvent, event, 100);
  assert.equal(timedOut.set, false);
  assert.ok(timedOut.ms >= 100 - EARLY_MS && timedOut.ms < 100 + LATE_MS);
  const waits = [a.call(waitEvent, event, undefined), b.call(waitEvent, event, 10_000)];
  const mainWait = event.waitAsync(10_000);
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.equal(event.isSet(), false);
  event.set();
  const results = await Promise.all(waits);
  assert.deepEqual(
    results.map((r) => r.set),
    [true, true],
  );
  assert.equal(await mainWait, true);
  assert.equal(event.wait(0), true);
  event.clear();
  assert.equal(event.isSet(), false);
  const started = performance.now();
  assert.equal(event.wait(50), false);
  assert.ok(performance.now() - started >= 50 - EARLY_MS);
  assert.equal(await event.waitAsync(0), false, 'a zero timeout just looks');
  assert.equal(await event.waitAsync({ timeout: 0 }), false, 'the timeout may be given as { timeout }');
  await assert.rejects(event.waitAsync(-5), { code: 'ERR_INVALID_ARGUMENT' }, 'a negative timeout is a bad argument');
});
