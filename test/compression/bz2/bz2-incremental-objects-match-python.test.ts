import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as bz2 from '../../../src/compression/bz2/index.js';
import { samplePayload, tool } from '../helpers.js';

const data = samplePayload(300_000, 3);

test('BZ2Compressor: chunks fed in pieces form one stream the bzip2 CLI reads', async () => {
  const c = new bz2.BZ2Compressor(5);
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += 40_000) parts.push(c.compress(data.subarray(i, i + 40_000)));
  parts.push(c.flush());
  const stream = Buffer.concat(parts);
  assert.equal(stream.subarray(0, 4).toString(), 'BZh5');
  assert.ok((await tool('bzip2', ['-dc'], stream)).equals(data));
  assert.throws(() => c.flush(), /Repeated call to flush/);
  assert.throws(
    () => c.compress('x'),
    (e: unknown) => e instanceof bz2.Bz2Error && e.code === 'ERR_CLOSED',
  );
  assert.throws(() => new bz2.BZ2Compressor(0), /level must be an integer from 1 to 9/);
});

test('BZ2Decompressor: maxLength, needsInput, eof and unusedData behave as in CPython', () => {
  const packed = bz2.compress(data);
  const d = new bz2.BZ2Decompressor();
  const out: Buffer[] = [d.decompress(Buffer.concat([packed, Buffer.from('TRAILER')]), 1000)];
  assert.equal(out[0]!.length, 1000);
  assert.equal(d.needsInput, false, 'output pending after maxLength');
  assert.equal(d.eof, false);
  while (!d.eof) out.push(d.decompress(Buffer.alloc(0), 50_000));
  assert.ok(Buffer.concat(out).equals(data));
  assert.equal(d.unusedData.toString(), 'TRAILER');
  assert.throws(
    () => d.decompress('more'),
    (e: unknown) => e instanceof bz2.EOFError,
  );
  // Fed a byte at a time it still reaches the end and needs input in between.
  const e = new bz2.BZ2Decompressor();
  const small = bz2.compress('tiny');
  const got: Buffer[] = [];
  for (let i = 0; i < small.length; i++) {
    got.push(e.decompress(small.subarray(i, i + 1)));
    if (i < small.length - 1) assert.equal(e.needsInput, true);
  }
  assert.equal(e.eof, true);
  assert.equal(Buffer.concat(got).toString(), 'tiny');
});

test('BZ2Decompressor: damaged data is Bz2Error CORRUPT and the object refuses further use', () => {
  const bad = bz2.compress(data);
  bad[bad.length >> 1]! ^= 0x20;
  const d = new bz2.BZ2Decompressor();
  assert.throws(
    () => d.decompress(bad),
    (e: unknown) => e instanceof bz2.Bz2Error && e.code === 'ERR_CORRUPT' && (e as Error).cause instanceof Error,
  );
  assert.throws(() => d.decompress(Buffer.alloc(1)), /failed earlier/);
});

test('bz2: trailing non-bzip2 bytes are ignored like CPython, a damaged second stream is not', () => {
  const one = bz2.compress('one');
  assert.equal(bz2.decompress(Buffer.concat([one, Buffer.from('\0\0garbage')])).toString(), 'one');
  const two = Buffer.from(bz2.compress('two'));
  const damagedTwo = Buffer.concat([one, two.subarray(0, two.length - 4)]);
  assert.throws(
    () => bz2.decompress(damagedTwo),
    (e: unknown) => e instanceof bz2.Bz2Error && e.code === 'ERR_TRUNCATED',
  );
});
