// The built package: `ts314/compression/zstd` resolves to dist/ and exposes every public name, addon included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../../helpers/package.js';

const NAMES = [
  'compress',
  'decompress',
  'compressAsync',
  'decompressAsync',
  'decompressInto',
  'ZstdCompressor',
  'ZstdDecompressor',
  'ZstdDict',
  'trainDict',
  'finalizeDict',
  'getFrameInfo',
  'getFrameSize',
  'CompressionParameter',
  'DecompressionParameter',
  'Strategy',
  'COMPRESSION_LEVEL_DEFAULT',
  'zstdVersion',
  'zstdVersionInfo',
  'ZstdError',
  'ZstdFile',
  'open',
  'openSync',
  'ZstdTextFile',
  'createCompressStream',
  'createDecompressStream',
  'ZstdCompressStream',
  'ZstdDecompressStream',
  'DEFAULT_MAX_OUTPUT_LENGTH',
  'zstdBackend',
];

test('the-built-subpath-export-loads-the-addon-and-round-trips', async () => {
  const zstd = (await import('ts314/compression/zstd')) as Record<string, unknown>;
  for (const name of NAMES) assert.ok(name in zstd, `missing export ${name}`);
  const { compress, decompress } = zstd as typeof import('../../../src/compression/zstd/index.js');
  assert.equal(decompress(compress(Buffer.from('from dist'))).toString(), 'from dist');
});

test('plain-node-without-a-typescript-loader-uses-the-built-package', () => {
  const script = `import('ts314/compression/zstd').then((z) => { const f = z.compress(Buffer.from('x'.repeat(1000)), { level: 19 }); process.stdout.write(String(z.decompress(f).length) + ' ' + z.zstdVersion); })`;
  const out = execFileSync(process.execPath, ['-e', script], {
    cwd: repoRoot,
    env: { ...process.env, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  assert.match(out, /^1000 1\.\d+\.\d+$/);
});
