// Percentile rank (pandas `rank(pct=True)`, ties averaged) against sorted runs, so workers can rank their own slices.

/** Index of the first element ≥ v (strict = false) or > v (strict = true) in sorted[lo … hi). */
function bound(sorted: Float64Array, lo: number, hi: number, v: number, strict: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = sorted[mid]!;
    if (s < v || (strict && s === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * out[i] = rank of x[i] among all n values / n for i in [from, to), with tied values given the mean
 * of their ranks (pandas' method='average'). `sorted` holds every value in runs, each sorted
 * ascending: `runEnds[r]` is where run r ends (one run for a whole-array sort, one per worker when
 * each sorted its own slice). Ranks are whole or half numbers, so any split gives identical results.
 */
export function percentRank(
  x: Float64Array,
  sorted: Float64Array,
  runEnds: readonly number[],
  out: Float64Array,
  from = 0,
  to = x.length,
): void {
  const n = sorted.length;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    let less = 0;
    let notGreater = 0;
    let start = 0;
    for (const end of runEnds) {
      less += bound(sorted, start, end, v, false) - start;
      notGreater += bound(sorted, start, end, v, true) - start;
      start = end;
    }
    // Ties occupy ranks less+1 … notGreater; their average is (less + 1 + notGreater) / 2.
    out[i] = (less + 1 + notGreater) / 2 / n;
  }
}

/**
 * Merges the ascending runs of `runs` (run r ends at `runEnds[r]`) into `out`, ascending: the step
 * between workers sorting their own slices and every worker ranking against the whole column.
 */
export function mergeSortedRuns(runs: Float64Array, runEnds: readonly number[], out: Float64Array): void {
  const heads = runEnds.map((_, r) => (r === 0 ? 0 : runEnds[r - 1]!));
  for (let i = 0; i < out.length; i++) {
    let best = -1;
    let bestValue = Number.POSITIVE_INFINITY;
    for (let r = 0; r < heads.length; r++) {
      const h = heads[r]!;
      if (h < runEnds[r]! && (best === -1 || runs[h]! < bestValue)) {
        best = r;
        bestValue = runs[h]!;
      }
    }
    out[i] = bestValue;
    heads[best]!++;
  }
}
