// ZstdFile reads take time linear in their size, and a line without '\n' stops at maxLineLength with a typed error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_MAX_LINE_LENGTH,
  ZstdCompressor,
  ZstdError,
  ZstdFile,
  openSync,
} from '../../../src/compression/zstd/index.js';
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

/** Best of three runs, in ms: the least disturbed by the other work on the machine. */
function best(run: () => void): number {
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    run();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

// Linear: 4× the data costs about 4× the time. The old reader copied everything buffered on each
// refill, so 4× the data cost about 16×. 9 leaves room for noise while still catching that.
const MAX_RATIO = 9;

test('read(n) of 4x more data takes about 4x longer, not 16x', () => {
  const text = (i: number): Buffer => Buffer.from(`${i} `.repeat(400_000));
  const small = zstFile('small.zst', 16 * MiB, text);
  const large = zstFile('large.zst', 64 * MiB, text);
  const readAll = (path: string, size: number) => () => {
    using f = new ZstdFile(path);
    assert.equal(f.read(size).length, size);
  };
  const tSmall = best(readAll(small, 16 * MiB));
  const tLarge = best(readAll(large, 64 * MiB));
  assert.ok(tLarge / tSmall < MAX_RATIO, `read(16 MiB) ${tSmall.toFixed(1)} ms, read(64 MiB) ${tLarge.toFixed(1)} ms`);
});

test('readline over a long line and read() grow linearly too', () => {
  const small = zstFile('line-small.zst', 8 * MiB, 0x61);
  const large = zstFile('line-large.zst', 32 * MiB, 0x61);
  const line = (path: string) => () => {
    using f = new ZstdFile(path);
    f.readline();
  };
  const tSmall = best(line(small));
  const tLarge = best(line(large));
  assert.ok(tLarge / tSmall < MAX_RATIO, `readline 8 MiB ${tSmall.toFixed(1)} ms, 32 MiB ${tLarge.toFixed(1)} ms`);
  const all = (path: string) => () => {
    using f = new ZstdFile(path);
    f.read();
  };
  const aSmall = best(all(small));
  const aLarge = best(all(large));
  assert.ok(aLarge / aSmall < MAX_RATIO, `read() 8 MiB ${aSmall.toFixed(1)} ms, 32 MiB ${aLarge.toFixed(1)} ms`);
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

test('text mode: a newline-free line stops at maxLineLength characters, and long lines read in linear time', () => {
  const path = zstFile('text-no-newline.zst', 4 * MiB, 0x63);
  using t = openSync(path, 'rt', { maxLineLength: MiB });
  assert.throws(() => t.readline(), (e: unknown) => e instanceof ZstdError && e.code === 'ERR_OUTPUT_LIMIT');
  assert.equal(t.read(5), 'ccccc', 'nothing was lost');
  const small = zstFile('text-small.zst', 4 * MiB, 0x63);
  const large = zstFile('text-large.zst', 16 * MiB, 0x63);
  const line = (p: string) => () => {
    using f = openSync(p, 'rt', { newline: '' });
    f.readline();
  };
  const tSmall = best(line(small));
  const tLarge = best(line(large));
  assert.ok(tLarge / tSmall < MAX_RATIO, `text readline 4 MiB ${tSmall.toFixed(1)} ms, 16 MiB ${tLarge.toFixed(1)} ms`);
});
