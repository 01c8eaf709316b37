// NumPy's pairwise summation, so means and standard deviations agree with numpy to the last bit.

/** NumPy's PW_BLOCKSIZE: below it, eight interleaved accumulators; above it, split in two. */
const BLOCK = 128;

/**
 * Σ a[start … start+n) in exactly numpy's order (`pairwise_sum_DOUBLE`): a plain loop under 8
 * elements, 8 accumulators up to 128, else the halves (cut at a multiple of 8) summed recursively.
 * Error grows as O(log n) instead of O(n), and `np.sum`, `np.mean` and `np.std` of a contiguous
 * float64 array are reproduced bit for bit.
 */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = start; i < start + n; i++) res += a[i]!;
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[start]!,
      r1 = a[start + 1]!,
      r2 = a[start + 2]!,
      r3 = a[start + 3]!,
      r4 = a[start + 4]!,
      r5 = a[start + 5]!,
      r6 = a[start + 6]!,
      r7 = a[start + 7]!;
    const whole = start + (n - (n % 8));
    let i = start + 8;
    for (; i < whole; i += 8) {
      r0 += a[i]!;
      r1 += a[i + 1]!;
      r2 += a[i + 2]!;
      r3 += a[i + 3]!;
      r4 += a[i + 4]!;
      r5 += a[i + 5]!;
      r6 += a[i + 6]!;
      r7 += a[i + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < start + n; i++) res += a[i]!;
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, start, half) + pairwiseSum(a, start + half, n - half);
}

/**
 * Σ (a[i] − m)² over a[start … start+n) in pairwiseSum's order: the same bits as filling an array
 * with the squared deviations and summing it pairwise (numpy's `std`), without the array.
 */
export function pairwiseSquaredDeviations(a: ArrayLike<number>, m: number, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = start; i < start + n; i++) {
      const d = a[i]! - m;
      res += d * d;
    }
    return res;
  }
  if (n <= BLOCK) {
    // pairwiseSum starts its eight lanes at the first eight values; starting them at 0 and adding
    // those squares gives the same bits (0 + x is exactly x for x >= 0).
    let r0 = 0,
      r1 = 0,
      r2 = 0,
      r3 = 0,
      r4 = 0,
      r5 = 0,
      r6 = 0,
      r7 = 0;
    const whole = start + (n - (n % 8));
    let i = start;
    for (; i < whole; i += 8) {
      const e0 = a[i]! - m,
        e1 = a[i + 1]! - m,
        e2 = a[i + 2]! - m,
        e3 = a[i + 3]! - m,
        e4 = a[i + 4]! - m,
        e5 = a[i + 5]! - m,
        e6 = a[i + 6]! - m,
        e7 = a[i + 7]! - m;
      r0 += e0 * e0;
      r1 += e1 * e1;
      r2 += e2 * e2;
      r3 += e3 * e3;
      r4 += e4 * e4;
      r5 += e5 * e5;
      r6 += e6 * e6;
      r7 += e7 * e7;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < start + n; i++) {
      const d = a[i]! - m;
      res += d * d;
    }
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSquaredDeviations(a, m, start, half) + pairwiseSquaredDeviations(a, m, start + half, n - half);
}

/** np.mean of a[start … start+n). */
export function mean(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return pairwiseSum(a, start, n) / n;
}

/**
 * np.std (ddof 0) or pandas' Series.std (ddof 1) of a[start … start+n): squared deviations from
 * the pairwise mean, summed pairwise, as numpy computes them. `scratch` (≥ n long) avoids an allocation.
 */
export function std(a: ArrayLike<number>, ddof = 0, start = 0, n = a.length - start, scratch = new Float64Array(n)): number {
  const m = mean(a, start, n);
  for (let i = 0; i < n; i++) {
    const d = a[start + i]! - m;
    scratch[i] = d * d;
  }
  return Math.sqrt(pairwiseSum(scratch, 0, n) / (n - ddof));
}
