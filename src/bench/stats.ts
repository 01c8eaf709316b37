// The statistics of `ts314 bench`: summaries, Student-t confidence intervals, Tukey outliers and Welch's t-test.
import { percentile } from '../gc/summary.js';
import type { BenchStats } from './result.js';

/** Two-sided confidence level of `BenchStats.ci95` and the significance level of compare. */
export const CONFIDENCE = 0.95;

/** Tukey's fence factor: samples beyond 1.5 IQR outside the quartiles count as outliers. */
export const TUKEY_FENCE = 1.5;

/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample variance (divides by n - 1, like Python's statistics.variance); 0 for fewer than two values. */
export function variance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - m) ** 2;
  return sum / (n - 1);
}

/** Sample standard deviation (n - 1, like Python's statistics.stdev); 0 for fewer than two values. */
export function std(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

/**
 * The p-th percentile (0-100) by linear interpolation between closest ranks: numpy's default
 * (`method='linear'`, Hyndman & Fan type 7), the same as ts314/gc's summaries.
 * @example
 * quantile([1, 2, 3, 4], 50); // 2.5
 */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  return percentile(
    [...values].sort((a, b) => a - b),
    p,
  );
}

/** The middle value (the mean of the two middle values for an even count): quantile 50. */
export function median(values: readonly number[]): number {
  return quantile(values, 50);
}

/** Samples outside Tukey's fences [Q1 - 1.5 IQR, Q3 + 1.5 IQR], quartiles by numpy's linear rule. */
export function tukeyOutliers(values: readonly number[]): number {
  if (values.length < 4) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = percentile(sorted, 25);
  const q3 = percentile(sorted, 75);
  const low = q1 - TUKEY_FENCE * (q3 - q1);
  const high = q3 + TUKEY_FENCE * (q3 - q1);
  let count = 0;
  for (const v of sorted) if (v < low || v > high) count++;
  return count;
}

// Lanczos approximation (g = 7, n = 9), accurate to ~15 significant digits for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes' betacf). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  const EPSILON = 1e-15;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1: the CDF of the
 * Beta(a, b) distribution, from which Student's t distribution follows.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  // The continued fraction converges fast only for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(|T| ≥ |t|) for Student's t with `df` degrees of freedom (df may be fractional, as in Welch's test). */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * The quantile t such that P(|T| ≤ t) = `confidence` for Student's t with `df` degrees of freedom,
 * found by bisection on the exact CDF (so t(0.95, 1) = 12.7062…, t(0.95, ∞) → 1.95996…).
 */
export function studentTQuantile(confidence: number, df: number): number {
  if (!(confidence > 0 && confidence < 1) || !(df > 0)) return Number.NaN;
  const alpha = 1 - confidence;
  let low = 0;
  let high = 1;
  while (studentTTwoSidedP(high, df) > alpha) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const mid = (low + high) / 2;
    if (studentTTwoSidedP(mid, df) > alpha) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** The `confidence` interval of the mean (Student t, n - 1 df); [mean, mean] for fewer than two values. */
export function confidenceInterval(values: readonly number[], confidence = CONFIDENCE): [number, number] {
  const m = mean(values);
  const n = values.length;
  if (n < 2) return [m, m];
  const half = studentTQuantile(confidence, n - 1) * (std(values) / Math.sqrt(n));
  return [m - half, m + half];
}

/** The outcome of Welch's unequal-variances t-test. */
export interface WelchResult {
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  /** Two-sided p-value. */
  readonly p: number;
}

/**
 * Welch's t-test of equal means without assuming equal variances, with the Welch–Satterthwaite
 * degrees of freedom and a two-sided p-value from the exact t distribution. Null when either sample
 * has fewer than two values. Two constant samples give p = 1 when equal and p = 0 when not.
 * @example
 * welchTest([0.7, -1.6, -0.2], [1.9, 0.8, 1.1]).p;
 */
export function welchTest(a: readonly number[], b: readonly number[]): WelchResult | null {
  if (a.length < 2 || b.length < 2) return null;
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const diff = mean(a) - mean(b);
  const se2 = va + vb;
  if (se2 === 0) return { t: diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity, df: a.length + b.length - 2, p: diff === 0 ? 1 : 0 };
  const t = diff / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  return { t, df, p: studentTTwoSidedP(t, df) };
}

/**
 * Every statistic of BenchStats from per-operation sample times in ms.
 * @example
 * summarizeSamples([1.1, 1.0, 1.2], 1000, 1).p95;
 */
export function summarizeSamples(raw: readonly number[], callsPerSample: number, opsPerCall: number): BenchStats {
  const sorted = [...raw].sort((a, b) => a - b);
  const m = mean(raw);
  return {
    samples: raw.length,
    callsPerSample,
    opsPerCall,
    mean: m,
    std: std(raw),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    opsPerSec: 1000 / m,
    ci95: confidenceInterval(raw, CONFIDENCE),
    outliers: tukeyOutliers(raw),
    raw: [...raw],
  };
}
