import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as brotli from '../../../src/compression/brotli/index.js';
import { samplePayload } from '../helpers.js';

test('brotli: quality, lgwin and mode are honoured and validated', () => {
  const data = samplePayload(80_000, 5);
  const fast = brotli.compress(data, { quality: 1 });
  const dense = brotli.compress(data, { quality: 11, lgwin: 24, mode: 'text' });
  assert.ok(dense.length < fast.length, 'quality 11 is denser than 1');
  assert.ok(brotli.decompress(dense).equals(data));
  assert.equal(brotli.QUALITY_DEFAULT, 11);
  assert.throws(() => brotli.compress(data, { mode: 'txt' as never }), /unknown mode "txt". Did you mean 'text'\?/);
  assert.throws(() => brotli.compress(data, { quality: 12 }), /quality must be an integer from 0 to 11/);
  assert.throws(() => brotli.compress(data, { level: 5 } as never), /unknown option 'level'/);
});
