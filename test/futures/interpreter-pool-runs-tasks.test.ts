import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BrokenInterpreterPool, InterpreterPoolExecutor, DEFAULT_MAX_WORKERS, task } from '../../src/futures/index.js';
import { availableParallelism } from 'node:os';

const fixtures = new URL('./fixtures/tasks.ts', import.meta.url);

test('submit runs a self-contained function and a .ts module export in worker threads', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  assert.equal(await pool.submit((a: number, b: number) => a + b, 2, 3), 5);
  const who = await pool.submit(task<() => { pid: number; threadId: number }>(fixtures, 'whoAmI'));
  assert.equal(who.pid, process.pid);
  assert.notEqual(who.threadId, 0, 'ran in a worker thread, not the main thread');
  assert.equal(await pool.submit(async (ms: number) => new Promise((r) => setTimeout(() => r(ms), ms)), 5), 5);
  assert.equal(DEFAULT_MAX_WORKERS, availableParallelism());
  assert.equal(new InterpreterPoolExecutor().maxWorkers, availableParallelism());
});

test("a task's error arrives with its original name, message, stack and cause", async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  const error = (await pool.submit(task(fixtures, 'throwWithCause')).exception()) as Error;
  assert.ok(error instanceof RangeError);
  assert.equal(error.name, 'RangeError');
  assert.equal(error.message, 'outer failure');
  assert.match(error.stack!, /throwWithCause/);
  assert.ok(error.cause instanceof TypeError);
  assert.equal((error.cause as Error).message, 'inner failure');
  const custom = (await pool
    .submit(() => {
      class QuotaError extends Error {
        override name = 'QuotaError';
      }
      throw new QuotaError('over quota');
    })
    .exception()) as Error;
  assert.equal(custom.name, 'QuotaError');
  assert.equal(custom.message, 'over quota');
});

test('a function that reads an outer variable gets an error saying so and how to fix it', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  const factor = 3;
  const error = (await pool.submit((x: number) => x * factor, 2).exception()) as Error;
  assert.ok(error instanceof ReferenceError);
  assert.match(error.message, /'factor' is not defined in the interpreter/);
  assert.match(error.message, /Pass it as an argument/);
});

test('initializer runs once per worker with initargs before tasks', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2, initializer: task(fixtures, 'initGreeting'), initargs: ['hello'] });
  const greetings = await Promise.all(Array.from({ length: 6 }, () => pool.submit(task<() => string>(fixtures, 'readGreeting'))));
  assert.deepEqual(greetings, Array(6).fill('hello'));
});

test('an initializer that throws breaks the pool with BrokenInterpreterPool, and later submits are refused', async () => {
  const pool = new InterpreterPoolExecutor({ maxWorkers: 2, initializer: task(fixtures, 'failingInitializer') });
  const futures = [pool.submit((x: number) => x, 1), pool.submit((x: number) => x, 2)];
  for (const f of futures) {
    const error = (await f.exception()) as Error;
    assert.ok(error instanceof BrokenInterpreterPool, String(error));
    assert.match(error.message, /initializer failed \(RangeError: initializer refused\)/);
    assert.equal((error.cause as Error).message, 'initializer refused');
  }
  assert.throws(() => pool.submit((x: number) => x, 3), BrokenInterpreterPool);
  await pool.shutdown();
});

test('maxTasksPerWorker replaces a worker after that many tasks', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1, maxTasksPerWorker: 2 });
  const whoAmI = task<() => { threadId: number }>(fixtures, 'whoAmI');
  const ids = [];
  for (let i = 0; i < 6; i++) ids.push((await pool.submit(whoAmI)).threadId);
  assert.equal(new Set(ids).size, 3, `thread ids ${ids.join(',')}`);
  assert.equal(ids[0], ids[1]);
  assert.notEqual(ids[1], ids[2]);
});

test('idleTimeout ends idle workers, and a new one starts on demand', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2, idleTimeout: 50 });
  assert.equal(await pool.submit((x: number) => x + 1, 1), 2);
  assert.equal(pool.workerCount, 1);
  const deadline = Date.now() + 5000;
  while (pool.workerCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(pool.workerCount, 0);
  assert.equal(await pool.submit((x: number) => x + 1, 2), 3);
});

test('submitWith({ transfer }) moves an ArrayBuffer instead of copying it', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  const buffer = new Uint8Array([1, 2, 3, 250]).buffer;
  const sum = await pool.submitWith({ transfer: [buffer] }, (b: ArrayBuffer) => new Uint8Array(b).reduce((s, x) => s + x, 0), buffer);
  assert.equal(sum, 256);
  assert.equal(buffer.byteLength, 0, 'the buffer was detached by the transfer');
});

test('a SharedArrayBuffer argument is shared, not copied', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const bump = task<(c: Int32Array, i: number) => number>(fixtures, 'bump');
  await Promise.all(Array.from({ length: 50 }, (_, i) => pool.submit(bump, counters, i % 2)));
  assert.deepEqual([...counters], [25, 25]);
});

test('a result that cannot be sent back fails that task with a clear TypeError; the worker survives', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  const error = (await pool.submit(() => () => 1).exception()) as Error;
  assert.equal(error.name, 'TypeError');
  assert.match(error.message, /result cannot be sent back/);
  assert.equal(await pool.submit(() => 'fine'), 'fine');
});

test('100,000 tiny tasks all complete with correct results (batched dispatch)', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  const futures = Array.from({ length: 100_000 }, (_, i) => pool.submit((x: number) => x + 1, i));
  const results = await Promise.all(futures);
  assert.equal(results.length, 100_000);
  results.forEach((value, i) => {
    if (value !== i + 1) assert.fail(`task ${i} returned ${value}`);
  });
});

test("a quick task's result is not held back while the same worker runs a long task after it", async () => {
  const pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  const spin = task<(ms: number) => number>(fixtures, 'spin');
  await pool.submit(spin, 0); // warm: the pool now knows tasks are tiny and batches them
  const quick = pool.submit(spin, 0);
  const long = pool.submit(spin, 5000);
  assert.equal(await quick.result({ timeout: 1000 }), 0);
  assert.equal(long.running(), true);
  await pool.terminateWorkers();
});
