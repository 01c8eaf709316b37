// CompressionParameter/DecompressionParameter bounds from libzstd, Strategy, version info and frame inspection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompressionParameter,
  DecompressionParameter,
  Strategy,
  COMPRESSION_LEVEL_DEFAULT,
  zstdVersion,
  zstdVersionInfo,
  zstdBackend,
  compress,
  decompress,
  getFrameInfo,
  getFrameSize,
  ZstdError,
} from '../../../src/compression/zstd/index.js';

test('every-compression-parameter-has-pythons-value-and-libzstd-bounds', () => {
  const expected: Record<string, number> = {
    compressionLevel: 100,
    windowLog: 101,
    hashLog: 102,
    chainLog: 103,
    searchLog: 104,
    minMatch: 105,
    targetLength: 106,
    strategy: 107,
    enableLongDistanceMatching: 160,
    ldmHashLog: 161,
    ldmMinMatch: 162,
    ldmBucketSizeLog: 163,
    ldmHashRateLog: 164,
    contentSizeFlag: 200,
    checksumFlag: 201,
    dictIdFlag: 202,
    nbWorkers: 400,
    jobSize: 401,
    overlapLog: 402,
  };
  assert.deepEqual(Object.fromEntries(CompressionParameter.values().map((p) => [p.name, p.value])), expected);
  for (const p of CompressionParameter.values()) {
    const [lo, hi] = p.bounds();
    assert.ok(Number.isInteger(lo) && Number.isInteger(hi) && lo <= hi, `${p.name}: [${lo}, ${hi}]`);
  }
  assert.deepEqual(CompressionParameter.windowLog.bounds(), [10, 31]);
  assert.deepEqual(CompressionParameter.compressionLevel.bounds(), [-131072, 22]);
  assert.deepEqual(CompressionParameter.checksumFlag.bounds(), [0, 1]);
  assert.ok(CompressionParameter.nbWorkers.bounds()[1] > 0, 'built with ZSTD_MULTITHREAD');
  assert.equal(+CompressionParameter.strategy, 107);
  assert.equal(DecompressionParameter.windowLogMax.value, 100);
  assert.deepEqual(DecompressionParameter.windowLogMax.bounds(), [10, 31]);
});

test('strategies-are-ordered-and-each-one-compresses', () => {
  const values = Object.values(Strategy);
  assert.deepEqual(values, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const data = Buffer.from('abcabcabd'.repeat(3000));
  for (const strategy of values) assert.deepEqual(decompress(compress(data, { options: { strategy } })), data);
});

test('version-info-names-the-bundled-libzstd', () => {
  assert.equal(COMPRESSION_LEVEL_DEFAULT, 3);
  assert.match(zstdVersion, /^\d+\.\d+\.\d+$/);
  assert.deepEqual(zstdVersionInfo.join('.'), zstdVersion);
  assert.ok(zstdVersionInfo[0] === 1 && zstdVersionInfo[1] >= 5);
  assert.equal(zstdBackend(), `bundled libzstd ${zstdVersion} (N-API addon, multithreaded)`);
});

test('get-frame-info-reads-the-header-and-rejects-non-frames', () => {
  const frame = compress(Buffer.alloc(12345, 1));
  assert.deepEqual(getFrameInfo(frame), { decompressedSize: 12345, dictionaryId: 0 });
  assert.deepEqual(getFrameInfo(frame.subarray(0, 18)), { decompressedSize: 12345, dictionaryId: 0 });
  assert.throws(
    () => getFrameInfo(Buffer.from('nope nope nope')),
    (e: unknown) => e instanceof ZstdError && /frame header \(6~18 bytes\)/.test(e.message),
  );
  assert.throws(() => getFrameInfo(frame.subarray(0, 3)), ZstdError);
});

test('get-frame-size-splits-concatenated-frames', () => {
  const a = compress(Buffer.from('first'), { options: { checksumFlag: true } });
  const b = compress(Buffer.from('second'));
  const both = Buffer.concat([a, b]);
  assert.equal(getFrameSize(both), a.length);
  assert.equal(getFrameSize(both.subarray(a.length)), b.length);
  assert.throws(() => getFrameSize(a.subarray(0, a.length - 1)), ZstdError);
  assert.throws(() => getFrameSize(Buffer.from('garbage!')), ZstdError);
});

test('window-log-max-guards-memory-and-long-mode-frames-need-it', () => {
  const data = Buffer.alloc(3 * 1024 * 1024);
  for (let i = 0; i < data.length; i += 4) data.writeUInt32LE((i * 2654435761) >>> 0, i);
  const frame = compress(data, { options: { windowLog: 22, enableLongDistanceMatching: true, contentSizeFlag: false } });
  assert.throws(
    () => decompress(frame, { options: { windowLogMax: 20 } }),
    (e: unknown) => e instanceof ZstdError && /windowLogMax/.test(e.message),
  );
  assert.deepEqual(decompress(frame, { options: { windowLogMax: 22 } }), data);
});
