// ZstdCompressor flush modes, lastMode and pledged sizes; ZstdDecompressor maxLength, needsInput, eof and unusedData.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ZstdCompressor,
  ZstdDecompressor,
  ZstdError,
  compress,
  decompress,
  getFrameInfo,
  getFrameSize,
} from '../../../src/compression/zstd/index.js';

const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i}: ${'x'.repeat(i % 40)}\n`).join(''));

test('continue-buffers-flush-block-makes-data-decodable-flush-frame-ends-the-frame', () => {
  const c = new ZstdCompressor({ level: 3 });
  assert.equal(c.lastMode, ZstdCompressor.FLUSH_FRAME);
  const a = c.compress(data.subarray(0, 1000));
  assert.equal(c.lastMode, ZstdCompressor.CONTINUE);
  const b = c.compress(data.subarray(1000, 2000), ZstdCompressor.FLUSH_BLOCK);
  assert.equal(c.lastMode, ZstdCompressor.FLUSH_BLOCK);
  // After FLUSH_BLOCK everything so far decodes, although the frame is still open.
  const d = new ZstdDecompressor();
  assert.deepEqual(d.decompress(Buffer.concat([a, b])), data.subarray(0, 2000));
  assert.equal(d.eof, false);
  assert.equal(d.needsInput, true);
  const rest = c.compress(data.subarray(2000), ZstdCompressor.FLUSH_FRAME);
  assert.equal(c.lastMode, ZstdCompressor.FLUSH_FRAME);
  assert.deepEqual(d.decompress(rest), data.subarray(2000));
  assert.equal(d.eof, true);
  assert.deepEqual(decompress(Buffer.concat([a, b, rest])), data);
});

test('flush-block-and-flush-frame-via-flush-and-an-extra-empty-frame-after-a-finished-one', () => {
  const c = new ZstdCompressor();
  const parts = [c.compress(data), c.flush(ZstdCompressor.FLUSH_BLOCK), c.flush()];
  assert.equal(c.lastMode, ZstdCompressor.FLUSH_FRAME);
  const empty = c.flush();
  assert.ok(empty.length > 0, 'an empty frame, as libzstd and Python emit');
  assert.deepEqual(decompress(Buffer.concat([...parts, empty])), data);
  assert.equal(getFrameInfo(empty).decompressedSize, 0);
  assert.throws(() => c.flush(ZstdCompressor.CONTINUE as never), RangeError);
  assert.throws(() => c.compress(data, 7 as never), /mode argument wrong value, it should be one of/);
});

test('a-compressor-writes-consecutive-frames', () => {
  const c = new ZstdCompressor({ options: { checksumFlag: true } });
  const f1 = c.compress(Buffer.from('one'), ZstdCompressor.FLUSH_FRAME);
  const f2 = c.compress(Buffer.from('two'), ZstdCompressor.FLUSH_FRAME);
  assert.equal(getFrameSize(Buffer.concat([f1, f2])), f1.length);
  assert.equal(decompress(Buffer.concat([f1, f2])).toString(), 'onetwo');
});

test('set-pledged-input-size-records-the-size-and-a-mismatch-is-an-error', () => {
  const c = new ZstdCompressor();
  c.setPledgedInputSize(data.length);
  const frame = Buffer.concat([c.compress(data.subarray(0, 100)), c.compress(data.subarray(100)), c.flush()]);
  assert.equal(getFrameInfo(frame).decompressedSize, data.length);
  // Only for the next frame.
  const next = Buffer.concat([c.compress(data), c.flush()]);
  assert.equal(getFrameInfo(next).decompressedSize, null);

  c.setPledgedInputSize(10);
  // (A single FLUSH_FRAME call would let libzstd take the real size instead, as in Python.)
  assert.throws(
    () => {
      c.compress(data);
      c.flush();
    },
    (e: unknown) => e instanceof ZstdError && /Src size is incorrect/.test(e.message),
  );
  assert.equal(c.lastMode, ZstdCompressor.FLUSH_FRAME, 'an error resets the session');
  assert.deepEqual(decompress(c.compress(data, ZstdCompressor.FLUSH_FRAME)), data, 'usable again after the error');

  c.compress(Buffer.from('open frame'));
  assert.throws(() => c.setPledgedInputSize(5), /lastMode === FLUSH_FRAME/);
  assert.throws(() => new ZstdCompressor().setPledgedInputSize(-1), RangeError);
  const d = new ZstdCompressor();
  d.setPledgedInputSize(null);
  assert.equal(getFrameInfo(Buffer.concat([d.compress(data), d.flush()])).decompressedSize, null);
});

test('nb-workers-compresses-with-libzstd-threads-and-the-output-round-trips', () => {
  const big = Buffer.concat(Array.from({ length: 40 }, (_, i) => Buffer.from(`${i}:`.repeat(50_000))));
  const mt = compress(big, { options: { nbWorkers: 2, compressionLevel: 3, jobSize: 1 << 20 } });
  assert.deepEqual(decompress(mt), big);
  const c = new ZstdCompressor({ options: { nbWorkers: 2 } });
  const streamed = Buffer.concat([c.compress(big.subarray(0, big.length >> 1)), c.compress(big.subarray(big.length >> 1)), c.flush()]);
  assert.deepEqual(decompress(streamed), big);
});

test('decompressor-caps-output-at-max-length-and-reports-needs-input', () => {
  const frame = compress(data);
  const d = new ZstdDecompressor();
  const pieces: Buffer[] = [d.decompress(frame, 1000)];
  assert.equal(pieces[0]!.length, 1000);
  assert.equal(d.needsInput, false);
  while (!d.eof) {
    const out = d.decompress(Buffer.alloc(0), 1000);
    assert.ok(out.length <= 1000);
    pieces.push(out);
  }
  assert.deepEqual(Buffer.concat(pieces), data);
  assert.equal(d.needsInput, false);
  assert.deepEqual(d.unusedData, Buffer.alloc(0));
});

test('decompressor-handles-byte-at-a-time-input-and-keeps-unused-data-after-the-frame', () => {
  const frame = compress(Buffer.from('hello world'));
  const trailing = Buffer.from('TRAILER');
  const input = Buffer.concat([frame, trailing]);
  const d = new ZstdDecompressor();
  const out: Buffer[] = [];
  let i = 0;
  for (; i < input.length && !d.eof; i++) out.push(d.decompress(input.subarray(i, i + 1)));
  assert.equal(Buffer.concat(out).toString(), 'hello world');
  assert.equal(d.eof, true);
  assert.deepEqual(d.unusedData, Buffer.alloc(0));
  assert.equal(i, frame.length);
  const d2 = new ZstdDecompressor();
  assert.equal(d2.decompress(input).toString(), 'hello world');
  assert.equal(d2.unusedData.toString(), 'TRAILER');
  assert.throws(
    () => d2.decompress(Buffer.from('x')),
    (e: unknown) => e instanceof ZstdError && e.message === 'Already at the end of a Zstandard frame.',
  );
});

test('decompressor-reports-corrupt-data-and-wrong-codec', () => {
  assert.throws(() => new ZstdDecompressor().decompress(Buffer.from('definitely not zstd')), { code: 'ERR_FORMAT' });
  const frame = Buffer.from(compress(data, { options: { checksumFlag: true } }));
  frame[frame.length - 1]! ^= 1;
  assert.throws(() => new ZstdDecompressor().decompress(frame), { code: 'ERR_CORRUPT' });
  assert.throws(() => new ZstdDecompressor({ option: {} } as never), /Did you mean 'options'\?/);
});
