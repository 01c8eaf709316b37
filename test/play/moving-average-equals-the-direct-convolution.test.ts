// movingAverageValid (running sums) against np.convolve(x, ones(w)/w, 'valid') computed directly by convolveValid.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convolveValid, movingAverageValid } from '../../src/internal/numerics/correlate.js';
import { RandomState } from '../../src/random/index.js';

test('every window of every length matches the direct convolution to 1e-14 relative', () => {
  const rng = new RandomState(7);
  for (const [length, window] of [
    [2000, 50],
    [50, 50],
    [51, 50],
    [100, 50],
    [149, 50],
    [1000, 1],
    [10, 3],
    [5000, 7],
    // Long enough that running sums never re-started would drift past the limit.
    [200_000, 50],
  ] as const) {
    // Sensor-like values: a large offset with noise, where drifting running sums would show first.
    const x = Float64Array.from(rng.randn(length), (v) => 1e6 + v * 3);
    const direct = new Float64Array(length);
    const count = convolveValid(x, new Float64Array(window).fill(1 / window), direct);
    const running = new Float64Array(length);
    assert.equal(movingAverageValid(x, window, running), count, `${length} points, window ${window}`);
    for (let i = 0; i < count; i++) {
      assert.ok(
        Math.abs(running[i]! - direct[i]!) <= 1e-14 * Math.abs(direct[i]!),
        `${length}/${window} output ${i}: ${running[i]} vs ${direct[i]}`,
      );
    }
  }
});

test('a series shorter than the window has no valid outputs', () => {
  const out = new Float64Array(1).fill(-1);
  assert.equal(movingAverageValid(new Float64Array(49).fill(1), 50, out), 0);
  assert.equal(out[0], -1);
});
