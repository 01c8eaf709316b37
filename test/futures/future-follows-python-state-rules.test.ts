import { test } from 'node:test';
import { inspect } from 'node:util';
import assert from 'node:assert/strict';
import {
  CancelledError,
  Future,
  InterpreterPoolExecutor,
  InvalidArgumentError,
  InvalidStateError,
  TimeoutError,
} from '../../src/futures/index.js';

test('a future is awaitable and reports done() after its result is set', async () => {
  const f = new Future<number>();
  assert.equal(f.done(), false);
  assert.equal(f.running(), false);
  assert.equal(f.setRunningOrNotifyCancel(), true);
  assert.equal(f.running(), true);
  f.setResult(42);
  assert.equal(f.done(), true);
  assert.equal(await f, 42);
  assert.equal(await f.result(), 42);
  assert.equal(await f.exception(), undefined);
});

test('result() rejects with the task error and exception() returns it', async () => {
  const f = new Future<number>();
  const error = new RangeError('nope');
  f.setException(error);
  await assert.rejects(f.result(), (e) => e === error);
  assert.equal(await f.exception(), error);
  await assert.rejects(Promise.resolve(f), (e) => e === error);
});

test('result({ timeout }) and exception({ timeout }) throw TimeoutError while the future is pending', async () => {
  const f = new Future<number>();
  await assert.rejects(f.result({ timeout: 20 }), (e: unknown) => e instanceof TimeoutError && e.timeoutMs === 20);
  await assert.rejects(f.exception({ timeout: 5 }), TimeoutError);
  setTimeout(() => f.setResult(1), 10);
  assert.equal(await f.result({ timeout: 2000 }), 1);
});

test('cancel() works only while pending; cancelled futures raise CancelledError', async () => {
  const pending = new Future<number>();
  assert.equal(pending.cancel(), true);
  assert.equal(pending.cancel(), true);
  assert.equal(pending.cancelled(), true);
  assert.equal(pending.done(), true);
  assert.equal(pending.setRunningOrNotifyCancel(), false);
  await assert.rejects(pending.result(), CancelledError);
  await assert.rejects(pending.exception(), CancelledError);
  await assert.rejects(Promise.resolve(pending), CancelledError);

  const running = new Future<number>();
  running.setRunningOrNotifyCancel();
  assert.equal(running.cancel(), false);
  assert.equal(running.cancelled(), false);
  running.setResult(3);
  assert.equal(running.cancel(), false);
});

test('setting a result or exception twice raises InvalidStateError, as do bad state transitions', () => {
  const f = new Future<number>();
  f.setResult(1);
  assert.throws(() => f.setResult(2), InvalidStateError);
  assert.throws(() => f.setException(new Error('x')), InvalidStateError);
  assert.throws(() => f.setRunningOrNotifyCancel(), InvalidStateError);
  const c = new Future();
  c.cancel();
  assert.throws(() => c.setResult(1), InvalidStateError);
  const r = new Future();
  r.setRunningOrNotifyCancel();
  assert.throws(() => r.setRunningOrNotifyCancel(), InvalidStateError);
});

test('done callbacks run in order, immediately when already done, and a throwing one is reported not propagated', async () => {
  const f = new Future<string>();
  const calls: string[] = [];
  const warnings: Error[] = [];
  const onWarning = (w: Error): void => void warnings.push(w);
  process.on('warning', onWarning);
  try {
    f.addDoneCallback(() => calls.push('first'));
    f.addDoneCallback(() => {
      throw new Error('callback broke');
    });
    f.addDoneCallback((done) => calls.push(`third saw done=${done.done()}`));
    assert.equal(calls.length, 0);
    f.setResult('ok');
    assert.deepEqual(calls, ['first', 'third saw done=true']);
    f.addDoneCallback(() => calls.push('late'));
    assert.deepEqual(calls, ['first', 'third saw done=true', 'late']);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!.message, /callback broke/);
    assert.equal((warnings[0]!.cause as Error).message, 'callback broke');
  } finally {
    process.off('warning', onWarning);
  }
  assert.throws(() => f.addDoneCallback('nope' as never), TypeError);
});

test('a failed future that nobody awaits raises no unhandled rejection', async () => {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void seen.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    new Future().setException(new Error('unobserved'));
    const c = new Future();
    c.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(seen, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test("a future is a native promise that await and Promise.all take as it is, a pool's futures too", async () => {
  const f = new Future<number>();
  assert.ok(f instanceof Promise);
  // Promise.resolve() returns a native promise whose constructor is Promise unchanged: no wrapper, no extra turn.
  assert.equal(Promise.resolve(f), f);
  // then() gives a plain promise, not another Future.
  assert.equal(Object.getPrototypeOf(f.then()), Promise.prototype);
  f.setResult(1);
  assert.equal(await f, 1);
  const pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  try {
    const submitted = [pool.submit((x: number) => x + 1, 1), pool.submit((x: number) => x * 3, 2)];
    for (const future of submitted) {
      assert.ok(future instanceof Future);
      assert.equal(Promise.resolve(future), future);
    }
    assert.deepEqual(await Promise.all(submitted), [2, 6]);
  } finally {
    await pool.shutdown();
  }
});

test("console.log shows a future as Python's repr does, not a pool's task record", async () => {
  const show = (future: object): string => inspect(future);
  const pending = new Future();
  assert.equal(show(pending), '<Future state=pending>');
  pending.setRunningOrNotifyCancel();
  assert.equal(show(pending), '<Future state=running>');
  pending.setResult(42);
  assert.equal(show(pending), '<Future state=finished returned number>');
  const failed = new Future();
  failed.setException(new RangeError('no'));
  assert.equal(show(failed), '<Future state=finished raised RangeError>');
  const cancelled = new Future();
  cancelled.cancel();
  assert.equal(show(cancelled), '<Future state=cancelled>');
  const empty = new Future();
  empty.setResult(null);
  assert.equal(show(empty), '<Future state=finished returned null>');
  const pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  try {
    const future = pool.submit((n: number) => new Map([[n, n]]), 1);
    await future;
    assert.equal(show(future), '<Future state=finished returned Map>');
    assert.equal(inspect({ future }), '{ future: <Future state=finished returned Map> }');
  } finally {
    await pool.shutdown();
  }
});

test('timeouts are validated and unknown option keys suggest the right one', async () => {
  const f = new Future();
  await assert.rejects(f.result({ timeout: -1 }), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /timeout must be a number of milliseconds >= 0/,
  });
  await assert.rejects(f.result({ timeout: -1 }), InvalidArgumentError);
  await assert.rejects(f.result({ timout: 5 } as never), /unknown option 'timout'. Did you mean 'timeout'\?/);
});
