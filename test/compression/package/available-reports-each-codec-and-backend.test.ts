import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as compression from '../../../src/compression/index.js';
import { features } from '../../../src/runtime/index.js';

test('available: lists every codec once, each proven by a round trip or with a reason', () => {
  const list = compression.available();
  assert.deepEqual(
    list.map((c) => c.codec),
    [...compression.CODECS],
  );
  for (const c of list) {
    if (c.available) {
      assert.ok(c.backend.length > 0);
      assert.ok(compression.decompress(compression.compress('probe', c.codec), { codec: c.codec }).toString() === 'probe');
    } else {
      assert.ok(c.reason.length > 0);
      assert.throws(() => compression.compress('probe', c.codec));
    }
    assert.equal(compression.isAvailable(c.codec), c.available);
  }
  const byName = Object.fromEntries(list.map((c) => [c.codec, c]));
  for (const codec of ['gzip', 'zlib', 'brotli', 'bz2', 'lzma'] as const)
    assert.equal(byName[codec]!.available, true, `${codec} works here`);
});

test('available: bz2 and lzma name the same library versions the bzip2 and xz CLIs report', () => {
  const list = compression.available();
  const bz2 = list.find((c) => c.codec === 'bz2')!;
  const lzma = list.find((c) => c.codec === 'lzma')!;
  assert.ok(bz2.available && lzma.available);
  const bzipVersion = spawnSync('bzip2', ['--help'])
    .stderr.toString()
    .match(/Version (\d+\.\d+\.\d+)/)?.[1];
  const xzVersion = spawnSync('xz', ['--version'])
    .stdout.toString()
    .match(/liblzma (\d+\.\d+\.\d+)/)?.[1];
  assert.ok(bzipVersion && xzVersion);
  assert.match(bz2.backend, new RegExp(`libbz2 ${bzipVersion!.replace(/\./g, '\\.')}`));
  assert.match(lzma.backend, new RegExp(`liblzma ${xzVersion!.replace(/\./g, '\\.')}`));
});

test('features(): bz2 and lzma probes agree with available()', () => {
  const f = features();
  const list = compression.available();
  for (const codec of ['bz2', 'lzma'] as const) {
    const entry = list.find((c) => c.codec === codec)!;
    assert.equal(f[codec].available, entry.available);
    if (entry.available) assert.equal(f[codec].detail, entry.backend);
    assert.match(f[codec].fallback, /UNAVAILABLE/);
  }
});
