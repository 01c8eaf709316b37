// Monte-Carlo π from the NumPy-compatible stream: the same points inside the circle as NumPy counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { monteCarloPi, PI_SAMPLES } from '../../src/play/index.js';
import { RandomState } from '../../src/random/index.js';
import { reference } from './fixtures.js';

test('π at 100k, 500k and 1M samples equals NumPy exactly at every reference seed', () => {
  for (const c of reference.pi) {
    const rng = new RandomState(c.seed);
    monteCarloPi(rng, 1000);
    const estimates = PI_SAMPLES.map((samples) => ({ samples, ...monteCarloPi(rng, samples) }));
    assert.deepEqual(estimates, c.estimates, `seed ${c.seed}`);
    assert.deepEqual(Array.from(rng.randn(5)), c.randnHead, `seed ${c.seed}: the floats that get compressed`);
  }
});
