// The indicators kernels on copies of a chunk's rows plus its halo, for workers that share no memory with the caller (a DistributedExecutor's).
//
// Columns travel as base64 of their float64 bytes: exact for every value (NaN, -0 included) and a
// third of the size of JSON numbers. Each kernel runs the shared-memory kernel on a local copy that
// starts HALO rows before the chunk, so its windows read the same values in the same order, and the
// result equals the sequential one bit for bit.
import { FEATURES, HALO, rankFeature, windowFeatures } from './indicators.js';

/** A Float64Array as base64 of its bytes (the platform's byte order, the same on both ends here). */
export function encodeColumn(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** The Float64Array encodeColumn encoded. */
export function decodeColumn(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}

/** The features windowFeatures computes: all but volume_rank, which needs every row's volume. */
export const WINDOW_FEATURES = FEATURES.filter((f) => f !== 'volume_rank');

/** What windowFeaturesOfRows returns for rows [start, end). */
export interface WindowChunk {
  /** WINDOW_FEATURES.length columns of end − start rows, one after another. */
  readonly features: string;
  /** The chunk's volumes, sorted: one run for the merge. */
  readonly sortedVolume: string;
}

/**
 * windowFeatures for rows [start, end), given the rows [max(0, start − HALO), end) of price, volume
 * and returns (encodeColumn) and the whole-column price mean and std.
 */
export function windowFeaturesOfRows(
  start: number,
  end: number,
  price: string,
  volume: string,
  returns: string,
  priceMean: number,
  priceStd: number,
): WindowChunk {
  const p = decodeColumn(price);
  const v = decodeColumn(volume);
  const r = decodeColumn(returns);
  const from = end - p.length;
  if (from !== Math.max(0, start - HALO))
    throw new RangeError(`rows [${start}, ${end}) need ${end - Math.max(0, start - HALO)} rows, got ${p.length}`);
  const n = p.length;
  const out = new Float64Array(FEATURES.length * n);
  const sorted = new Float64Array(n);
  windowFeatures(start - from, n, p, v, r, out, sorted, priceMean, priceStd);
  const rows = end - start;
  const features = new Float64Array(WINDOW_FEATURES.length * rows);
  WINDOW_FEATURES.forEach((feature, k) => {
    const f = FEATURES.indexOf(feature);
    features.set(out.subarray(f * n + (start - from), (f + 1) * n), k * rows);
  });
  return { features: encodeColumn(features), sortedVolume: encodeColumn(sorted.subarray(start - from)) };
}

/** volume_rank of a chunk's volumes against every row's volume, merged and sorted (both encodeColumn); the ranks, encoded. */
export function rankFeatureOfRows(volume: string, mergedVolume: string): string {
  const v = decodeColumn(volume);
  const merged = decodeColumn(mergedVolume);
  const rows = v.length;
  const out = new Float64Array(FEATURES.length * rows);
  // The rank kernel reads its rows' volumes at [0, rows) and the sorted column as one run of all rows.
  rankFeature(0, rows, v, merged, [merged.length], out);
  const f = FEATURES.indexOf('volume_rank');
  return encodeColumn(out.subarray(f * rows, (f + 1) * rows));
}
