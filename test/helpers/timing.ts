// Growth checks for tests that assert an algorithm's complexity: ratios of two sizes, never absolute times.

/** The fastest of `runs` calls, in ms: the run least disturbed by other work on the machine. */
export function fastest(fn: () => unknown, runs = 5): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/**
 * Time of `large` over time of `small`, each the fastest of `runs` after one warm-up call; the small
 * time is floored at 0.05 ms so timer resolution cannot blow the ratio up.
 * @example
 * assert.ok(growthRatio(() => work(1e4), () => work(1e5)) < 40); // linear ≈ 10, quadratic ≈ 100
 */
export function growthRatio(small: () => unknown, large: () => unknown, runs = 5): number {
  small();
  large();
  return fastest(large, runs) / Math.max(fastest(small, runs), 0.05);
}
