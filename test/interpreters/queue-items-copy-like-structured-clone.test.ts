import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createQueue } from '../../src/interpreters/index.js';

function roundTrip<T>(value: T): T {
  const q = createQueue<T>({ byteCapacity: 4 * 1024 * 1024 });
  q.putNowait(value);
  return q.getNowait();
}

test('numbers keep -0, NaN, infinities, doubles and int32 edges', () => {
  const numbers = [0, -0, NaN, Infinity, -Infinity, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 0.1, -1.5e300, Number.MIN_VALUE];
  const back = roundTrip(numbers);
  for (const [i, n] of numbers.entries()) assert.ok(Object.is(back[i], n), `${n} came back as ${back[i]}`);
});

test('strings of every kind come back exact: empty, ASCII, non-ASCII, emoji, lone surrogates, long', () => {
  const strings = ['', 'plain', 'caf\u00e9', '\u65e5\u672c\u8a9e', '\u{1F600} smile', 'x'.repeat(100_000), 'a\u00e9'.repeat(40), '\0\x7f'];
  assert.deepEqual(roundTrip(strings), strings);
  assert.equal(roundTrip('lone \ud800 surrogate'), 'lone \ud800 surrogate');
  assert.deepEqual(roundTrip({ k: '\udc00'.repeat(70) }), { k: '\udc00'.repeat(70) });
});

test('object shapes survive: key order, __proto__ as an own key, nested arrays and undefined values', () => {
  const value = JSON.parse('{"b":1,"a":[1,[2,[3]]],"__proto__":{"own":true}}') as Record<string, unknown>;
  value.u = undefined;
  const back = roundTrip(value);
  assert.deepEqual(Object.keys(back), ['b', 'a', '__proto__', 'u']);
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(back, '__proto__')?.value, { own: true });
  assert.ok('u' in back && back.u === undefined);
});

test('shared references, cycles, sparse arrays and extra array properties are kept as structured clone keeps them', () => {
  const shared = { n: 1 };
  const pair = roundTrip({ x: shared, y: shared });
  assert.equal(pair.x, pair.y, 'one object referenced twice stays one object');
  const cyclic: Record<string, unknown> = { name: 'loop' };
  cyclic.self = cyclic;
  const backCycle = roundTrip(cyclic);
  assert.equal(backCycle.self, backCycle);
  const sparse = [1, , 3];
  const backSparse = roundTrip(sparse);
  assert.equal(1 in backSparse, false);
  assert.equal(backSparse.length, 3);
  const tagged = Object.assign([1, 2], { label: 'extra' });
  assert.equal(roundTrip(tagged).label, 'extra');
});

test('deep and wide values of plain data come back equal', () => {
  let deep: unknown = 'bottom';
  for (let i = 0; i < 200; i++) deep = { i, next: deep };
  assert.deepEqual(roundTrip(deep), deep);
  const wide = Array.from({ length: 500 }, (_, i) => ({ i, tags: [`t${i}`], ok: i % 2 === 0, none: null }));
  assert.deepEqual(roundTrip(wide), wide);
});

test('non-plain data (BigInt, Date, Map, Set, typed arrays, errors) takes the v8 path and matches structuredClone', () => {
  const value = {
    when: new Date(1234),
    big: -(2n ** 100n),
    map: new Map<unknown, unknown>([[{ k: 1 }, new Set([1, 'a'])]]),
    bytes: new Float64Array([1.5, -2]),
    err: new TypeError('t'),
    re: /a+/gi,
  };
  const back = roundTrip(value);
  const clone = structuredClone(value);
  assert.deepEqual({ ...back, err: back.err.message }, { ...clone, err: clone.err.message });
  assert.ok(back.err instanceof TypeError);
});
