import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ExecutorShutdownError,
  InterpreterPoolExecutor,
  InvalidArgumentError,
  InvalidValueError,
  NotShareableError,
  ProcessPoolExecutor,
  ThreadPoolExecutor,
  task,
} from '../../src/futures/index.js';

test('maxWorkers <= 0 or not a whole number is refused by every executor', () => {
  for (const Executor of [InterpreterPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor]) {
    assert.throws(
      () => new Executor({ maxWorkers: 0 }),
      (e: unknown) =>
        e instanceof InvalidValueError && e instanceof RangeError && /maxWorkers must be an integer >= 1, got 0/.test(e.message),
    );
    assert.throws(() => new Executor({ maxWorkers: -2 }), { name: 'InvalidValueError', code: 'ERR_OUT_OF_RANGE' });
    assert.throws(
      () => new Executor({ maxWorkers: 1.5 }),
      (e: unknown) =>
        e instanceof InvalidArgumentError && e instanceof TypeError && /maxWorkers must be an integer, got 1.5/.test(e.message),
    );
    assert.throws(() => new Executor({ maxWorkers: '2' as never }), { name: 'InvalidArgumentError', code: 'ERR_INVALID_ARGUMENT' });
  }
});

test('unknown option keys get a "Did you mean" suggestion', () => {
  assert.throws(() => new InterpreterPoolExecutor({ maxWorker: 2 } as never), /unknown option 'maxWorker'. Did you mean 'maxWorkers'\?/);
  assert.throws(
    () => new ProcessPoolExecutor({ maxTasksPerWorker: 2 } as never),
    /unknown option 'maxTasksPerWorker'. Did you mean 'maxTasksPerChild'\?/,
  );
  assert.throws(
    () => new InterpreterPoolExecutor({ resourceLimits: { maxOldGenerationSizeMB: 64 } } as never),
    /Did you mean 'maxOldGenerationSizeMb'\?/,
  );
  assert.throws(() => new InterpreterPoolExecutor({ maxTasksPerWorker: 0 }), {
    name: 'InvalidValueError',
    message: /maxTasksPerWorker must be an integer >= 1, got 0/,
  });
  assert.throws(() => new ProcessPoolExecutor({ maxTasksPerChild: 2.5 }), {
    name: 'InvalidArgumentError',
    message: /maxTasksPerChild must be an integer/,
  });
  assert.throws(() => new InterpreterPoolExecutor({ idleTimeout: -1 }), {
    name: 'InvalidArgumentError',
    message: /idleTimeout must be a number of milliseconds >= 0/,
  });
  assert.throws(() => new InterpreterPoolExecutor({ initargs: 'x' as never }), {
    name: 'InvalidArgumentError',
    message: /initargs must be an array/,
  });
  const pool = new ThreadPoolExecutor();
  assert.throws(
    () => pool.submitWith({ singal: AbortSignal.abort() } as never, async () => 1),
    /unknown option 'singal'. Did you mean 'signal'\?/,
  );
  assert.throws(() => pool.submitWith({ signal: 'x' } as never, async () => 1), /signal must be an AbortSignal/);
});

test('non-function callables are refused with a TypeError naming what is callable', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  // Untyped callers (plain JavaScript) can pass anything; the types would refuse these at compile time.
  const submit = pool.submit.bind(pool) as unknown as (fn: unknown, ...args: unknown[]) => unknown;
  assert.throws(
    () => submit(42),
    (e: unknown) => e instanceof TypeError && /expected a function or task\(url, exportName\), got number 42/.test(e.message),
  );
  assert.throws(() => submit(Math.max, 1), /native or bound function/);
  assert.throws(() => pool.map('nope' as unknown as (x: number) => number, [1]), TypeError);
  const threads = new ThreadPoolExecutor();
  assert.throws(() => (threads.submit.bind(threads) as unknown as (fn: unknown) => unknown)(null), TypeError);
  assert.throws(() => new InterpreterPoolExecutor({ initializer: 'x' as never }), /initializer: expected a function/);
  assert.throws(() => task('relative/path.js', 'x'), /must be a URL or an absolute path/);
});

test('non-shareable arguments raise NotShareableError naming the path, before anything is sent', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  assert.throws(
    () => pool.submit((a: number, b: object) => [a, b], 1, { x: () => 1 }),
    (e: unknown) => e instanceof NotShareableError && e.path === 'args[1].x' && /args\[1\]\.x is not shareable/.test(e.message),
  );
  class Point {
    constructor(readonly x: number) {}
  }
  assert.throws(
    () => pool.submit((p: Point) => p, new Point(1)),
    (e: unknown) => e instanceof NotShareableError && /Point instance/.test(e.message),
  );
  const items = pool.map((o: object) => o, [{ ok: 1 }, { bad: Symbol('s') }]);
  await assert.rejects(
    async () => {
      for await (const _ of items);
    },
    (e: unknown) => e instanceof NotShareableError && e.path === 'map item 1: args[0].bad',
  );
  assert.equal(pool.workerCount <= 1, true);
});

test('submitting after shutdown raises ExecutorShutdownError for every executor', async () => {
  for (const pool of [
    new InterpreterPoolExecutor({ maxWorkers: 1 }),
    new ProcessPoolExecutor({ maxWorkers: 1 }),
    new ThreadPoolExecutor(),
  ]) {
    await pool.shutdown();
    assert.throws(
      () => pool.submit((x: number) => x, 1),
      (e: unknown) => e instanceof ExecutorShutdownError && /cannot schedule new futures after shutdown/.test(e.message),
    );
    assert.throws(() => pool.map((x: number) => x, [1]), ExecutorShutdownError);
    await pool.shutdown(); // twice is fine
  }
});

test('a task module export that does not exist says so and suggests the close name', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  const error = (await pool.submit(task(new URL('./fixtures/tasks.ts', import.meta.url), 'whoAmi')).exception()) as Error;
  assert.match(error.message, /has no export named 'whoAmi'. Did you mean 'whoAmI'\?/);
});
