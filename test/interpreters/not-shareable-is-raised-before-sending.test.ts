import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, createQueue, isShareable, NotShareableError } from '../../src/interpreters/index.js';

test('a function inside an argument is refused before sending, naming its path args[1].onDone', async () => {
  await using interp = create();
  await interp.exec('globalThis.calls = 0');
  const error = await interp
    .call(
      (_a: number, _b: object) => {
        (globalThis as unknown as { calls: number }).calls++;
      },
      1,
      { onDone: () => 'x' },
    )
    .catch((e: unknown) => e);
  assert.ok(error instanceof NotShareableError);
  assert.ok(error instanceof TypeError, 'NotShareableError is a TypeError, as in Python');
  assert.equal(error.path, 'args[1].onDone');
  assert.match(error.message, /^args\[1\]\.onDone is not shareable: functions cannot be sent as data \(onDone\)/);
  assert.equal(await interp.call(() => (globalThis as Record<string, unknown>).calls), 0, 'nothing ran in the interpreter');
});

test('class instances, symbols and symbol keys are refused with paths and reasons', async () => {
  await using interp = create();
  class Point {
    constructor(readonly x: number) {}
  }
  await assert.rejects(
    interp.call((p: unknown) => p, [{ at: new Point(1) }]),
    {
      name: 'NotShareableError',
      path: 'args[0][0].at',
      message: /it is a Point instance; only plain data crosses/,
    },
  );
  await assert.rejects(
    interp.call((s: unknown) => s, Symbol('s')),
    { path: 'args[0]', message: /symbols cannot be sent/ },
  );
  await assert.rejects(
    interp.call((m: unknown) => m, new Map([['k', { f() {} }]])),
    { path: 'args[0].get("k").f' },
  );
});

test('isShareable() accepts data, buffers and queues and refuses functions and class instances', () => {
  assert.equal(isShareable({ a: [1, 'b', 2n, null, undefined, new Date(), /x/g] }), true);
  assert.equal(isShareable(new Uint8Array(4)), true);
  assert.equal(isShareable(new SharedArrayBuffer(8)), true);
  assert.equal(isShareable(createQueue()), true);
  assert.equal(isShareable(new Error('e')), true);
  assert.equal(
    isShareable(() => 1),
    false,
  );
  assert.equal(isShareable({ nested: { fn: Math.max } }), false);
  assert.equal(isShareable(new (class Foo {})()), false);
  assert.equal(isShareable(Symbol('s')), false);
});
