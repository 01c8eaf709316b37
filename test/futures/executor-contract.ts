// The Executor contract every executor passes (interpreter, process, thread and distributed pools): one suite, run per executor.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  asCompleted,
  CancelledError,
  ExecutorShutdownError,
  TimeoutError,
  wait,
  type Callable,
  type Executor,
  type Future,
} from '../../src/futures/index.js';
import type { AnyFunction } from '../../src/internal/callable.js';

/**
 * The tasks the contract uses: the exports of test/distributed/helpers.ts' TASKS_SOURCE, given the
 * way the executor takes them (module tasks for the pools, or the functions themselves).
 */
export interface ContractTasks {
  readonly add: Callable<(a: number, b: number) => number>;
  readonly sleepy: Callable<(ms: number, value: unknown) => Promise<unknown>>;
  readonly fail: Callable<(message: string) => never>;
  readonly factorial: Callable<(n: number) => bigint>;
}

/** The contract's tasks, each made from its export name (`task(url, name)`, `registeredTask(name)`, the module's export…). */
export function contractTasks(make: <F extends AnyFunction>(name: string) => Callable<F>): ContractTasks {
  return { add: make('add'), sleepy: make('sleepy'), fail: make('fail'), factorial: make('factorial') };
}

export interface ContractSubject {
  readonly executor: Executor;
  readonly tasks: ContractTasks;
}

/** Registers the contract tests; `open` makes a fresh executor per test, `close` is called after each. */
export function executorContract(name: string, open: () => Promise<ContractSubject>): void {
  const withExecutor = (fn: (s: ContractSubject) => Promise<void>) => async () => {
    const subject = await open();
    try {
      await fn(subject);
    } finally {
      await subject.executor.shutdown({ cancelFutures: true });
    }
  };
  const call = <F extends AnyFunction>(s: ContractSubject, t: Callable<F>, ...args: Parameters<F>) => s.executor.submit(t, ...args);

  describe(`Executor contract: ${name}`, () => {
    it(
      'submit resolves with the value, bigint included; the futures work with wait() and asCompleted()',
      withExecutor(async (s) => {
        assert.equal(await call(s, s.tasks.add, 2, 3), 5);
        assert.equal(await call(s, s.tasks.factorial, 20), 2432902008176640000n);
        const futures = [call(s, s.tasks.sleepy, 200, 'slow'), call(s, s.tasks.sleepy, 0, 'fast')];
        const { done } = await wait(futures, { timeout: 60_000 });
        assert.equal(done.size, 2);
        const order: unknown[] = [];
        for await (const f of asCompleted([call(s, s.tasks.add, 1, 1), call(s, s.tasks.add, 2, 2)], { timeout: 60_000 }))
          order.push(await f.result());
        assert.deepEqual(order.sort(), [2, 4]);
      }),
    );

    it(
      "a task's error arrives with its name, message, stack, code, cause and own fields",
      withExecutor(async (s) => {
        const error = await call(s, s.tasks.fail, 'no thanks').then(
          () => assert.fail('should reject'),
          (e: unknown) => e as RangeError & { code: string; extra: unknown },
        );
        assert.ok(error instanceof RangeError);
        assert.equal(error.message, 'no thanks');
        assert.equal(error.code, 'ERR_TASK_SAID_NO');
        assert.deepEqual(error.extra, { n: 1 });
        assert.match(String(error.stack), /at fail/);
        assert.equal((error.cause as Error).message, 'the cause');
        assert.equal((error.cause as Error).cause, 'root');
      }),
    );

    it(
      'map yields results in input order, over several iterables, with chunksize and buffersize',
      withExecutor(async (s) => {
        const xs = Array.from({ length: 25 }, (_, i) => i);
        for (const options of [{}, { chunksize: 4 }, { buffersize: 3 }, { chunksize: 5, buffersize: 2 }]) {
          const out: number[] = [];
          for await (const v of s.executor.map(s.tasks.add, xs, xs, options)) out.push(v);
          assert.deepEqual(
            out,
            xs.map((x) => 2 * x),
            JSON.stringify(options),
          );
        }
      }),
    );

    it(
      'map throws each item error at its position, and TimeoutError when a result is late',
      withExecutor(async (s) => {
        const got: unknown[] = [];
        const late: unknown[] = [];
        await assert.rejects(async () => {
          for await (const v of s.executor.map(s.tasks.fail, ['a', 'b'], { chunksize: 2 })) got.push(v);
        }, /^RangeError: a$/m);
        assert.deepEqual(got, []);
        await assert.rejects(async () => {
          for await (const v of s.executor.map(s.tasks.sleepy, [3000], ['late'], { timeout: 100 })) late.push(v);
        }, TimeoutError);
      }),
    );

    it(
      'an already-aborted signal gives a cancelled future; submit after shutdown throws; shutdown twice is fine',
      withExecutor(async (s) => {
        const future = s.executor.submitWith({ signal: AbortSignal.abort('stop') }, s.tasks.add, 1, 2);
        assert.equal(future.cancelled(), true);
        await assert.rejects(future.result(), CancelledError);
        await s.executor.shutdown();
        await s.executor.shutdown();
        assert.throws(() => s.executor.submit(s.tasks.add, 1, 2), ExecutorShutdownError);
      }),
    );

    it(
      'aborting the signal of a running task cancels its future',
      withExecutor(async (s) => {
        const controller = new AbortController();
        const future = s.executor.submitWith({ signal: controller.signal }, s.tasks.sleepy, 3000, 'too late');
        for (const deadline = performance.now() + 60_000; !future.running(); ) {
          assert.ok(!future.done() && performance.now() < deadline, 'the task never started');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        controller.abort('stop');
        await assert.rejects(future.result(), CancelledError);
        assert.equal(future.cancelled(), true);
      }),
    );

    it(
      'shutdown({ cancelFutures: true }) cancels the tasks not started and waits for the rest',
      withExecutor(async (s) => {
        const futures = Array.from({ length: 40 }, (_, i) => call(s, s.tasks.sleepy, 100, i));
        await s.executor.shutdown({ cancelFutures: true });
        assert.deepEqual(
          futures.map((f) => f.done()),
          futures.map(() => true),
        );
        const cancelled = futures.filter((f) => f.cancelled());
        assert.ok(cancelled.length > 0, 'no task was cancelled');
        for (const f of cancelled) await assert.rejects(f.result(), CancelledError);
        for (const [i, f] of futures.entries()) if (!f.cancelled()) assert.equal(await f, i);
      }),
    );

    it(
      'shutdown waits for submitted work; await using disposes',
      withExecutor(async (s) => {
        const futures = Array.from({ length: 10 }, (_, i) => call(s, s.tasks.sleepy, 20, i));
        await s.executor.shutdown({ wait: true });
        assert.deepEqual(
          futures.map((f) => f.done()),
          futures.map(() => true),
        );
        assert.deepEqual(await Promise.all(futures), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        const other = await open();
        let scoped: Future<unknown>[];
        {
          await using executor = other.executor;
          scoped = Array.from({ length: 3 }, (_, i) => executor.submit(other.tasks.sleepy, 20, i));
        }
        assert.deepEqual(
          scoped.map((f) => f.done()),
          [true, true, true],
        );
        assert.deepEqual(await Promise.all(scoped), [0, 1, 2]);
        assert.throws(() => other.executor.submit(other.tasks.add, 1, 2), ExecutorShutdownError);
      }),
    );
  });
}
