// The bench statistics against values computed independently (Python's statistics module, closed forms, R's textbook output).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  confidenceInterval,
  mean,
  quantile,
  regularizedIncompleteBeta,
  std,
  studentTQuantile,
  studentTTwoSidedP,
  summarizeSamples,
  tukeyOutliers,
  variance,
  welchTest,
} from '../../src/bench/stats.js';

function close(actual: number, expected: number, tolerance = 1e-9, label = ''): void {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${label} ${actual} ≠ ${expected} (±${tolerance})`);
}

// Ten timings with one slow outlier.
const SAMPLE = [12.1, 11.8, 12.6, 13.0, 11.9, 12.2, 25.0, 12.4, 12.0, 11.7];

test('mean, sample variance and std match Python statistics.mean/variance/stdev', () => {
  // python3 -c 'import statistics as s; a=[…]; print(s.mean(a), s.variance(a), s.stdev(a))'
  close(mean(SAMPLE), 13.47);
  close(variance(SAMPLE), 16.566777777777776);
  close(std(SAMPLE), 4.070230678693504);
  assert.equal(std([5]), 0, 'one value has no spread');
  assert.ok(Number.isNaN(mean([])));
});

test('percentiles use linear interpolation (numpy default) = Python quantiles(method="inclusive")', () => {
  // python3 -c 'import statistics as s; q=s.quantiles(a, n=100, method="inclusive"); print(q[24], q[49], q[74], q[94], q[98])'
  close(quantile(SAMPLE, 25), 11.925);
  close(quantile(SAMPLE, 50), 12.15);
  close(quantile(SAMPLE, 75), 12.55);
  close(quantile(SAMPLE, 95), 19.6);
  close(quantile(SAMPLE, 99), 23.92);
  close(quantile([1, 2, 3, 4], 50), 2.5);
  close(quantile([7], 95), 7);
});

test("Tukey's fences count the outlier: IQR 0.625, fences [10.9875, 13.4875]", () => {
  assert.equal(tukeyOutliers(SAMPLE), 1);
  assert.equal(tukeyOutliers([1, 2, 3, 4, 5, 6, 7, 8]), 0);
  assert.equal(tukeyOutliers([1, 1, 1, 1, 1, 1, 1, 100, -100]), 2);
});

test('the regularized incomplete beta function matches closed forms', () => {
  // I_x(1, b) = 1 - (1 - x)^b; I_x(a, 1) = x^a; I_0.5(2, 3) = 11/16; I_x(1/2, 1/2) = (2/π) asin(√x).
  close(regularizedIncompleteBeta(0.3, 1, 4), 1 - 0.7 ** 4, 1e-12);
  close(regularizedIncompleteBeta(0.6, 3, 1), 0.6 ** 3, 1e-12);
  close(regularizedIncompleteBeta(0.5, 2, 3), 11 / 16, 1e-12);
  close(regularizedIncompleteBeta(0.3, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(0.3)), 1e-12);
  close(regularizedIncompleteBeta(0.9, 50, 0.5), 1 - regularizedIncompleteBeta(0.1, 0.5, 50), 1e-12, 'symmetry');
  assert.equal(regularizedIncompleteBeta(0, 2, 3), 0);
  assert.equal(regularizedIncompleteBeta(1, 2, 3), 1);
});

test("Student's t 97.5% quantiles match closed forms and numeric integration", () => {
  // df = 1: tan(0.475π); df = 2: (2p-1)/sqrt(2p(1-p)) with p = 0.975.
  close(studentTQuantile(0.95, 1), Math.tan(0.475 * Math.PI), 1e-9);
  close(studentTQuantile(0.95, 2), 0.95 / Math.sqrt(2 * 0.975 * 0.025), 1e-9);
  // Simpson integration of the t pdf (math.lgamma) in python3, bisected to 1e-12: 2.776445105197802, 2.262157162798213, 2.045229642132806.
  close(studentTQuantile(0.95, 4), 2.7764451051978023, 1e-8);
  close(studentTQuantile(0.95, 9), 2.2621571627982133, 1e-8);
  close(studentTQuantile(0.95, 29), 2.0452296421328064, 1e-8);
  // Large df tends to the normal quantile 1.959964.
  close(studentTQuantile(0.95, 1e7), 1.959963984540054, 1e-6);
  // Same integration: P(|T| ≥ 2.5) with 7 df.
  close(studentTTwoSidedP(2.5, 7), 0.04099221858573576, 1e-8);
});

test('the 95% confidence interval is mean ± t(0.975, n-1)·s/√n', () => {
  const [low, high] = confidenceInterval(SAMPLE);
  const half = 2.2621571627982133 * (4.070230678693504 / Math.sqrt(10));
  close(low, 13.47 - half, 1e-8);
  close(high, 13.47 + half, 1e-8);
  assert.deepEqual(confidenceInterval([3]), [3, 3]);
});

test("Welch's t-test matches R's t.test on the sleep data (t = -1.8608, df = 17.776, p = 0.07939)", () => {
  // R: t.test(extra ~ group, data = sleep) → t = -1.8608, df = 17.776, p-value = 0.07939 (Welch Two Sample t-test).
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  const result = welchTest(group1, group2)!;
  close(result.t, -1.8608, 1e-4);
  close(result.df, 17.776, 1e-4);
  close(result.p, 0.07939, 1e-4);
  // Swapping the samples flips t but not p.
  close(welchTest(group2, group1)!.p, result.p, 1e-12);
});

test('Welch handles degenerate samples without NaN', () => {
  assert.equal(welchTest([1], [1, 2]), null);
  assert.equal(welchTest([2, 2, 2], [2, 2, 2])!.p, 1);
  assert.equal(welchTest([2, 2, 2], [3, 3, 3])!.p, 0);
  // Clearly different means give a tiny p.
  assert.ok(welchTest([1.0, 1.1, 0.9, 1.05, 0.95], [2.0, 2.1, 1.9, 2.05, 1.95])!.p < 1e-6);
});

test('summarizeSamples fills every BenchStats field consistently', () => {
  const stats = summarizeSamples(SAMPLE, 100, 1000);
  assert.equal(stats.samples, 10);
  assert.equal(stats.callsPerSample, 100);
  assert.equal(stats.opsPerCall, 1000);
  close(stats.mean, 13.47);
  close(stats.std, 4.070230678693504);
  assert.equal(stats.min, 11.7);
  assert.equal(stats.max, 25.0);
  close(stats.p50, 12.15);
  close(stats.p95, 19.6);
  close(stats.p99, 23.92);
  close(stats.opsPerSec, 1000 / 13.47);
  assert.equal(stats.outliers, 1);
  assert.deepEqual(stats.raw, SAMPLE);
  assert.ok(stats.ci95[0] < stats.mean && stats.mean < stats.ci95[1]);
});
