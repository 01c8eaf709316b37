import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError, InvalidValueError, RandomState } from '../../src/random/index.js';
import { type CallSpec, call, loadFixture } from './numpy-calls.js';

const fixture = loadFixture();
/** NumPy's ValueError is a value out of range, its TypeError a value of the wrong kind. */
const EXPECTED = { ValueError: InvalidValueError, TypeError: InvalidArgumentError } as const;

for (const { call: spec, raises } of fixture.errors) {
  test(`${JSON.stringify(spec)} throws ${raises === null ? 'nothing' : `the counterpart of NumPy's ${raises}`}`, () => {
    const rs = new RandomState(0);
    const run = (): unknown => (spec[0] === 'seed' ? rs.seed(spec[1] as number) : call(rs, spec as CallSpec));
    if (raises === null) return void run();
    const ErrorClass = EXPECTED[raises as keyof typeof EXPECTED];
    assert.ok(ErrorClass, `no ts314 counterpart for ${raises}`);
    assert.throws(run, (error: Error) => {
      assert.ok(error instanceof ErrorClass, `${error.name}: ${error.message}`);
      assert.match(error.message, /^RandomState\.\w+\(\): /);
      return true;
    });
  });
}

test('arguments of the wrong kind are InvalidArgumentErrors naming what was wrong', () => {
  const rs = new RandomState(0);
  assert.throws(() => rs.seed('42' as unknown as number), { name: 'InvalidArgumentError', message: /seed must be an integer/ });
  assert.throws(() => rs.normal('0' as unknown as number), { name: 'InvalidArgumentError', message: /loc must be a number/ });
  assert.throws(() => rs.choice({} as unknown as number), { name: 'InvalidArgumentError', message: /a must be an array or an integer/ });
  assert.throws(() => rs.shuffle('abc' as unknown as number[]), { name: 'InvalidArgumentError' });
  assert.throws(() => rs.random(2.5), { name: 'InvalidArgumentError', message: /size must be an integer/ });
});

test('a mistyped choice option gets "Did you mean"', () => {
  const rs = new RandomState(0);
  assert.throws(() => rs.choice(3, 2, { replac: false } as never), /Did you mean 'replace'\?/);
});

test('a failed call leaves the stream where it was', () => {
  const a = new RandomState(5);
  const b = new RandomState(5);
  assert.throws(() => a.choice(3, 4, { replace: false }));
  assert.throws(() => a.normal(0, -1, 10));
  assert.equal(a.random(), b.random());
});
