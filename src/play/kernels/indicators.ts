// The indicators demo's feature kernels (notebook 000's create_features), over whole arrays or one chunk with its halo.
//
// A chunk [start, end) reads the HALO points before `start` (in shared memory they are simply there),
// so each trailing window is the same window the sequential run sums, in the same order, and the
// parallel result equals the sequential one bit for bit. Whole-array statistics (the price mean
// and std, the volume ranks) are computed over all rows, never per chunk.
import { percentRank } from '../../internal/numerics/rank.js';
import { pctChange, rollingMean, rollingRsi, rollingStd } from '../../internal/numerics/rolling.js';

/** The notebook's feature columns, in its order. */
export const FEATURES = ['sma_20', 'volatility', 'rsi', 'price_zscore', 'volume_rank', 'price_volume', 'momentum'] as const;
export type Feature = (typeof FEATURES)[number];

/** Window lengths from the notebook: rolling(20), rolling(50), rolling(14), pct_change(periods=5). */
export const WINDOW = { sma: 20, volatility: 50, rsi: 14, momentum: 5 } as const;
/** Points before a chunk that its windows reach back to: the longest window minus one. */
export const HALO = Math.max(WINDOW.sma, WINDOW.volatility, WINDOW.rsi, WINDOW.momentum + 1) - 1;

/** Anything holding a Float64Array `view` (a SharedArray) or the array itself. */
export type Column = Float64Array | { readonly view: Float64Array };

function viewOf(c: Column): Float64Array {
  return c instanceof Float64Array ? c : c.view;
}

/** Feature f of row i lives at out[f · n + i]: one column after another. */
function featureColumn(out: Float64Array, feature: Feature, n: number): Float64Array {
  const f = FEATURES.indexOf(feature);
  return out.subarray(f * n, (f + 1) * n);
}

/**
 * Every feature but the volume rank for rows [start, end) — reading back HALO rows for the
 * windows — and this chunk's volumes, sorted, into sortedVolume[start, end) for rankFeature.
 * `priceMean`/`priceStd` are over all rows (pandas' mean and std, ddof 1). Returns `end`, so the
 * caller learns where each sorted run ends.
 */
export function windowFeatures(
  start: number,
  end: number,
  price: Column,
  volume: Column,
  returns: Column,
  out: Column,
  sortedVolume: Column,
  priceMean: number,
  priceStd: number,
): number {
  const p = viewOf(price);
  const v = viewOf(volume);
  const r = viewOf(returns);
  const o = viewOf(out);
  const n = p.length;
  rollingMean(p, WINDOW.sma, 1, featureColumn(o, 'sma_20', n), start, end);
  rollingStd(r, WINDOW.volatility, 1, featureColumn(o, 'volatility', n), start, end);
  rollingRsi(r, WINDOW.rsi, featureColumn(o, 'rsi', n), start, end);
  const z = featureColumn(o, 'price_zscore', n);
  const pv = featureColumn(o, 'price_volume', n);
  for (let i = start; i < end; i++) {
    z[i] = (p[i]! - priceMean) / priceStd;
    pv[i] = p[i]! * v[i]!;
  }
  pctChange(p, WINDOW.momentum, featureColumn(o, 'momentum', n), start, end);
  const sorted = viewOf(sortedVolume).subarray(start, end);
  sorted.set(v.subarray(start, end));
  sorted.sort();
  return end;
}

/** volume_rank for rows [start, end): each volume's percentile rank among all rows, from the sorted runs. */
export function rankFeature(
  start: number,
  end: number,
  volume: Column,
  sortedVolume: Column,
  runEnds: readonly number[],
  out: Column,
): number {
  const v = viewOf(volume);
  percentRank(v, viewOf(sortedVolume), runEnds, featureColumn(viewOf(out), 'volume_rank', v.length), start, end);
  return end - start;
}
