import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { create, getCurrent, getMain, listAll, task, Interpreter, InterpreterError } from '../../src/interpreters/index.js';
import type * as Inside from './fixtures/inside.js';

const inside = new URL('./fixtures/inside.ts', import.meta.url);

test('create() returns a worker-backed Interpreter with an id, whence and Python-style repr', async () => {
  await using interp = create();
  assert.ok(interp instanceof Interpreter);
  assert.ok(Number.isInteger(interp.id) && interp.id > 0);
  assert.equal(interp.whence, '_interpreters module');
  assert.equal(String(interp), `Interpreter(${interp.id})`);
  assert.equal(inspect(interp), `Interpreter(${interp.id}, whence="_interpreters module")`);
  const second = create();
  assert.notEqual(second.id, interp.id);
  await second.close();
});

test('getMain() and getCurrent() on the main thread are the same id-0 interpreter, one object per id', () => {
  const main = getMain();
  assert.equal(main.id, 0);
  assert.equal(main.whence, 'runtime init');
  assert.equal(getCurrent(), main);
  assert.equal(getMain(), main);
  assert.equal(main.isRunning(), true);
});

test('listAll() lists main and live interpreters in creation order, and drops closed ones', async () => {
  const a = create();
  const b = create();
  const ids = listAll().map((i) => i.id);
  assert.equal(ids[0], 0);
  assert.ok(ids.indexOf(a.id) > 0 && ids.indexOf(b.id) > ids.indexOf(a.id));
  await a.close();
  assert.ok(!listAll().includes(a));
  assert.ok(listAll().includes(b));
  await b.close();
  assert.ok(!listAll().includes(b));
});

test('getCurrent() inside an interpreter returns that interpreter, with its id and whence', async () => {
  await using interp = create();
  const who = await interp.call(task<typeof Inside.whoAmI>(inside, 'whoAmI'));
  assert.deepEqual(who, {
    id: interp.id,
    whence: '_interpreters module',
    repr: `Interpreter(${interp.id})`,
    mainId: 0,
    listed: ['Interpreter(0)', `Interpreter(${interp.id})`],
    same: true,
  });
});

test('an interpreter can create its own interpreter, whose id is its thread id', async () => {
  await using interp = create();
  const report = await interp.call(task<typeof Inside.nested>(inside, 'nested'));
  assert.equal(report.outer, interp.id);
  assert.equal(report.innerSees, report.inner);
  assert.notEqual(report.inner, interp.id);
});

test('isRunning() is true while a call is in flight and false when idle', async () => {
  await using interp = create();
  assert.equal(interp.isRunning(), false);
  const pending = interp.call((ms: number) => new Promise((resolve) => setTimeout(() => resolve('done'), ms)), 150);
  assert.equal(interp.isRunning(), true);
  assert.equal(await pending, 'done');
  assert.equal(interp.isRunning(), false);
});

test('the main interpreter and the current one cannot be closed or sent code, as in Python', async () => {
  await assert.rejects(getMain().close(), (error: Error) => error instanceof InterpreterError && /current interpreter/.test(error.message));
  await assert.rejects(
    getMain().exec('1'),
    (error: Error) => error instanceof InterpreterError && /already running this code/.test(error.message),
  );
  await using interp = create();
  assert.match(
    await interp.call(task<typeof Inside.closeSelf>(inside, 'closeSelf')),
    /^InterpreterError: Interpreter\(\d+\) is the current interpreter; it cannot close itself/,
  );
  assert.match(
    await interp.call(task<typeof Inside.execInMain>(inside, 'execInMain')),
    /^InterpreterError: Interpreter\(0\) \(whence 'runtime init'\) was not created by this thread/,
  );
});

test('create() options reach the interpreter: env, argv and name', async () => {
  await using interp = create({ env: { TS314_PROBE: 'yes' }, argv: ['--flag'], name: 'probe' });
  const seen = await interp.call(() => ({ env: process.env.TS314_PROBE, argv: process.argv.slice(2) }));
  assert.deepEqual(seen, { env: 'yes', argv: ['--flag'] });
});

test('create() rejects mistyped and invalid options with a suggestion', () => {
  assert.throws(() => create({ resourceLimit: {} } as never), /unknown option 'resourceLimit'\. Did you mean 'resourceLimits'\?/);
  assert.throws(() => create({ resourceLimits: { maxOldGenerationSizeMB: 8 } } as never), /Did you mean 'maxOldGenerationSizeMb'\?/);
  assert.throws(() => create({ resourceLimits: { maxOldGenerationSizeMb: -1 } }), RangeError);
  assert.throws(() => create({ argv: [1] } as never), /argv must be an array of strings/);
  assert.throws(() => new (Interpreter as unknown as new (...a: unknown[]) => unknown)(Symbol('x'), 1, 'unknown'), /use create\(\)/);
});
