import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RandomState, randn, seed } from '../../src/random/index.js';
import { call, encode, loadFixture, sha256 } from './numpy-calls.js';

const fixture = loadFixture();

for (const stream of fixture.streams) {
  test(`seed ${stream.seed}: ${stream.name} equals NumPy's bit for bit`, () => {
    const rs = new RandomState(stream.seed);
    if (stream.calls) {
      for (const { call: spec, out } of stream.calls) assert.deepEqual(encode(spec[0], call(rs, spec)), out, JSON.stringify(spec));
      return;
    }
    const { call: spec, times } = stream.repeat!;
    const [, size] = spec as [string, number];
    const all = new Float64Array(size * times);
    for (let i = 0; i < times; i++) all.set(call(rs, spec) as Float64Array, i * size);
    assert.equal(sha256(all), stream.sha256);
  });
}

test('the module-level functions share one generator, as np.random.seed / np.random.randn do', () => {
  const sensors = fixture.streams.find((s) => s.repeat)!;
  seed(sensors.seed);
  const first = randn(5);
  assert.deepEqual(encode('randn', first), sensors.first);
});
