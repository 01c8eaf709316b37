// RealFftPlan (the sensors' real-input FFT) against numpy.fft.fft and against the complex FftPlan, even and odd lengths.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FftPlan, RealFftPlan } from '../../src/internal/numerics/fft.js';
import { RandomState } from '../../src/random/index.js';
import { reference } from './fixtures.js';

test('bins 0 … n/2 of every reference length equal numpy.fft.fft to 1e-12 of the spectrum norm', () => {
  assert.ok(
    reference.fft.some((c) => c.n % 2 === 0) && reference.fft.some((c) => c.n % 2 === 1),
    'both packed (even) and complex (odd) lengths are covered',
  );
  for (const c of reference.fft) {
    const x = new RandomState(c.seed).randn(c.n);
    const plan = new RealFftPlan(c.n);
    assert.equal(plan.bins, Math.floor(c.n / 2) + 1);
    const re = new Float64Array(plan.bins);
    const im = new Float64Array(plan.bins);
    plan.transform(x, re, im);
    let norm = 0;
    let worst = 0;
    for (let k = 0; k < plan.bins; k++) {
      norm = Math.max(norm, Math.hypot(c.re[k]!, c.im[k]!));
      worst = Math.max(worst, Math.abs(re[k]! - c.re[k]!), Math.abs(im[k]! - c.im[k]!));
    }
    assert.ok(worst <= 1e-12 * Math.max(1, norm), `n=${c.n}: largest difference ${worst} (norm ${norm})`);
  }
});

test('even lengths whose half needs Bluestein or odd radices agree with the complex transform', () => {
  for (const n of [4, 6, 10, 194, 2018, 2 * 3 * 7 * 11]) {
    const x = new RandomState(n).randn(n);
    const fullRe = new Float64Array(n);
    const fullIm = new Float64Array(n);
    new FftPlan(n).transform(x, new Float64Array(n), fullRe, fullIm);
    const plan = new RealFftPlan(n);
    const re = new Float64Array(plan.bins);
    const im = new Float64Array(plan.bins);
    plan.transform(x, re, im);
    for (let k = 0; k < plan.bins; k++) {
      assert.ok(Math.abs(re[k]! - fullRe[k]!) <= 1e-11 && Math.abs(im[k]! - fullIm[k]!) <= 1e-11, `n=${n} bin ${k}`);
    }
  }
});

test('short inputs and outputs are refused', () => {
  const plan = new RealFftPlan(8);
  assert.throws(() => plan.transform(new Float64Array(7), new Float64Array(5), new Float64Array(5)), RangeError);
  assert.throws(() => plan.transform(new Float64Array(8), new Float64Array(4), new Float64Array(5)), RangeError);
  assert.throws(() => new RealFftPlan(0), RangeError);
});
