import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tool } from '../helpers.js';

// Through the package's own `exports` (self-reference → dist/), as a user imports it.
test('the built ts314/compression/* modules round-trip, interoperate and throw their own classes', async () => {
  const data = Buffer.from('built package payload '.repeat(2000));
  const modules = {
    gzip: await import('ts314/compression/gzip'),
    zlib: await import('ts314/compression/zlib'),
    bz2: await import('ts314/compression/bz2'),
    lzma: await import('ts314/compression/lzma'),
    brotli: await import('ts314/compression/brotli'),
  };
  for (const [name, mod] of Object.entries(modules)) {
    const packed = mod.compress(data);
    assert.ok(mod.decompress(packed).equals(data), name);
    assert.ok((await mod.decompressAsync(await mod.compressAsync(data))).equals(data), `${name} async`);
  }
  assert.ok((await tool('bzip2', ['-dc'], modules.bz2.compress(data))).equals(data));
  assert.ok((await tool('xz', ['-dc'], modules.lzma.compress(data))).equals(data));
  assert.ok((await tool('gzip', ['-dc'], modules.gzip.compress(data))).equals(data));
  assert.throws(() => modules.bz2.decompress(Buffer.from('nope')), modules.bz2.Bz2Error);
  assert.throws(() => modules.lzma.decompress(Buffer.from('nope')), modules.lzma.LZMAError);
  assert.throws(() => modules.gzip.decompress(Buffer.from('nope')), modules.gzip.BadGzipFile);

  const pkg = await import('ts314/compression');
  assert.deepEqual(
    pkg
      .available()
      .filter((c) => c.available)
      .map((c) => c.codec)
      .sort(),
    ['brotli', 'bz2', 'gzip', 'lzma', 'zlib', 'zstd'],
  );
  for (const codec of ['gzip', 'zlib', 'bz2', 'lzma', 'zstd'] as const) {
    assert.ok(pkg.decompress(pkg.compress(data, codec)).equals(data), `package ${codec}`);
  }
  assert.ok(pkg.decompressFrame(pkg.compressFrame(data)).equals(data));
  // @ts-expect-error a mistyped codec name fails to compile; JavaScript callers get UnknownCodecError
  assert.throws(() => pkg.compress(data, 'gzipp'), pkg.UnknownCodecError);
});
