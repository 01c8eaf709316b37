import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, InterpreterPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor, task } from '../../src/futures/index.js';

const fixtures = new URL('./fixtures/tasks.ts', import.meta.url);
const spin = task<(ms: number) => number>(fixtures, 'spin');

test('aborting a running worker task interrupts it at once; the worker is replaced and other tasks still run', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  const controller = new AbortController();
  const stuck = pool.submitWith({ signal: controller.signal }, spin, 60_000);
  const others = Array.from({ length: 20 }, (_, i) => pool.submit((x: number) => x * 3, i));
  while (!stuck.running()) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50));
  const started = performance.now();
  controller.abort(new Error('user gave up'));
  await assert.rejects(stuck.result(), (e: unknown) => e instanceof CancelledError && (e.cause as Error).message === 'user gave up');
  assert.equal(stuck.cancelled(), true);
  assert.ok(performance.now() - started < 5000);
  assert.deepEqual(
    await Promise.all(others),
    Array.from({ length: 20 }, (_, i) => i * 3),
  );
  assert.equal(await pool.submit(() => 'still working'), 'still working');
});

test('aborting a queued task cancels it before it runs; an already-aborted signal cancels at submit', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const blocker = pool.submit(spin, 200);
  const controller = new AbortController();
  const queued = pool.submitWith({ signal: controller.signal }, (c: Int32Array) => Atomics.add(c, 0, 1), counter);
  controller.abort();
  assert.equal(queued.cancelled(), true);
  await blocker;
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(Atomics.load(counter, 0), 0, 'the cancelled task never ran');
  const pre = pool.submitWith({ signal: AbortSignal.abort() }, (c: Int32Array) => Atomics.add(c, 0, 1), counter);
  assert.equal(pre.cancelled(), true);
  await assert.rejects(pre.result(), CancelledError);
});

test('aborting a running process-pool task kills its child; the next task runs in a new one', async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 1 });
  const controller = new AbortController();
  const stuck = pool.submitWith({ signal: controller.signal }, spin, 60_000);
  while (!stuck.running()) await new Promise((r) => setTimeout(r, 5));
  controller.abort();
  await assert.rejects(stuck.result(), CancelledError);
  assert.equal(await pool.submit((x: number) => x + 1, 41), 42);
});

test('ThreadPoolExecutor: abort cancels a queued call and releases a running one', async () => {
  await using pool = new ThreadPoolExecutor({ maxWorkers: 1 });
  const running = new AbortController();
  const first = pool.submitWith({ signal: running.signal }, () => new Promise((r) => setTimeout(() => r('late'), 100)));
  const queued = new AbortController();
  let ran = false;
  const second = pool.submitWith({ signal: queued.signal }, async () => {
    ran = true;
  });
  queued.abort();
  running.abort();
  await assert.rejects(first.result(), CancelledError);
  await assert.rejects(second.result(), CancelledError);
  await pool.shutdown();
  assert.equal(ran, false);
});

test('InterpreterPoolExecutor.terminateWorkers() ends stuck tasks without hanging', async () => {
  const pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  const started = new Int32Array(new SharedArrayBuffer(4));
  const stuck = pool.submit((flag: Int32Array) => {
    Atomics.store(flag, 0, 1);
    for (;;);
  }, started);
  const queued = pool.submit(() => 1);
  while (Atomics.load(started, 0) === 0) await new Promise((r) => setTimeout(r, 5));
  await pool.terminateWorkers();
  const error = (await stuck.exception()) as Error;
  assert.equal(error.name, 'BrokenInterpreterPool');
  assert.match(error.message, /ended by terminateWorkers\(\) while running this task/);
  assert.equal(queued.cancelled(), true);
  assert.equal(pool.workerCount, 0);
});
