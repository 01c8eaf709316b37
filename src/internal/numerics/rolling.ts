// Trailing-window statistics (pandas' rolling mean, std and the seed's RSI), each window summed on its own.
//
// Every output is computed from its own window only (no running sums carried from one position to
// the next), so a range [from, to) computed in a worker that was given the window − 1 points before
// `from` equals the same range of a whole-array run bit for bit. pandas updates running sums; its
// values differ from these in the last bits (≈ 1e-15 relative), which the tests allow for.

/**
 * pandas `Series.rolling(window, min_periods).mean()` for out[from … to): NaN while the window
 * holds fewer than `minPeriods` points.
 */
export function rollingMean(x: Float64Array, window: number, minPeriods: number, out: Float64Array, from = 0, to = x.length): void {
  for (let i = from; i < to; i++) {
    const lo = Math.max(0, i - window + 1);
    const count = i - lo + 1;
    if (count < minPeriods) {
      out[i] = Number.NaN;
      continue;
    }
    let sum = 0;
    for (let j = lo; j <= i; j++) sum += x[j]!;
    out[i] = sum / count;
  }
}

/**
 * pandas `rolling(window, min_periods).std()` (ddof 1) for out[from … to): two passes over each
 * window (mean, then squared deviations), NaN under `minPeriods` points or with a single point.
 */
export function rollingStd(x: Float64Array, window: number, minPeriods: number, out: Float64Array, from = 0, to = x.length): void {
  for (let i = from; i < to; i++) {
    const lo = Math.max(0, i - window + 1);
    const count = i - lo + 1;
    if (count < minPeriods || count < 2) {
      out[i] = Number.NaN;
      continue;
    }
    let sum = 0;
    for (let j = lo; j <= i; j++) sum += x[j]!;
    const m = sum / count;
    let squares = 0;
    for (let j = lo; j <= i; j++) {
      const d = x[j]! - m;
      squares += d * d;
    }
    out[i] = Math.sqrt(squares / (count - 1));
  }
}

/**
 * The seed notebook's RSI: `100 − 100 / (1 + gains / |losses|)` over full windows of `window`
 * returns (`rolling(window).apply(lambda x: x[x>0].sum() / abs(x[x<0].sum()))`), NaN before the
 * first full window. A window without losses gives gains/0 = ∞ and RSI 100, one without either
 * 0/0 = NaN, as in pandas.
 */
export function rollingRsi(returns: Float64Array, window: number, out: Float64Array, from = 0, to = returns.length): void {
  for (let i = from; i < to; i++) {
    if (i < window - 1) {
      out[i] = Number.NaN;
      continue;
    }
    let gains = 0;
    let losses = 0;
    for (let j = i - window + 1; j <= i; j++) {
      const r = returns[j]!;
      if (r > 0) gains += r;
      else if (r < 0) losses += r;
    }
    out[i] = 100 - 100 / (1 + gains / Math.abs(losses));
  }
}

/** pandas `pct_change(periods)`: x[i] / x[i − periods] − 1, NaN for the first `periods` points. */
export function pctChange(x: Float64Array, periods: number, out: Float64Array, from = 0, to = x.length): void {
  for (let i = from; i < to; i++) out[i] = i < periods ? Number.NaN : x[i]! / x[i - periods]! - 1;
}
