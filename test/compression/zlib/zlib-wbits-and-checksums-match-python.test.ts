import { test } from 'node:test';
import assert from 'node:assert/strict';
import nodeZlib from 'node:zlib';
import * as z from '../../../src/compression/zlib/index.js';
import { samplePayload, tool } from '../helpers.js';

const data = samplePayload(50_000, 7);

test('zlib: wbits picks the container like Python (zlib, raw deflate, gzip, auto)', async () => {
  const zl = z.compress(data);
  assert.equal(zl[0]! & 0x0f, 8, 'zlib header');
  const raw = z.compress(data, { wbits: -15 });
  assert.ok(nodeZlib.inflateRawSync(raw).equals(data));
  assert.ok(z.decompress(raw, { wbits: -15 }).equals(data));
  const gz = z.compress(data, { wbits: 31 });
  assert.ok((await tool('gzip', ['-dc'], gz)).equals(data), 'wbits 31 is real gzip');
  assert.ok(z.decompress(gz, { wbits: 31 }).equals(data));
  assert.ok(z.decompress(gz, { wbits: 47 }).equals(data), 'wbits 47 auto-detects gzip');
  assert.ok(z.decompress(zl, { wbits: 47 }).equals(data), 'wbits 47 auto-detects zlib');
  assert.ok(z.decompress(zl, { wbits: 0 }).equals(data), 'wbits 0 uses the header window');
  assert.throws(() => z.compress(data, { wbits: 20 }), /invalid wbits 20/);
  assert.throws(
    () => z.decompress(raw),
    (e: unknown) => e instanceof z.ZlibError && ['ERR_FORMAT', 'ERR_CORRUPT'].includes(e.code),
  );
});

test('zlib: crc32 and adler32 agree with the checksums zlib and gzip write', () => {
  const zl = z.compress(data);
  assert.equal(z.adler32(data), zl.readUInt32BE(zl.length - 4), 'zlib trailer holds adler32');
  const gz = nodeZlib.gzipSync(data);
  assert.equal(z.crc32(data), gz.readUInt32LE(gz.length - 8), 'gzip trailer holds crc32');
  // Running checksums: feeding in two parts gives the whole.
  assert.equal(z.adler32(data.subarray(20_000), z.adler32(data.subarray(0, 20_000))), z.adler32(data));
  assert.equal(z.crc32(data.subarray(20_000), z.crc32(data.subarray(0, 20_000))), z.crc32(data));
  assert.equal(z.adler32(''), 1);
  assert.equal(z.crc32(''), 0);
});
