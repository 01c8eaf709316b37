import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as compression from '../../../src/compression/index.js';
import * as gzip from '../../../src/compression/gzip/index.js';
import * as zlib from '../../../src/compression/zlib/index.js';
import * as bz2 from '../../../src/compression/bz2/index.js';
import * as lzma from '../../../src/compression/lzma/index.js';
import * as brotli from '../../../src/compression/brotli/index.js';

const SHARED = [
  'compress',
  'decompress',
  'compressAsync',
  'decompressAsync',
  'createCompressStream',
  'createDecompressStream',
  'open',
  'DEFAULT_MAX_OUTPUT_LENGTH',
  'InvalidArgumentError',
  'InvalidValueError',
];

// The public surface is the contract docs/compression.md documents: adding or dropping a name must be deliberate.
test('each codec module exports exactly its documented names', () => {
  const expected: Record<string, [object, string[]]> = {
    gzip: [gzip, [...SHARED, 'COMPRESSION_LEVEL_DEFAULT', 'GzipError', 'BadGzipFile', 'GzipFile']],
    zlib: [
      zlib,
      [...SHARED, 'Z_DEFAULT_COMPRESSION', 'Z_BEST_SPEED', 'Z_BEST_COMPRESSION', 'MAX_WBITS', 'crc32', 'adler32', 'ZlibError', 'ZlibFile'],
    ],
    bz2: [bz2, [...SHARED, 'BZ2Compressor', 'BZ2Decompressor', 'COMPRESSION_LEVEL_DEFAULT', 'Bz2Error', 'EOFError', 'BZ2File']],
    lzma: [
      lzma,
      [
        ...SHARED,
        'isCheckSupported',
        'LZMACompressor',
        'LZMADecompressor',
        'LZMAError',
        'LzmaError',
        'EOFError',
        'LZMAFile',
        'FORMAT_AUTO',
        'FORMAT_XZ',
        'FORMAT_ALONE',
        'FORMAT_RAW',
        'CHECK_NONE',
        'CHECK_CRC32',
        'CHECK_CRC64',
        'CHECK_SHA256',
        'CHECK_ID_MAX',
        'CHECK_UNKNOWN',
        'FILTER_LZMA1',
        'FILTER_LZMA2',
        'FILTER_DELTA',
        'FILTER_X86',
        'FILTER_POWERPC',
        'FILTER_IA64',
        'FILTER_ARM',
        'FILTER_ARMTHUMB',
        'FILTER_SPARC',
        'MF_HC3',
        'MF_HC4',
        'MF_BT2',
        'MF_BT3',
        'MF_BT4',
        'MODE_FAST',
        'MODE_NORMAL',
        'PRESET_DEFAULT',
        'PRESET_EXTREME',
      ],
    ],
    brotli: [brotli, [...SHARED, 'QUALITY_DEFAULT', 'BrotliError', 'BrotliFile']],
    compression: [
      compression,
      [
        'compress',
        'decompress',
        'compressAsync',
        'decompressAsync',
        'detect',
        'createCompressStream',
        'createDecompressStream',
        'available',
        'isAvailable',
        'compressFrame',
        'decompressFrame',
        'FRAME_ZSTD_LEVEL',
        'CODECS',
        'CODEC_ALIASES',
        'UnknownCodecError',
        'UnrecognizedFormatError',
        'CompressionError',
        'InvalidArgumentError',
        'InvalidValueError',
        'DEFAULT_MAX_OUTPUT_LENGTH',
        // Each codec module as a namespace: `import { gzip } from 'ts314/compression'`.
        'zstd',
        'gzip',
        'zlib',
        'bz2',
        'lzma',
        'brotli',
      ],
    ],
  };
  for (const [name, [mod, names]] of Object.entries(expected)) {
    assert.deepEqual(Object.keys(mod).sort(), [...names].sort(), name);
  }
});

test('constants carry the values CPython and liblzma/zlib use', () => {
  assert.deepEqual([zlib.Z_DEFAULT_COMPRESSION, zlib.Z_BEST_SPEED, zlib.Z_BEST_COMPRESSION, zlib.MAX_WBITS], [-1, 1, 9, 15]);
  assert.deepEqual([lzma.FORMAT_AUTO, lzma.FORMAT_XZ, lzma.FORMAT_ALONE, lzma.FORMAT_RAW], [0, 1, 2, 3]);
  assert.deepEqual(
    [lzma.CHECK_NONE, lzma.CHECK_CRC32, lzma.CHECK_CRC64, lzma.CHECK_SHA256, lzma.CHECK_ID_MAX, lzma.CHECK_UNKNOWN],
    [0, 1, 4, 10, 15, 16],
  );
  assert.equal(lzma.FILTER_LZMA1, 4611686018427387905n);
  assert.deepEqual(
    [
      lzma.FILTER_LZMA2,
      lzma.FILTER_DELTA,
      lzma.FILTER_X86,
      lzma.FILTER_POWERPC,
      lzma.FILTER_IA64,
      lzma.FILTER_ARM,
      lzma.FILTER_ARMTHUMB,
      lzma.FILTER_SPARC,
    ],
    [0x21n, 3n, 4n, 5n, 6n, 7n, 8n, 9n],
  );
  assert.deepEqual(
    [lzma.MF_HC3, lzma.MF_HC4, lzma.MF_BT2, lzma.MF_BT3, lzma.MF_BT4, lzma.MODE_FAST, lzma.MODE_NORMAL],
    [3, 4, 0x12, 0x13, 0x14, 1, 2],
  );
  assert.deepEqual([lzma.PRESET_DEFAULT, lzma.PRESET_EXTREME], [6, 0x80000000]);
  assert.deepEqual([gzip.COMPRESSION_LEVEL_DEFAULT, bz2.COMPRESSION_LEVEL_DEFAULT, brotli.QUALITY_DEFAULT], [9, 9, 11]);
  // The number spelling of FILTER_LZMA1 (which rounds to 2^62) is accepted too.
  const data = Buffer.from('filter id as a number '.repeat(100));
  const alone = lzma.compress(data, { format: lzma.FORMAT_ALONE, filters: [{ id: Number(lzma.FILTER_LZMA1), preset: 1 }] });
  assert.ok(lzma.decompress(alone).equals(data));
});

test('package-level async forms and streams match the sync ones', async () => {
  const data = Buffer.from('async package payload '.repeat(500));
  for (const codec of compression.CODECS) {
    if (!compression.isAvailable(codec)) continue;
    const packed = await compression.compressAsync(data, codec, { level: 3 });
    assert.ok((await compression.decompressAsync(packed, codec === 'brotli' ? { codec } : undefined)).equals(data), codec);
    assert.ok(compression.decompress(packed, { codec }).equals(data), `${codec} explicit`);
  }
  // @ts-expect-error 'lzm4' is not a codec name
  await assert.rejects(compression.compressAsync(data, 'lzm4'), compression.UnknownCodecError);
});
