import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, createQueue, ExecutionFailed } from '../../src/interpreters/index.js';

test('exec() runs a script whose top-level declarations persist for later exec() and call()', async () => {
  await using interp = create();
  await interp.exec('var total = 0; for (let i = 1; i <= 10; i++) total += i; const label = "sum"; function twice(x) { return 2 * x; }');
  await interp.exec('total = twice(total);');
  assert.deepEqual(await interp.call(() => [(globalThis as Record<string, unknown>).total, eval('label')]), [110, 'sum']);
});

test('exec() resolves only after a promise completion value settles', async () => {
  await using interp = create();
  await interp.exec('(async () => { await new Promise((r) => setTimeout(r, 50)); globalThis.done = true; })()');
  assert.equal(await interp.call(() => (globalThis as Record<string, unknown>).done), true);
});

test('exec() of code that throws rejects with ExecutionFailed carrying excinfo and the rebuilt cause', async () => {
  await using interp = create();
  const error = await interp.exec('function inner() { throw new TypeError("wrong type: 42"); }\ninner();').catch((e: unknown) => e);
  assert.ok(error instanceof ExecutionFailed);
  assert.equal(error.excinfo.type, 'TypeError');
  assert.equal(error.excinfo.msg, 'wrong type: 42');
  assert.match(error.excinfo.formatted, /at inner \(Interpreter\(\d+\) exec:1:/);
  assert.match(error.message, /^TypeError: wrong type: 42\n\nUncaught in the interpreter:\n\nTypeError: wrong type: 42/);
  assert.ok(error.cause instanceof TypeError);
  assert.equal((error.cause as Error).message, 'wrong type: 42');
  assert.equal((error.cause as Error).stack, error.excinfo.formatted);
});

test('exec() of invalid syntax rejects with ExecutionFailed of type SyntaxError, and the interpreter lives on', async () => {
  await using interp = create();
  const error = await interp.exec('let = = 1').catch((e: unknown) => e);
  assert.ok(error instanceof ExecutionFailed);
  assert.equal(error.excinfo.type, 'SyntaxError');
  assert.ok(error.cause instanceof SyntaxError);
  assert.equal(await interp.call(() => 'alive'), 'alive');
});

test('exec() wants a string of code', async () => {
  await using interp = create();
  await assert.rejects(
    interp.exec((() => 1) as never),
    /code must be a string of JavaScript, got function; to run a function use call\(fn\)/,
  );
});

test('prepareMain() binds copies of data and the same Queue in the interpreter namespace', async () => {
  await using interp = create();
  const queue = createQueue();
  const config = { limit: 3, tags: new Set(['a']) };
  await interp.prepareMain({ config, results: queue, big: 2n ** 70n });
  await interp.exec('config.limit += 1; results.putNowait([config.limit, [...config.tags], typeof big, big * 2n]);');
  assert.deepEqual(queue.getNowait(), [4, ['a'], 'bigint', 2n ** 71n]);
  assert.equal(config.limit, 3, 'the interpreter got a copy, not our object');
});

test('prepareMain() takes effect before work sent after it, even without awaiting it', async () => {
  await using interp = create();
  const queue = createQueue();
  const bound = interp.prepareMain({ q: queue });
  const ran = interp.exec('q.putNowait("bound in time")');
  await Promise.all([bound, ran]);
  assert.equal(queue.getNowait(), 'bound in time');
});

test('prepareMain() rejects non-objects, bad names and unshareable values by path', async () => {
  await using interp = create();
  await assert.rejects(interp.prepareMain(null as never), /expected an object of names to bind, got null/);
  await assert.rejects(interp.prepareMain({ 'not a name': 1 }), /"not a name" is not a valid JavaScript identifier/);
  await assert.rejects(interp.prepareMain({ config: { onDone: () => 1 } }), { name: 'NotShareableError', path: 'ns.config.onDone' });
});
