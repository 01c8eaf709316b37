import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, Future, TimeoutError, asCompleted, wait } from '../../src/futures/index.js';

function later<T>(ms: number, value: T, fail = false): Future<T> {
  const f = new Future<T>();
  setTimeout(() => (fail ? f.setException(new Error(String(value))) : f.setResult(value)), ms);
  return f;
}

test('wait() with FIRST_COMPLETED returns once one future is done', async () => {
  const fast = later(5, 'fast');
  const slow = later(300, 'slow');
  const { done, notDone } = await wait([fast, slow], { returnWhen: FIRST_COMPLETED });
  assert.deepEqual([...done], [fast]);
  assert.deepEqual([...notDone], [slow]);
});

test('wait() with FIRST_EXCEPTION returns at the first failure, or when all are done', async () => {
  const ok = later(5, 'ok');
  const bad = later(20, 'bad', true);
  const slow = later(400, 'slow');
  const first = await wait([ok, bad, slow], { returnWhen: FIRST_EXCEPTION });
  assert.deepEqual(new Set(first.done), new Set([ok, bad]));
  assert.deepEqual([...first.notDone], [slow]);
  const a = later(5, 1);
  const b = later(10, 2);
  const all = await wait([a, b], { returnWhen: FIRST_EXCEPTION });
  assert.equal(all.done.size, 2);
});

test('wait() defaults to ALL_COMPLETED and returns what is done when the timeout passes', async () => {
  const a = later(5, 1);
  const b = later(10, 2);
  const all = await wait([a, b]);
  assert.equal(all.done.size, 2);
  assert.equal(all.notDone.size, 0);
  const never = new Future();
  const partial = await wait([a, never], { timeout: 30, returnWhen: ALL_COMPLETED });
  assert.deepEqual([...partial.done], [a]);
  assert.deepEqual([...partial.notDone], [never]);
});

test('wait() rejects a misspelt returnWhen with a suggestion', async () => {
  await assert.rejects(wait([], { returnWhen: 'FIRST_COMPLETE' as never }), /Did you mean 'FIRST_COMPLETED'\?/);
});

test('asCompleted() yields done futures first, then in completion order, each future once', async () => {
  const done = new Future<string>();
  done.setResult('already');
  const slow = later(60, 'slow');
  const fast = later(10, 'fast');
  const order: string[] = [];
  for await (const f of asCompleted([slow, done, fast, done])) order.push(await f.result());
  assert.deepEqual(order, ['already', 'fast', 'slow']);
});

test('asCompleted() hands back each original Future behind a non-awaitable handle, cancelled ones included', async () => {
  const c = new Future<number>();
  c.cancel();
  const ok = new Future<number>();
  ok.setResult(7);
  const seen: Future<number>[] = [];
  for await (const f of asCompleted([c, ok])) {
    // The handle is not thenable, so for-await cannot unwrap it and its static type is the runtime type.
    assert.equal((f as unknown as { then?: unknown }).then, undefined);
    seen.push(f.future);
    if (f.future === c) {
      assert.equal(f.cancelled(), true);
      await assert.rejects(f.result(), { name: 'CancelledError' });
    } else {
      assert.equal(await f.result(), 7);
      assert.equal(await f.exception(), undefined);
    }
  }
  assert.deepEqual(seen, [c, ok]);
});

test('asCompleted() throws TimeoutError when futures are unfinished at the timeout', async () => {
  const fast = later(5, 'fast');
  const never = new Future();
  const got: unknown[] = [];
  await assert.rejects(
    async () => {
      for await (const f of asCompleted([fast, never], { timeout: 50 })) got.push(await f.result());
    },
    (e: unknown) => e instanceof TimeoutError && /1 \(of 2\) futures unfinished after 50 ms/.test(e.message),
  );
  assert.deepEqual(got, ['fast']);
});
