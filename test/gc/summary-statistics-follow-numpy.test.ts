import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHistogram, gradeMaxPause, percentile, summarize, type GCPause } from '../../src/gc/index.js';

const pause = (kind: GCPause['kind'], duration: number): GCPause => ({ kind, duration, start: 0, flags: 0, forced: false });

test('percentiles interpolate linearly between ranks, as numpy.percentile does by default', () => {
  const sorted = [1, 2, 3, 4];
  // numpy: rank = p/100 * (n - 1); 50% → rank 1.5 → 2.5; 95% → rank 2.85 → 3.85.
  assert.equal(percentile(sorted, 50), 2.5);
  assert.ok(Math.abs(percentile(sorted, 95) - 3.85) < 1e-12);
  assert.equal(percentile(sorted, 100), 4);
  assert.equal(percentile([], 50), 0);
});

test('summarize splits by kind and totals overall', () => {
  const s = summarize([pause('minor', 1), pause('minor', 3), pause('major', 10)]);
  assert.deepEqual(s.byKind.minor, { count: 2, total: 4, mean: 2, p50: 2, p95: 2.9, p99: 2.98, max: 3 });
  assert.equal(s.byKind.major?.max, 10);
  assert.equal(s.all.count, 3);
  assert.equal(s.all.total, 14);
  assert.equal(s.byKind.incremental, undefined);
});

test("the seed's grades and the histogram rows", () => {
  assert.deepEqual([5, 20, 49.9, 99, 150].map(gradeMaxPause), ['EXCELLENT', 'GOOD', 'GOOD', 'MODERATE', 'HIGH']);
  const text = formatHistogram([pause('minor', 0.3), pause('minor', 0.4), pause('major', 30)]);
  assert.match(text, /<= 0\.5 ms \| #{40} 2/);
  assert.match(text, /<= 50 ms \| #{20} 1/);
  assert.match(text, /<= 1 ms \| {2}0/);
  assert.equal(formatHistogram([]), '(no pauses)');
});
