// convert(): !r and !a of strings match CPython's repr()/ascii() (checked live), other JS values as documented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, t, Interpolation } from '../../src/templatelib/index.js';
import { runPython } from '../helpers/python.js';

const STRINGS = [
  'plain',
  "it's",
  'say "hi"',
  `both ' and "`,
  'tab\there',
  'nl\n',
  'cr\r',
  'back\\slash',
  'nul\u0000',
  'bell\u0007',
  'del\u007f',
  'c1\u0085',
  'nbsp\u00a0',
  'é',
  '€',
  '😀',
  'zw\u200b',
  'ls\u2028',
  'bidi\u202e',
  'pua\ue000',
  'ideographic\u3000space',
  '',
  "'",
];

test('!r and !a of tricky strings equal CPython repr() and ascii()', () => {
  const stdout = runPython(
    { code: 'import json,sys\nfor s in json.load(sys.stdin): print(json.dumps([repr(s), ascii(s)]))' },
    JSON.stringify(STRINGS),
  );
  const expected = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as [string, string]);
  STRINGS.forEach((s, i) => {
    assert.equal(convert(s, 'r'), expected[i]![0], `repr ${JSON.stringify(s)}`);
    assert.equal(convert(s, 'a'), expected[i]![1], `ascii ${JSON.stringify(s)}`);
  });
});

test('!r of numbers, containers and None reads like Python', () => {
  assert.equal(convert(1, 'r'), '1');
  assert.equal(convert(1.5, 'r'), '1.5');
  assert.equal(convert(-0, 'r'), '-0.0');
  assert.equal(convert(1e16, 'r'), '1e+16');
  assert.equal(convert(NaN, 'r'), 'nan');
  assert.equal(convert(-Infinity, 'r'), '-inf');
  assert.equal(convert(10n ** 20n, 'r'), '100000000000000000000');
  assert.equal(convert(true, 'r'), 'True');
  assert.equal(convert(null, 'r'), 'None');
  assert.equal(convert(undefined, 's'), 'None');
  assert.equal(convert([1, 'a', [null]], 'r'), "[1, 'a', [None]]");
  assert.equal(convert({ a: 1, 'b c': 'x' }, 'r'), "{'a': 1, 'b c': 'x'}");
  assert.equal(convert(new Map([[1, 'x']]), 'r'), "{1: 'x'}");
  assert.equal(convert(new Set(), 'r'), 'set()');
  assert.equal(convert(new Set([1]), 'r'), '{1}');
  assert.equal(convert(new Uint8Array([1, 2]), 'r'), '[1, 2]');
  assert.equal(convert(new Date(0), 'r'), "Date('1970-01-01T00:00:00.000Z')");
  assert.equal(convert(new Date(0), 's'), '1970-01-01T00:00:00.000Z');
  class Point {
    constructor(
      public x: number,
      public y: number,
    ) {}
  }
  assert.equal(convert(new Point(1, 2), 'r'), 'Point(x=1, y=2)');
  const loop: unknown[] = [];
  loop.push(loop);
  assert.equal(convert(loop, 'r'), '[[...]]');
  assert.equal(convert(t`a${1}`, 'r'), "Template(strings=('a', ''), interpolations=(Interpolation(1, '', None, ''),))");
  assert.equal(convert(new Interpolation('x', 'y'), 's'), "Interpolation('x', 'y', None, '')");
});
