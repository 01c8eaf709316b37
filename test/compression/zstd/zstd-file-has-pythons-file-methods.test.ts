// ZstdFile's Python file methods: FLUSH_BLOCK/FLUSH_FRAME, readinto, readinto1, writelines, isatty, and truncate/detach refused as io does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnsupportedOperation, ZstdError, ZstdFile, ZstdDecompressor, decompress } from '../../../src/compression/zstd/index.js';
import { CompressionError } from '../../../src/compression/index.js';
import { readFileSync } from 'node:fs';
import { tempDirForFile } from '../../helpers/temp-dir.js';

const dir = tempDirForFile('zstd-file-methods');

test('writelines writes each buffer in turn; FLUSH_BLOCK makes the data decodable with the frame still open', () => {
  const path = dir.join('lines.zst');
  const f = new ZstdFile(path, 'w');
  assert.equal(ZstdFile.FLUSH_BLOCK, 1);
  assert.equal(ZstdFile.FLUSH_FRAME, 2);
  f.writelines([Buffer.from('a\n'), 'b\n', new Uint8Array([0x63, 0x0a])]);
  f.flush(ZstdFile.FLUSH_BLOCK);
  const d = new ZstdDecompressor();
  assert.equal(d.decompress(readFileSync(path)).toString(), 'a\nb\nc\n');
  assert.equal(d.eof, false, 'the frame is still open');
  const size = readFileSync(path).length;
  f.flush(ZstdFile.FLUSH_BLOCK);
  assert.equal(readFileSync(path).length, size, 'a second flush in the same mode writes nothing, as in Python');
  assert.throws(() => f.writelines('abc' as never), TypeError);
  assert.throws(() => f.flush(0 as never), RangeError);
  f.close();
  assert.equal(decompress(readFileSync(path)).toString(), 'a\nb\nc\n');
});

test('readinto fills the buffer until the data ends; readinto1 refills at most once', () => {
  const path = dir.join('read.zst');
  const data = Buffer.from('0123456789'.repeat(100_000));
  using w = new ZstdFile(path, 'w');
  w.write(data);
  w.close();
  using f = new ZstdFile(path);
  const buf = new Uint8Array(700_000);
  assert.equal(f.readinto(buf), 700_000);
  assert.deepEqual(Buffer.from(buf), data.subarray(0, 700_000));
  const view = new DataView(new ArrayBuffer(500_000));
  const n = f.readinto1(view);
  assert.ok(n > 0 && n <= 300_000, `readinto1 read ${n}`);
  assert.deepEqual(Buffer.from(view.buffer, 0, n), data.subarray(700_000, 700_000 + n));
  assert.equal(f.tell(), 700_000 + n);
  let rest = 0;
  for (let k = f.readinto(buf); k > 0; k = f.readinto(buf)) rest += k;
  assert.equal(rest, data.length - 700_000 - n);
  assert.equal(f.readinto(buf), 0, '0 at the end');
  assert.throws(() => f.readinto([1, 2, 3] as never), TypeError);
});

test('isatty is false; truncate and detach throw UnsupportedOperation; closed files throw ERR_CLOSED', () => {
  const path = dir.join('misc.zst');
  const f = new ZstdFile(path, 'w');
  assert.equal(f.isatty(), false);
  for (const call of [() => f.truncate(), () => f.truncate(0), () => f.detach()]) {
    assert.throws(
      call,
      (e: unknown) => e instanceof UnsupportedOperation && e instanceof CompressionError && e.code === 'ERR_UNSUPPORTED_OPERATION',
    );
  }
  f.close();
  assert.equal(readFileSync(path).length, 0, 'an untouched writer leaves an empty file');
  for (const call of [() => f.isatty(), () => f.truncate(), () => f.detach()]) {
    assert.throws(call, (e: unknown) => e instanceof ZstdError && e.code === 'ERR_CLOSED');
  }
  using r = new ZstdFile(path);
  assert.equal(r.isatty(), false);
  assert.throws(() => r.truncate(), UnsupportedOperation);
  assert.throws(() => r.writelines([]), TypeError);
});
