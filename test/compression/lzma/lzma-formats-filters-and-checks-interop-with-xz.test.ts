import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as lzma from '../../../src/compression/lzma/index.js';
import { runTool, samplePayload, tool } from '../helpers.js';

const data = samplePayload(120_000, 11);

test('lzma: FORMAT_ALONE is what `xz --format=lzma` reads and writes', async () => {
  const alone = lzma.compress(data, { format: lzma.FORMAT_ALONE });
  assert.ok((await tool('xz', ['--format=lzma', '-dc'], alone)).equals(data));
  const fromCli = await tool('xz', ['--format=lzma', '-c'], data);
  assert.ok(lzma.decompress(fromCli).equals(data), 'FORMAT_AUTO detects .lzma');
  assert.ok(lzma.decompress(fromCli, { format: lzma.FORMAT_ALONE }).equals(data));
  assert.throws(
    () => lzma.decompress(fromCli, { format: lzma.FORMAT_XZ }),
    (e: unknown) => e instanceof lzma.LZMAError && e.code === 'ERR_FORMAT',
  );
  assert.throws(() => lzma.compress(data, { format: lzma.FORMAT_ALONE, check: lzma.CHECK_CRC32 }), /only supported by FORMAT_XZ/);
});

test('lzma: FORMAT_RAW filter chains match `xz --format=raw` with the same filters', async () => {
  const filters = [
    { id: lzma.FILTER_DELTA, dist: 4 },
    { id: lzma.FILTER_LZMA2, preset: 1 },
  ];
  const raw = lzma.compress(data, { format: lzma.FORMAT_RAW, filters });
  assert.ok((await tool('xz', ['--format=raw', '--delta=dist=4', '--lzma2=preset=1', '-dc'], raw)).equals(data));
  const cliRaw = await tool('xz', ['--format=raw', '--delta=dist=4', '--lzma2=preset=1', '-c'], data);
  assert.ok(lzma.decompress(cliRaw, { format: lzma.FORMAT_RAW, filters }).equals(data));
  assert.throws(() => lzma.compress(data, { format: lzma.FORMAT_RAW }), /FORMAT_RAW needs a filters chain/);
  assert.throws(() => lzma.decompress(raw, { filters }), /cannot specify filters except with FORMAT_RAW/);
  assert.throws(() => lzma.compress(data, { preset: 1, filters }), /cannot specify both preset and filters/);
  assert.throws(
    () => lzma.compress(data, { filters: [{ id: lzma.FILTER_LZMA2, dictSise: 1 << 20 } as never] }),
    /Did you mean 'dictSize'\?/,
  );
  assert.throws(() => lzma.compress(data, { filters: [{ id: 0x77n }] }), /unknown filter id/);
  // An xz stream with a custom chain (x86 BCJ + LZMA2 with explicit options) passes `xz -t`.
  const xz = lzma.compress(data, {
    filters: [
      { id: lzma.FILTER_X86 },
      { id: lzma.FILTER_LZMA2, dictSize: 1 << 20, lc: 3, lp: 0, pb: 2, mf: lzma.MF_BT4, mode: lzma.MODE_NORMAL, niceLen: 64 },
    ],
  });
  assert.equal((await runTool('xz', ['-t'], xz)).code, 0);
  assert.ok(lzma.decompress(xz).equals(data));
});

test('lzma: checks, presets and memlimit behave as in Python', async () => {
  for (const check of [lzma.CHECK_NONE, lzma.CHECK_CRC32, lzma.CHECK_CRC64, lzma.CHECK_SHA256]) {
    assert.equal(lzma.isCheckSupported(check), true);
    const xz = lzma.compress(data, { check });
    assert.equal(xz[7], check, 'stream flags carry the check id');
    assert.ok((await tool('xz', ['-dc'], xz)).equals(data));
  }
  assert.equal(lzma.isCheckSupported(lzma.CHECK_UNKNOWN), false);
  const extreme = lzma.compress(data, { preset: 6 | lzma.PRESET_EXTREME });
  assert.ok(lzma.decompress(extreme).equals(data));
  assert.throws(() => lzma.compress(data, { preset: 10 }), /preset must be 0 … 9/);
  const big = lzma.compress(data, { preset: 9 });
  assert.throws(
    () => lzma.decompress(big, { memlimit: 1 << 16 }),
    (e: unknown) => e instanceof lzma.LZMAError && e.code === 'ERR_MEMORY_LIMIT',
  );
  assert.ok(lzma.decompress(big, { memlimit: 1 << 30 }).equals(data));
});

test('LZMACompressor/LZMADecompressor: incremental use mirrors CPython', async () => {
  const c = new lzma.LZMACompressor({ preset: 1 });
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += 25_000) parts.push(c.compress(data.subarray(i, i + 25_000)));
  parts.push(c.flush());
  const xz = Buffer.concat(parts);
  assert.ok((await tool('xz', ['-dc'], xz)).equals(data));
  const d = new lzma.LZMADecompressor();
  const first = d.decompress(Buffer.concat([xz, Buffer.from('after')]), 10);
  assert.equal(first.length, 10);
  assert.equal(d.needsInput, false);
  const rest: Buffer[] = [first];
  while (!d.eof) rest.push(d.decompress(Buffer.alloc(0)));
  assert.ok(Buffer.concat(rest).equals(data));
  assert.equal(d.unusedData.toString(), 'after');
  assert.throws(() => d.decompress('x'), lzma.EOFError);
  assert.equal(lzma.LzmaError, lzma.LZMAError);
});

test('lzma: garbage that liblzma would read as a headerless .lzma stream is FORMAT, as with xz', async () => {
  const garbage = Buffer.from('definitely not compressed, just some words');
  assert.notEqual((await runTool('xz', ['-dc'], garbage)).code, 0);
  assert.throws(
    () => lzma.decompress(garbage),
    (e: unknown) => e instanceof lzma.LZMAError && e.code === 'ERR_FORMAT' && /not \.xz/.test((e as Error).message),
  );
  await assert.rejects(lzma.decompressAsync(garbage), (e: unknown) => e instanceof lzma.LZMAError && e.code === 'ERR_FORMAT');
});
