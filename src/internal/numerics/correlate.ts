// np.convolve(…, 'valid') and np.corrcoef for two series: the sensor analytics' kernels.
import { mean } from './sum.js';

/**
 * np.convolve(x, kernel, mode='valid') into out (length |x| − |kernel| + 1; the longer input plays x,
 * as in numpy). Returns the number of outputs written.
 */
export function convolveValid(x: Float64Array, kernel: Float64Array, out: Float64Array): number {
  const [a, v] = x.length >= kernel.length ? [x, kernel] : [kernel, x];
  const m = v.length;
  const count = a.length - m + 1;
  let i = 0;
  // Four outputs per pass share each kernel load; each output still adds its terms in order j = 0 … m − 1.
  for (; i + 3 < count; i += 4) {
    let acc0 = 0;
    let acc1 = 0;
    let acc2 = 0;
    let acc3 = 0;
    for (let j = 0; j < m; j++) {
      const w = v[m - 1 - j]!;
      acc0 += a[i + j]! * w;
      acc1 += a[i + j + 1]! * w;
      acc2 += a[i + j + 2]! * w;
      acc3 += a[i + j + 3]! * w;
    }
    out[i] = acc0;
    out[i + 1] = acc1;
    out[i + 2] = acc2;
    out[i + 3] = acc3;
  }
  for (; i < count; i++) {
    let acc = 0;
    for (let j = 0; j < m; j++) acc += a[i + j]! * v[m - 1 - j]!;
    out[i] = acc;
  }
  return count;
}

/**
 * np.corrcoef(x, y)[0, 1]: the covariance over the product of the standard deviations (numpy's
 * pairwise means; the products are summed left to right where numpy calls BLAS, so the last bits
 * can differ), clipped to [−1, 1].
 */
export function corrcoef(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return pearson(sxy, sxx, syy, n);
}

/**
 * np.corrcoef's coefficient from the sums of the deviations' products Σdx·dy, Σdx², Σdy² over n
 * points, as corrcoef() divides them, clipped to [−1, 1]: for a caller that sums them in a pass of its own.
 */
export function pearson(sxy: number, sxx: number, syy: number, n: number): number {
  const fact = n - 1;
  const r = sxy / fact / Math.sqrt(sxx / fact) / Math.sqrt(syy / fact);
  return Math.min(1, Math.max(-1, r));
}

/**
 * np.convolve(x, np.ones(window) / window, mode='valid'), the moving average, into out (length
 * |x| − window + 1) in O(|x|): each output adds the point entering the window and drops the one
 * leaving it. Each block of `window` outputs starts from a freshly summed window, so rounding
 * cannot drift along the series (outputs stay within ~1e-15 relative of the direct convolution).
 * Returns the number of outputs written (0 when x is shorter than the window).
 */
export function movingAverageValid(x: Float64Array, window: number, out: Float64Array): number {
  const count = x.length - window + 1;
  if (count <= 0) return 0;
  const scale = 1 / window;
  for (let blockStart = 0; blockStart < count; blockStart += window) {
    let sum = 0;
    for (let j = blockStart; j < blockStart + window; j++) sum += x[j]!;
    out[blockStart] = sum * scale;
    const blockEnd = Math.min(count, blockStart + window);
    for (let i = blockStart + 1; i < blockEnd; i++) {
      sum += x[i + window - 1]! - x[i - 1]!;
      out[i] = sum * scale;
    }
  }
  return count;
}
