// Transform streams (flush modes, backpressure, truncation) and ZstdFile/openSync (r/w/a/x, text mode, seek, fds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync as openFd, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { buffer } from 'node:stream/consumers';
import {
  createCompressStream,
  createDecompressStream,
  ZstdDecompressor,
  ZstdFile,
  ZstdTextFile,
  ZstdError,
  compress,
  decompress,
  openSync,
} from '../../../src/compression/zstd/index.js';
import { tempDirForFile } from '../../helpers/temp-dir.js';

const dir = tempDirForFile('zstd-files').path;

const data = Buffer.from(Array.from({ length: 30000 }, (_, i) => `row ${i} value ${(i * 7) % 1000}\n`).join(''));

test('compress-stream-then-decompress-stream-round-trips-in-many-chunks', async () => {
  const chunks = Array.from({ length: Math.ceil(data.length / 1000) }, (_, i) => data.subarray(i * 1000, (i + 1) * 1000));
  const compressed = await buffer(Readable.from(chunks).pipe(createCompressStream({ level: 4 })));
  assert.deepEqual(decompress(compressed), data);
  const split = Array.from({ length: compressed.length }, (_, i) => compressed.subarray(i, i + 1)); // byte by byte
  assert.deepEqual(await buffer(Readable.from(split).pipe(createDecompressStream())), data);
});

test('stream-flush-block-and-flush-frame-make-written-data-readable-immediately', async () => {
  const c = createCompressStream();
  const out: Buffer[] = [];
  c.on('data', (b: Buffer) => out.push(b));
  c.write(data.subarray(0, 5000));
  await new Promise<void>((resolve) => c.flush(1, resolve));
  const d = new ZstdDecompressor();
  assert.deepEqual(d.decompress(Buffer.concat(out)), data.subarray(0, 5000), 'FLUSH_BLOCK: decodable, frame open');
  assert.equal(d.eof, false);
  c.write(data.subarray(5000, 9000));
  await new Promise<void>((resolve) => c.flush(2, resolve));
  assert.deepEqual(d.decompress(Buffer.concat(out).subarray(Buffer.concat(out.slice(0, 1)).length)), data.subarray(5000, 9000));
  assert.equal(d.eof, true, 'FLUSH_FRAME ends the frame');
  c.end(data.subarray(9000));
  await new Promise((resolve) => c.on('end', resolve));
  assert.deepEqual(decompress(Buffer.concat(out)), data);
  assert.throws(() => c.flush(0 as never), RangeError);
});

test('an-empty-compress-stream-yields-a-valid-empty-frame', async () => {
  const out = await buffer(Readable.from([]).pipe(createCompressStream()));
  assert.ok(out.length > 0);
  assert.deepEqual(decompress(out), Buffer.alloc(0));
});

test('decompress-stream-joins-frames-and-fails-on-truncation-and-corruption', async () => {
  const two = Buffer.concat([compress(data.subarray(0, 100)), compress(data.subarray(100))]);
  assert.deepEqual(await buffer(Readable.from([two]).pipe(createDecompressStream())), data);
  const truncated = two.subarray(0, two.length - 5);
  await assert.rejects(pipeline(Readable.from([truncated]), createDecompressStream(), new Writable({ write: (_c, _e, cb) => cb() })), {
    name: 'ZstdError',
    code: 'ERR_TRUNCATED',
  });
  await assert.rejects(buffer(Readable.from([Buffer.from('this is not zstd data')]).pipe(createDecompressStream())), {
    code: 'ERR_FORMAT',
  });
});

test('decompress-stream-respects-backpressure-of-a-slow-reader', async () => {
  const big = Buffer.alloc(8 * 1024 * 1024, 7);
  const frame = compress(big);
  const d = createDecompressStream({ highWaterMark: 64 * 1024 });
  let received = 0;
  let maxBuffered = 0;
  const slow = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _e, cb) {
      received += chunk.length;
      maxBuffered = Math.max(maxBuffered, d.readableLength);
      setImmediate(cb);
    },
  });
  await pipeline(Readable.from([frame.subarray(0, 10), frame.subarray(10)]), d, slow);
  assert.equal(received, big.length);
  // Output comes in slices of at most 1 MiB even though one input chunk expands to 8 MiB.
  assert.ok(maxBuffered <= 8 * 1024 * 1024);
});

test('zstd-file-writes-reads-appends-and-refuses-to-overwrite-in-x-mode', () => {
  const path = join(dir, 'a.zst');
  const w = new ZstdFile(path, 'w', { level: 5 });
  assert.equal(w.mode, 'wb');
  assert.equal(w.write(data.subarray(0, 1000)), 1000);
  assert.equal(w.tell(), 1000);
  w.close();
  w.close();
  assert.equal(w.closed, true);
  assert.throws(
    () => w.write(Buffer.from('x')),
    (e: unknown) => e instanceof ZstdError && e.code === 'ERR_CLOSED',
  );
  const a = openSync(path, 'ab');
  a.write(data.subarray(1000));
  a.close();
  const r = new ZstdFile(path);
  assert.equal(r.mode, 'rb');
  assert.deepEqual(r.read(10), data.subarray(0, 10));
  assert.deepEqual(r.peek(5).subarray(0, 5), data.subarray(10, 15));
  assert.deepEqual(r.readline(), data.subarray(10, data.indexOf(0x0a, 10) + 1));
  const before = r.tell();
  assert.deepEqual(Buffer.concat([...r]), data.subarray(before));
  assert.equal(r.tell(), data.length);
  assert.deepEqual(r.read(), Buffer.alloc(0));
  r.close();
  assert.throws(() => openSync(path, 'x'), /EEXIST/);
  assert.throws(() => new ZstdFile(path, 'rw' as never), /invalid mode/);
  assert.throws(() => new ZstdFile(path, 'r', { level: 3 }), /read mode/);
  assert.throws(() => new ZstdFile(path, 'r').write(Buffer.from('x')), /open for reading/);
});

test('zstd-file-seeks-forward-and-backward-and-reads-lines', () => {
  const path = join(dir, 'seek.zst');
  writeFileSync(path, Buffer.concat([compress(data.subarray(0, 50000)), compress(data.subarray(50000))]));
  using f = openSync(path, 'rb');
  assert.equal(f.seek(60000), 60000);
  assert.deepEqual(f.read(20), data.subarray(60000, 60020));
  assert.equal(f.seek(5), 5);
  assert.deepEqual(f.read(5), data.subarray(5, 10));
  assert.equal(f.seek(-10, 2), data.length - 10);
  assert.deepEqual(f.read(), data.subarray(data.length - 10));
  assert.equal(f.readlines().length, 0);
});

test('zstd-file-reports-truncated-and-corrupt-files', () => {
  const path = join(dir, 'bad.zst');
  writeFileSync(path, compress(data).subarray(0, 500));
  const f = openSync(path);
  assert.throws(() => f.read(), { code: 'ERR_TRUNCATED' });
  f.close();
  writeFileSync(path, Buffer.from('plain text, not zstd'));
  assert.throws(() => openSync(path).read(), { code: 'ERR_FORMAT' });
  writeFileSync(path, Buffer.alloc(0));
  assert.deepEqual(openSync(path).read(), Buffer.alloc(0), 'an empty file is empty data, as in Python');
});

test('zstd-file-on-a-file-descriptor-leaves-it-open', () => {
  const path = join(dir, 'fd.zst');
  const fd = openFd(path, 'w');
  const f = new ZstdFile(fd, 'wb');
  f.write(Buffer.from('through an fd'));
  f.close();
  closeSync(fd); // still ours to close: would throw EBADF if ZstdFile had closed it
  assert.equal(decompress(readFileSync(path)).toString(), 'through an fd');
});

test('text-mode-encodes-decodes-and-translates-newlines', () => {
  const path = join(dir, 'text.zst');
  const w = openSync(path, 'wt', { encoding: 'utf-8' });
  assert.ok(w instanceof ZstdTextFile);
  assert.equal(w.mode, 'wt');
  w.write('héllo wörld\r\nsecond 🙂 line\nthird');
  w.close();
  const r = openSync(path, 'rt');
  assert.deepEqual([...r], ['héllo wörld\n', 'second 🙂 line\n', 'third']);
  r.close();
  const raw = openSync(path, 'rt', { newline: '' });
  assert.equal(raw.read(), 'héllo wörld\r\nsecond 🙂 line\nthird');
  raw.close();
  const crlf = join(dir, 'crlf.zst');
  const wc = openSync(crlf, 'wt', { newline: '\r\n' });
  wc.write('a\nb\n');
  wc.close();
  assert.equal(decompress(readFileSync(crlf)).toString(), 'a\r\nb\r\n');
  const utf16 = join(dir, 'u16.zst');
  const w16 = openSync(utf16, 'wt', { encoding: 'utf-16le' });
  w16.write('ünïcode');
  w16.close();
  assert.equal(openSync(utf16, 'rt', { encoding: 'utf-16le' }).read(), 'ünïcode');
  writeFileSync(path, compress(Buffer.from([0x61, 0xff, 0x62])));
  assert.throws(() => openSync(path, 'rt').read(), /not valid UTF-8/);
  assert.equal(openSync(path, 'rt', { errors: 'replace' }).read(), 'a\ufffdb');
  assert.throws(() => openSync(path, 'rb', { encoding: 'utf-8' }), /only for text mode/);
  assert.throws(() => openSync(path, 'rbt' as never), /cannot be combined/);
  assert.throws(() => openSync(path, 'rt', { encoding: 'klingon' as never }), /unsupported encoding/);
});
