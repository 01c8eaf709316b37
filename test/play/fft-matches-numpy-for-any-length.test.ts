// FftPlan against numpy.fft.fft at smooth, prime (Bluestein) and tiny lengths.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BLUESTEIN_ABOVE, FftPlan } from '../../src/internal/numerics/fft.js';
import { RandomState } from '../../src/random/index.js';
import { reference } from './fixtures.js';

test('the FFT of every reference length equals numpy.fft.fft to 1e-12 of the spectrum norm', () => {
  assert.ok(
    reference.fft.some((c) => c.n > BLUESTEIN_ABOVE && [97, 127, 1009, 4099].includes(c.n)),
    'prime lengths go through Bluestein',
  );
  for (const c of reference.fft) {
    const x = new RandomState(c.seed).randn(c.n);
    const re = new Float64Array(c.n);
    const im = new Float64Array(c.n);
    new FftPlan(c.n).transform(x, new Float64Array(c.n), re, im);
    let norm = 0;
    let worst = 0;
    for (let k = 0; k < c.n; k++) {
      norm = Math.max(norm, Math.hypot(c.re[k]!, c.im[k]!));
      worst = Math.max(worst, Math.abs(re[k]! - c.re[k]!), Math.abs(im[k]! - c.im[k]!));
    }
    assert.ok(worst <= 1e-12 * Math.max(1, norm), `n=${c.n}: largest difference ${worst} (norm ${norm})`);
  }
});
