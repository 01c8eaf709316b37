// The indicators kernels over any split into chunks (each reading its halo) give the whole run's values bit for bit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeFeatures, FEATURES, marketData } from '../../src/play/index.js';
import { rankFeature, windowFeatures } from '../../src/play/kernels/indicators.js';
import { mergeSortedRuns } from '../../src/internal/numerics/rank.js';
import { mean, std } from '../../src/internal/numerics/sum.js';
import { RandomState } from '../../src/random/index.js';

test('every split into chunks reproduces the sequential features exactly', () => {
  const rows = 5_000;
  const data = marketData(11, rows);
  // Ties in the volume ranks: repeat some values so average ranks are exercised across chunks.
  for (let i = 0; i < rows; i += 7) data.volume[i] = data.volume[(i * 13) % rows]!;
  const whole = computeFeatures(data.price, data.volume, data.returns);
  const rng = new RandomState(5);
  for (let trial = 0; trial < 12; trial++) {
    const cuts = [...new Set(Array.from(rng.randint(1, rows, 1 + (trial % 6))))].sort((a, b) => a - b);
    const bounds = [0, ...cuts, rows];
    const out = new Float64Array(FEATURES.length * rows);
    const sorted = new Float64Array(rows);
    const ends: number[] = [];
    for (let c = 0; c + 1 < bounds.length; c++) {
      ends.push(
        windowFeatures(
          bounds[c]!,
          bounds[c + 1]!,
          data.price,
          data.volume,
          data.returns,
          out,
          sorted,
          mean(data.price),
          std(data.price, 1),
        ),
      );
    }
    // Ranks against the sorted runs themselves on even trials, against their merge on odd ones (as the demo does).
    const merged = new Float64Array(rows);
    mergeSortedRuns(sorted, ends, merged);
    for (let c = 0; c + 1 < bounds.length; c++) {
      if (trial % 2 === 0) rankFeature(bounds[c]!, bounds[c + 1]!, data.volume, sorted, ends, out);
      else rankFeature(bounds[c]!, bounds[c + 1]!, data.volume, merged, [rows], out);
    }
    for (let i = 0; i < out.length; i++) {
      assert.ok(Object.is(out[i], whole[i]), `cuts ${cuts}: ${FEATURES[Math.floor(i / rows)]}[${i % rows}] ${out[i]} vs ${whole[i]}`);
    }
  }
});
