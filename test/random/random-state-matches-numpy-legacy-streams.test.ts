import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RandomState } from '../../src/random/index.js';
import { call, encode, loadFixture } from './numpy-calls.js';

const fixture = loadFixture();

for (const program of fixture.programs) {
  test(`RandomState(${JSON.stringify(program.seed).slice(0, 40)}) replays NumPy ${fixture.numpy}'s legacy calls bit for bit`, () => {
    const rs = new RandomState(program.seed);
    for (const [step, { call: spec, out }] of program.calls.entries()) {
      assert.deepEqual(encode(spec[0], call(rs, spec)), out, `call ${step}: ${JSON.stringify(spec)}`);
    }
  });
}

test('a Uint32Array seed is the same seed as the equal number array', () => {
  const program = fixture.programs.find((p) => Array.isArray(p.seed))!;
  const rs = new RandomState(Uint32Array.from(program.seed as number[]));
  const { call: spec, out } = program.calls[0]!;
  assert.deepEqual(encode(spec[0], call(rs, spec)), out);
});

test('seed() restarts the stream and drops the cached Gaussian, as np.random.seed does', () => {
  const program = fixture.programs.find((p) => p.seed === 42)!;
  const rs = new RandomState(1);
  rs.randn(); // leaves a cached second value behind
  rs.seed(42);
  for (const { call: spec, out } of program.calls.slice(0, 6)) assert.deepEqual(encode(spec[0], call(rs, spec)), out);
});

test('getState/setState resume the stream exactly, cached Gaussian included', () => {
  const program = fixture.programs.find((p) => p.seed === 0)!;
  const rs = new RandomState(0);
  const calls = program.calls;
  for (const { call: spec } of calls.slice(0, 4)) call(rs, spec); // up to `randn(7)`, which leaves a value cached
  const saved = rs.getState();
  assert.equal(saved.hasGauss, true);
  const other = new RandomState(123);
  other.setState(saved);
  for (const { call: spec, out } of calls.slice(4, 12)) assert.deepEqual(encode(spec[0], call(other, spec)), out);
});
