// pairwiseSquaredDeviations gives the bits of pairwiseSum over an array of squared deviations (numpy's std), at every block boundary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pairwiseSquaredDeviations, pairwiseSum, std } from '../../src/internal/numerics/sum.js';
import { RandomState } from '../../src/random/index.js';

test('the fused sum equals summing the stored squares, bit for bit, for lengths around 8, 128 and 2000', () => {
  const rng = new RandomState(3);
  for (const n of [0, 1, 7, 8, 9, 127, 128, 129, 255, 256, 257, 1000, 2000, 2001]) {
    const x = Float64Array.from(rng.randn(n), (v) => 40 + v * 3);
    const m = n === 0 ? 0 : pairwiseSum(x) / n;
    const squares = x.map((v) => (v - m) * (v - m));
    assert.ok(Object.is(pairwiseSquaredDeviations(x, m), pairwiseSum(squares)), `n=${n}`);
    if (n > 0) assert.ok(Object.is(Math.sqrt(pairwiseSquaredDeviations(x, m) / n), std(x)), `n=${n}: std`);
  }
});

test('a range inside a longer array sums only that range', () => {
  const x = Float64Array.from(new RandomState(5).randn(300));
  const m = 0.25;
  const inner = x.subarray(40, 240);
  assert.ok(Object.is(pairwiseSquaredDeviations(x, m, 40, 200), pairwiseSquaredDeviations(inner, m)));
});
