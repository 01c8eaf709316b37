// ZstdFile reads take time linear in their size (no worse than one-shot decompression), and a line without '\n' stops at maxLineLength with a typed error.
// test: serial — it compares the times of two reads, which other test files on the same cores would skew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  DEFAULT_MAX_LINE_LENGTH,
  ZstdCompressor,
  ZstdError,
  ZstdFile,
  compress,
  decompress,
  openSync,
} from '../../../src/compression/zstd/index.js';
import { slowdownVersus } from '../helpers.js';
import { tempDirForFile } from '../../helpers/temp-dir.js';

const dir = tempDirForFile('zstd-linear');
const MiB = 1024 * 1024;

/** A .zst file of `size` bytes of `fill` (one frame, streamed so the header has no size). */
function zstFile(name: string, size: number, fill: number): string {
  const c = new ZstdCompressor({ level: 1 });
  const parts: Buffer[] = [];
  for (let at = 0; at < size; ) {
    const piece = Buffer.alloc(Math.min(4 * MiB, size - at), fill);
    parts.push(c.compress(piece));
    at += piece.length;
  }
  parts.push(c.flush());
  return dir.write(name, Buffer.concat(parts));
}

// Linear: a read costs about what one-shot decompression of the same data costs. The file is 16,384
// frames of 1 KiB, so every refill of the reader yields only 1 KiB: a reader that copies everything
// buffered on each refill (the old one did) would copy ~128 GiB here, and a line search that rescans the
// queue from its head on each refill measured 56× the one-shot time. Linear code measures 0.4–2.2× (text
// mode decodes UTF-8 into a string, so its baseline does too); the bound leaves room for a noisy machine.
const SIZE = 16 * MiB;
const FRAME = 1024;
const MAX_SLOWDOWN = 25;

const text = Buffer.from(Array.from({ length: 2_000_000 }, (_, k) => ((k * 7919) % 100_003).toString(36)).join(' '));
const framed = (): string => {
  const frames: Buffer[] = [];
  for (let at = 0; at < SIZE; at += FRAME) {
    const from = at % (text.length - FRAME);
    frames.push(compress(text.subarray(from, from + FRAME), { level: 1 }));
  }
  return dir.write('framed.zst', Buffer.concat(frames));
};

test('read(n), read() and readline() cost what one-shot decompression costs, not quadratically more', async () => {
  const path = framed();
  const oneShot = () => decompress(readFileSync(path));
  const withFile = (read: (f: ZstdFile) => Buffer): Buffer => {
    using f = new ZstdFile(path, 'r', { maxLineLength: Infinity });
    return read(f);
  };
  const reads: Record<string, [() => unknown, () => unknown]> = {
    'read(n)': [() => withFile((f) => f.read(SIZE)), oneShot],
    'read()': [() => withFile((f) => f.read()), oneShot],
    'readline()': [() => withFile((f) => f.readline()), oneShot],
    'text readline()': [
      () => {
        using f = openSync(path, 'rt', { newline: '' });
        return f.readline();
      },
      () => oneShot().toString(),
    ],
  };
  for (const [name, [read, baseline]] of Object.entries(reads)) {
    assert.equal(String(read()).length, SIZE, name);
    const { slowdown, detail } = await slowdownVersus(read, baseline);
    assert.ok(slowdown < MAX_SLOWDOWN, `${name} of ${SIZE} bytes in ${SIZE / FRAME} frames: ${detail}`);
  }
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
