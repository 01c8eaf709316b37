import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import * as compression from '../../../src/compression/index.js';
import { repoRoot } from '../../helpers/package.js';
import { samplePayload, tool } from '../helpers.js';

const frame = samplePayload(100_000, 8);

test('compressFrame: zstd level 3 where zstd works, gzip otherwise; decompressFrame reads it back', () => {
  const packed = compression.compressFrame(frame);
  const expected = compression.isAvailable('zstd') ? 'zstd' : 'gzip';
  assert.equal(compression.detect(packed), expected);
  assert.ok(compression.decompressFrame(packed).equals(frame));
  assert.equal(compression.FRAME_ZSTD_LEVEL, 3);
});

test('decompressFrame: reads frames from either side — a gzip frame and a zstd frame from the CLI', async () => {
  assert.ok(compression.decompressFrame(zlib.gzipSync(frame)).equals(frame), 'gzip side');
  const zst = await tool('zstd', ['-3', '-c', '-q'], frame);
  if (compression.isAvailable('zstd')) {
    assert.ok(compression.decompressFrame(zst).equals(frame), 'zstd side');
  } else {
    assert.throws(
      () => compression.decompressFrame(zst),
      (e: unknown) => (e as compression.CompressionError).code === 'ERR_UNAVAILABLE',
    );
  }
  assert.throws(() => compression.decompressFrame(compression.compress(frame, 'bz2')), compression.UnrecognizedFormatError);
});

test('frames cross processes: a gzip-only writer is read here, and our frame is read by another process', () => {
  // The child writes what compressFrame writes when zstd is missing (plain gzip.compress).
  const script = `
    import { compress } from './src/compression/gzip/index.ts';
    process.stdout.write(compress(Buffer.from('frame from a gzip-only writer')).toString('base64'));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(compression.decompressFrame(Buffer.from(run.stdout, 'base64')).toString(), 'frame from a gzip-only writer');
  const ours = compression.compressFrame('frame from this process');
  const back = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `
    import { decompressFrame } from './src/compression/index.ts';
    process.stdout.write(decompressFrame(Buffer.from(process.argv[1], 'base64')).toString());`,
      ours.toString('base64'),
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  assert.equal(back.status, 0, back.stderr);
  assert.equal(back.stdout, 'frame from this process');
});
