import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as compression from '../../../src/compression/index.js';
import { samplePayload, tool } from '../helpers.js';

const data = samplePayload(60_000, 21);

test('decompress: detects gzip, bz2, xz, legacy lzma and zlib from real CLI and ts314 output', async () => {
  const samples: [string, Buffer][] = [
    ['gzip', await tool('gzip', ['-c'], data)],
    ['bz2', await tool('bzip2', ['-c'], data)],
    ['lzma', await tool('xz', ['-c'], data)],
    ['lzma', await tool('xz', ['--format=lzma', '-c'], data)],
    ['zlib', compression.compress(data, 'zlib')],
    ['gzip', compression.compress(data, 'gzip')],
    ['bz2', compression.compress(data, 'bz2')],
    ['lzma', compression.compress(data, 'xz')],
  ];
  for (const [codec, packed] of samples) {
    assert.equal(compression.detect(packed), codec);
    assert.ok(compression.decompress(packed).equals(data), `${codec} round trip`);
    assert.ok((await compression.decompressAsync(packed)).equals(data), `${codec} async round trip`);
  }
});

test('detect: zstd frames and skippable frames are recognised by magic', async () => {
  const frame = await tool('zstd', ['-c', '-q'], data);
  assert.equal(compression.detect(frame), 'zstd');
  const skippable = Buffer.alloc(8 + 5);
  skippable.writeUInt32LE(0x184d2a53, 0);
  skippable.writeUInt32LE(5, 4);
  assert.equal(compression.detect(Buffer.concat([skippable, frame])), 'zstd');
  assert.equal(compression.detect(Buffer.from([0x28, 0xb5, 0x2f])), undefined, 'three bytes are not enough');
});

test('decompress: brotli has no magic — undetectable input names the fix, an explicit codec works', () => {
  const br = compression.compress(data, 'brotli', { level: 5 });
  assert.equal(compression.detect(br), undefined);
  assert.throws(
    () => compression.decompress(br),
    (e: unknown) =>
      e instanceof compression.UnrecognizedFormatError &&
      e instanceof compression.CompressionError &&
      e.code === 'ERR_FORMAT' &&
      /Brotli has no signature: pass \{ codec: "brotli" \}/.test((e as Error).message),
  );
  assert.ok(compression.decompress(br, { codec: 'brotli' }).equals(data));
  assert.ok(compression.decompress(br, { codec: 'br' }).equals(data), 'alias');
  assert.throws(() => compression.decompress(Buffer.alloc(0)), /starting \(empty\)/);
  assert.throws(() => compression.decompress(br, { codek: 'brotli' } as never), /Did you mean 'codec'\?/);
});

test('decompress: detected codec errors stay typed (truncated xz is LZMAError TRUNCATED)', async () => {
  const xz = compression.compress(data, 'lzma');
  const { LZMAError } = await import('../../../src/compression/lzma/index.js');
  assert.throws(
    () => compression.decompress(xz.subarray(0, 100)),
    (e: unknown) => e instanceof LZMAError && e.code === 'ERR_TRUNCATED',
  );
  assert.throws(
    () => compression.decompress(compression.compress(data, 'gzip'), { maxOutputLength: 1000 }),
    (e: unknown) => (e as compression.CompressionError).code === 'ERR_OUTPUT_LIMIT',
  );
});

test('compress: unknown codec names get "Did you mean", aliases resolve, level maps to each codec', () => {
  // Mistyped names fail to compile; the run-time check is for JavaScript callers and computed names.
  assert.throws(
    // @ts-expect-error 'gzp' is not a codec name
    () => compression.compress(data, 'gzp'),
    (e: unknown) => e instanceof compression.UnknownCodecError && /unknown codec 'gzp'. Did you mean 'gzip'\?/.test((e as Error).message),
  );
  // @ts-expect-error 'lzm' is not a codec name
  assert.throws(() => compression.compress(data, 'lzm'), /Did you mean 'lzma'\?/);
  // A swapped pair is two edits, over CPython's limit for a four-letter name: no guess.
  // @ts-expect-error 'lzam' is not a codec name
  assert.throws(() => compression.compress(data, 'lzam'), /unknown codec 'lzam'\. Known codecs/);
  // @ts-expect-error 'snappy' is not a codec name
  assert.throws(() => compression.compress(data, 'snappy'), /unknown codec 'snappy'\. Known codecs: zstd, gzip, zlib, bz2, lzma, brotli\./);
  for (const [alias, codec] of Object.entries(compression.CODEC_ALIASES) as [compression.CodecAlias, compression.CodecName][]) {
    if (codec === 'zstd' && !compression.isAvailable('zstd')) continue;
    assert.ok(compression.decompress(compression.compress(data, alias), codec === 'brotli' ? { codec } : {}).equals(data), alias);
  }
  // level → lzma preset / brotli quality: a higher level gives smaller output.
  assert.ok(compression.compress(data, 'lzma', { level: 9 }).length < compression.compress(data, 'lzma', { level: 0 }).length);
  assert.ok(compression.compress(data, 'brotli', { level: 9 }).length < compression.compress(data, 'brotli', { level: 0 }).length);
  assert.throws(() => compression.compress(data, 'bz2', { level: 0 }), /level must be an integer from 1 to 9/);
  assert.throws(() => compression.compress(data, 'gzip', { levle: 3 }), /Did you mean 'level'\?/);
});

test('createCompressStream/createDecompressStream by codec name interoperate with the CLIs', async () => {
  const { Readable } = await import('node:stream');
  const { pipeline } = await import('node:stream/promises');
  for (const [codec, cli] of [
    ['xz', 'xz'],
    ['bzip2', 'bzip2'],
    ['gzip', 'gzip'],
  ] as const) {
    const parts: Buffer[] = [];
    await pipeline(
      Readable.from([data.subarray(0, 30_000), data.subarray(30_000)]),
      compression.createCompressStream(codec, { level: 1 }),
      async (s: AsyncIterable<Buffer>) => {
        for await (const c of s) parts.push(c);
      },
    );
    assert.ok((await tool(cli, ['-dc'], Buffer.concat(parts))).equals(data), `${cli} reads the ${codec} stream`);
    const back: Buffer[] = [];
    await pipeline(
      Readable.from([await tool(cli, ['-c'], data)]),
      compression.createDecompressStream(codec),
      async (s: AsyncIterable<Buffer>) => {
        for await (const c of s) back.push(c);
      },
    );
    assert.ok(Buffer.concat(back).equals(data));
  }
});
