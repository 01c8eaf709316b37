// ZstdFile reads take time linear in their size, and a line without '\n' stops at maxLineLength with a typed error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_MAX_LINE_LENGTH, ZstdCompressor, ZstdError, ZstdFile, decompress, openSync } from '../../../src/compression/zstd/index.js';
import { growthVersus } from '../helpers.js';
import { tempDirForFile } from '../../helpers/temp-dir.js';

const dir = tempDirForFile('zstd-linear');
const MiB = 1024 * 1024;

/** A .zst file of `size` bytes of `fill` (one frame, streamed so the header has no size). */
function zstFile(name: string, size: number, fill: number | ((i: number) => Buffer)): string {
  const c = new ZstdCompressor({ level: 1 });
  const parts: Buffer[] = [];
  for (let at = 0, i = 0; at < size; i++) {
    const piece = typeof fill === 'number' ? Buffer.alloc(Math.min(4 * MiB, size - at), fill) : fill(i).subarray(0, size - at);
    parts.push(c.compress(piece));
    at += piece.length;
  }
  parts.push(c.flush());
  return dir.write(name, Buffer.concat(parts));
}

// Linear: 8× the data costs about 8× the time, as one-shot decompression does. The old reader copied
// everything buffered so far on each refill: at 24 MiB that is ~600 MiB of copying, growing with the square
// of the size. Linear code measures 1–2× here (its reads allocate twice: the chunks, then the result).
const SMALL = 3 * MiB;
const LARGE = 8 * SMALL;
const MAX_EXCESS = 6;

/** Newline-free text that takes real decoding work, so copying and allocation do not dominate the timings. */
const text = (i: number): Buffer =>
  Buffer.from(Array.from({ length: 200_000 }, (_, k) => ((k * 7919 + i) % 100_003).toString(36)).join(' '));

const files = new Map<number, string>();
const fileOf = (size: number): string => {
  if (!files.has(size)) files.set(size, zstFile(`text-${size}.zst`, size, text));
  return files.get(size) as string;
};
const oneShot = (size: number) => decompress(readFileSync(fileOf(size)));

test('read(n), read() and readline() grow like one-shot decompression, not quadratically', async () => {
  const readN = await growthVersus(
    (size) => {
      using f = new ZstdFile(fileOf(size));
      assert.equal(f.read(size).length, size);
    },
    oneShot,
    SMALL,
    LARGE,
  );
  assert.ok(readN.excess < MAX_EXCESS, `read(n) ${readN.detail}`);
  const readAll = await growthVersus(
    (size) => {
      using f = new ZstdFile(fileOf(size));
      f.read();
    },
    oneShot,
    SMALL,
    LARGE,
  );
  assert.ok(readAll.excess < MAX_EXCESS, `read() ${readAll.detail}`);
  const line = await growthVersus(
    (size) => {
      using f = new ZstdFile(fileOf(size), 'r', { maxLineLength: Infinity });
      assert.equal(f.readline().length, size);
    },
    oneShot,
    SMALL,
    LARGE,
  );
  assert.ok(line.excess < MAX_EXCESS, `readline() ${line.detail}`);
  const textLine = await growthVersus(
    (size) => {
      using f = openSync(fileOf(size), 'rt', { newline: '' });
      f.readline();
    },
    oneShot,
    SMALL,
    LARGE,
  );
  assert.ok(textLine.excess < MAX_EXCESS, `text readline() ${textLine.detail}`);
});

test('newline-free input: readline and iteration stop at maxLineLength with ERR_OUTPUT_LIMIT; the bytes stay readable', () => {
  const path = zstFile('no-newline.zst', 8 * MiB, 0x61);
  const f = new ZstdFile(path, 'r', { maxLineLength: MiB });
  assert.throws(
    () => f.readline(),
    (e: unknown) => e instanceof ZstdError && e.code === 'ERR_OUTPUT_LIMIT' && /maxLineLength \(1048576 bytes\)/.test(e.message),
  );
  assert.equal(f.tell(), 0);
  assert.deepEqual(f.read(3), Buffer.from('aaa'));
  assert.equal(f.readline(10).length, 10, 'an explicit limit still reads part of the line');
  assert.throws(() => [...f], { code: 'ERR_OUTPUT_LIMIT' });
  f.close();
  using unlimited = new ZstdFile(path, 'r', { maxLineLength: Infinity });
  assert.equal(unlimited.readline().length, 8 * MiB);
  assert.throws(() => new ZstdFile(path, 'r', { maxLineLength: 0 }), RangeError);
  assert.throws(() => new ZstdFile(dir.join('w.zst'), 'w', { maxLineLength: 10 }), TypeError);
});

test('the default limit is DEFAULT_MAX_LINE_LENGTH; a line exactly that long still reads', () => {
  assert.equal(DEFAULT_MAX_LINE_LENGTH, 256 * MiB);
  const path = zstFile('huge-line.zst', DEFAULT_MAX_LINE_LENGTH + 1, 0x62);
  using f = new ZstdFile(path);
  assert.throws(() => f.readline(), { code: 'ERR_OUTPUT_LIMIT' });
  const exact = zstFile('exact-line.zst', 1024, 0x62);
  using g = new ZstdFile(exact, 'r', { maxLineLength: 1024 });
  assert.equal(g.readline().length, 1024);
});

test('text mode: a newline-free line stops at maxLineLength characters', () => {
  const path = zstFile('text-no-newline.zst', 4 * MiB, 0x63);
  using t = openSync(path, 'rt', { maxLineLength: MiB });
  assert.throws(
    () => t.readline(),
    (e: unknown) => e instanceof ZstdError && e.code === 'ERR_OUTPUT_LIMIT',
  );
  assert.equal(t.read(5), 'ccccc', 'nothing was lost');
});
