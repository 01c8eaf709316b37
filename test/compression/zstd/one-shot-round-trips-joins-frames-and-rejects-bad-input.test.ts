// One-shot compress/decompress: round trips, frame joining as libzstd does, the bomb guard and every bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import {
  compress,
  decompress,
  compressAsync,
  decompressAsync,
  ZstdError,
  getFrameInfo,
  DEFAULT_MAX_OUTPUT_LENGTH,
} from '../../../src/compression/zstd/index.js';

const text = Buffer.from('The quick brown fox jumps over the lazy dog. '.repeat(2000));

function skippableFrame(payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(0x184d2a50, 0);
  header.writeUInt32LE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

test('compress-then-decompress-returns-the-input-at-every-level', () => {
  for (const level of [-5, 0, 1, 3, 9, 19]) {
    const frame = compress(text, { level });
    assert.ok(frame.length < text.length / 10, `level ${level} compresses`);
    assert.deepEqual(decompress(frame), text);
  }
});

test('compress-records-the-content-size-like-python', () => {
  assert.equal(getFrameInfo(compress(text)).decompressedSize, text.length);
});

test('accepts-typed-arrays-array-buffers-and-strings', () => {
  const u16 = new Uint16Array([1, 2, 3, 4]);
  assert.deepEqual(decompress(compress(u16)), Buffer.from(u16.buffer));
  assert.deepEqual(decompress(compress(u16.buffer)), Buffer.from(u16.buffer));
  assert.equal(decompress(compress('héllo')).toString(), 'héllo');
  assert.deepEqual(decompress(compress(new Uint8Array(0))), Buffer.alloc(0));
});

test('decompress-joins-concatenated-frames-and-skips-skippable-frames', () => {
  const a = compress(Buffer.from('first;'));
  const b = compress(Buffer.from('second;'), { level: 10 });
  const joined = Buffer.concat([skippableFrame(Buffer.from('metadata')), a, skippableFrame(Buffer.alloc(0)), b]);
  assert.equal(decompress(joined).toString(), 'first;second;');
});

test('async-twins-run-on-the-thread-pool-and-give-the-same-bytes', async () => {
  const frame = await compressAsync(text, { level: 5 });
  assert.deepEqual(frame, compress(text, { level: 5 }));
  assert.deepEqual(await decompressAsync(frame), text);
  const many = await Promise.all(Array.from({ length: 8 }, (_, i) => compressAsync(Buffer.from(`payload ${i} `.repeat(500)))));
  const back = await Promise.all(many.map((f) => decompressAsync(f)));
  for (const [i, b] of back.entries()) assert.equal(b.toString(), `payload ${i} `.repeat(500));
});

test('truncated-input-is-a-TRUNCATED-ZstdError-with-pythons-message', async () => {
  const frame = compress(text);
  // Cut inside the 4-byte magic, libzstd cannot tell it is zstd yet; from the header on it is truncation.
  assert.throws(() => decompress(frame.subarray(0, 2)), ZstdError);
  for (const cut of [5, frame.length >> 1, frame.length - 1]) {
    assert.throws(
      () => decompress(frame.subarray(0, cut)),
      (e: unknown) => e instanceof ZstdError && e.code === 'ERR_TRUNCATED',
    );
  }
  await assert.rejects(decompressAsync(frame.subarray(0, frame.length - 1)), {
    name: 'ZstdError',
    code: 'ERR_TRUNCATED',
    message: 'Compressed data ended before the end-of-stream marker was reached',
  });
  // A complete frame followed by the start of another one is still truncation, not a silent partial result.
  assert.throws(() => decompress(Buffer.concat([frame, frame.subarray(0, 20)])), { code: 'ERR_TRUNCATED' });
  assert.throws(() => decompress(Buffer.alloc(0)), { code: 'ERR_TRUNCATED' });
});

test('corrupted-input-is-a-CORRUPT-ZstdError-never-wrong-output', () => {
  const frame = compress(text, { options: { checksumFlag: true } });
  const bad = Buffer.from(frame);
  bad[bad.length - 2]! ^= 0xff; // inside the checksum
  assert.throws(
    () => decompress(bad),
    (e: unknown) => e instanceof ZstdError && e.code === 'ERR_CORRUPT' && /checksum/i.test(e.message),
  );
  const mid = Buffer.from(frame);
  for (let i = 12; i < mid.length - 4; i += 7) mid[i]! ^= 0x5a;
  assert.throws(() => decompress(mid), ZstdError);
});

test('wrong-codec-input-is-a-FORMAT-ZstdError-naming-the-problem', async () => {
  assert.throws(
    () => decompress(gzipSync(text)),
    (e: unknown) => e instanceof ZstdError && e.code === 'ERR_FORMAT' && /not Zstandard data/.test(e.message),
  );
  assert.throws(() => decompress(Buffer.from('plain text, not compressed')), { code: 'ERR_FORMAT' });
  await assert.rejects(decompressAsync(gzipSync(text)), { code: 'ERR_FORMAT' });
});

test('max-output-length-stops-a-decompression-bomb-with-an-error-not-truncation', async () => {
  assert.equal(DEFAULT_MAX_OUTPUT_LENGTH, 1024 ** 3);
  const bomb = compress(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros → a few KiB
  assert.ok(bomb.length < 16 * 1024);
  assert.throws(
    () => decompress(bomb, { maxOutputLength: 1024 * 1024 }),
    (e: unknown) => e instanceof ZstdError && e.code === 'ERR_OUTPUT_LIMIT',
  );
  await assert.rejects(decompressAsync(bomb, { maxOutputLength: 1024 * 1024 }), { code: 'ERR_OUTPUT_LIMIT' });
  // Without a recorded content size the streaming path enforces the same limit.
  const { ZstdCompressor } = await import('../../../src/compression/zstd/index.js');
  const c = new ZstdCompressor();
  const unknownSize = Buffer.concat([c.compress(Buffer.alloc(8 * 1024 * 1024)), c.flush()]);
  assert.equal(getFrameInfo(unknownSize).decompressedSize, null);
  assert.throws(() => decompress(unknownSize, { maxOutputLength: 1024 * 1024 }), { code: 'ERR_OUTPUT_LIMIT' });
  assert.equal(decompress(unknownSize, { maxOutputLength: 8 * 1024 * 1024 }).length, 8 * 1024 * 1024);
  assert.equal(decompress(bomb, { maxOutputLength: Infinity }).length, 64 * 1024 * 1024);
  assert.throws(() => decompress(bomb, { maxOutputLength: 0 }), RangeError);
});

test('options-are-validated-with-did-you-mean-and-pythons-rules', () => {
  assert.throws(() => compress(text, { levl: 3 } as never), /unknown option 'levl'\. Did you mean 'level'\?/);
  assert.throws(() => compress(text, { options: { windowLg: 20 } as never }), /Did you mean 'windowLog'\?/);
  assert.throws(() => compress(text, { level: 3, options: { windowLog: 20 } }), /Only one of level or options should be used\./);
  assert.throws(() => compress(text, { level: 1.5 }), TypeError);
  assert.throws(() => compress(text, { level: 99 }), /illegal compression level 99; the valid range is \[-131072, 22\]/);
  assert.throws(
    () => compress(text, { options: { windowLog: 100 } }),
    (e: unknown) =>
      e instanceof RangeError &&
      /compression parameter 'windowLog' received an illegal value 100; the valid range is \[10, 31\]/.test(e.message),
  );
  assert.throws(
    () => compress(text, { options: { windowLogMax: 20 } as never }),
    /must not be a DecompressionParameter attribute \('windowLogMax'/,
  );
  assert.throws(
    () => decompress(compress(text), { options: { windowLog: 20 } as never }),
    /must not be a CompressionParameter attribute \('windowLog'/,
  );
  assert.throws(() => decompress(compress(text), { maxOutputLen: 5 } as never), /Did you mean 'maxOutputLength'\?/);
  assert.throws(() => compress(42 as never), /data must be a Uint8Array/);
  assert.throws(() => compress(text, { zstdDict: {} as never }), /zstdDict must be a ZstdDict/);
});

test('advanced-options-change-the-frame-as-libzstd-documents', () => {
  const withChecksum = compress(text, { options: { checksumFlag: true, compressionLevel: 5 } });
  const without = compress(text, { options: { checksumFlag: false, compressionLevel: 5 } });
  assert.equal(withChecksum.length, without.length + 4);
  const noSize = compress(text, { options: { contentSizeFlag: false } });
  assert.equal(getFrameInfo(noSize).decompressedSize, null);
  assert.deepEqual(decompress(noSize), text);
});
