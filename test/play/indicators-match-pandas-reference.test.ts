// The indicators features against the notebook's pandas code: 1e-9 with the same NaN warm-up rows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeFeatures, FEATURES, marketData } from '../../src/play/index.js';
import { reference } from './fixtures.js';

for (const c of reference.indicators) {
  test(`seed ${c.seed}, ${c.rows} rows: every feature equals pandas to 1e-9, NaN where pandas has NaN`, () => {
    const data = marketData(c.seed, c.rows);
    assert.deepEqual(Array.from(data.price.subarray(0, 3)), c.priceHead, 'the lognormal prices, bit for bit');
    assert.deepEqual(data.sector.slice(0, 5), c.sectorHead);
    const out = computeFeatures(data.price, data.volume, data.returns);
    FEATURES.forEach((feature, f) => {
      const expected = c.features[feature]!;
      for (let i = 0; i < c.rows; i++) {
        const got = out[f * c.rows + i]!;
        const want = expected[i];
        if (want === null || want === undefined) {
          assert.ok(!Number.isFinite(got), `${feature}[${i}]: pandas has NaN/inf, got ${got}`);
          continue;
        }
        assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${feature}[${i}]: ${got} vs pandas ${want}`);
      }
    });
  });
}
