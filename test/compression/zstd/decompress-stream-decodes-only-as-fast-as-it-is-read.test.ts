// createDecompressStream() and a zstd bomb: output is produced as it is read (bounded memory), and maxOutputLength caps a stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as tick } from 'node:timers/promises';
import { ZstdCompressor, ZstdError, createDecompressStream, getFrameInfo } from '../../../src/compression/zstd/index.js';

const MiB = 1024 * 1024;

/** A real bomb: 1 GiB of zeros in one frame, a few tens of KiB compressed (level 1, zeros fed in 8 MiB pieces). */
function bomb(size: number): Buffer {
  const c = new ZstdCompressor({ level: 1 });
  const zeros = Buffer.alloc(8 * MiB);
  const parts: Buffer[] = [];
  for (let left = size; left > 0; left -= zeros.length) parts.push(c.compress(zeros.subarray(0, Math.min(left, zeros.length))));
  parts.push(c.flush());
  return Buffer.concat(parts);
}

const GiB_BOMB = bomb(1024 * MiB);

/** Lets the stream run every callback it has queued. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await tick();
}

function counter(): Writable & { total: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      sink.total += chunk.length;
      callback();
    },
  }) as Writable & { total: number };
  sink.total = 0;
  return sink;
}

test('a 1 GiB bomb written to a stream nobody reads holds at most a slice beyond the highWaterMark', async () => {
  assert.ok(GiB_BOMB.length < 256 * 1024, `bomb is ${GiB_BOMB.length} bytes`);
  assert.equal(getFrameInfo(GiB_BOMB).decompressedSize, null);
  const rssBefore = process.memoryUsage().rss;
  const s = createDecompressStream();
  s.write(GiB_BOMB);
  await settle();
  // Default highWaterMark 16 KiB, decode slice 64 KiB: a few highWaterMarks, not a GiB.
  assert.ok(s.readableLength <= 128 * 1024, `readableLength ${s.readableLength}`);
  const rssGrowth = process.memoryUsage().rss - rssBefore;
  assert.ok(rssGrowth < 96 * MiB, `RSS grew by ${Math.round(rssGrowth / MiB)} MiB`);
  s.destroy();
});

test('a larger highWaterMark bounds the buffered output the same way', async () => {
  const s = createDecompressStream({ highWaterMark: 512 * 1024 });
  s.write(GiB_BOMB);
  await settle();
  assert.ok(s.readableLength >= 512 * 1024, 'it fills up to the highWaterMark');
  assert.ok(s.readableLength <= 512 * 1024 + 512 * 1024, `readableLength ${s.readableLength}`);
  s.destroy();
});

test('reading the bomb through yields all of it with memory bounded throughout', async () => {
  const sink = counter();
  const rssBefore = process.memoryUsage().rss;
  let peak = 0;
  const s = createDecompressStream();
  s.on('data', () => {
    if (s.readableLength > peak) peak = s.readableLength;
  });
  await pipeline(
    (async function* () {
      yield GiB_BOMB;
    })(),
    s,
    sink,
  );
  assert.equal(sink.total, 1024 * MiB);
  assert.ok(peak <= 128 * 1024, `peak readableLength ${peak}`);
  // RSS also holds chunks already read but not yet collected (Node 26's GC keeps about 130 MiB of them
  // here); decoding ahead of the reader would hold the whole 1 GiB.
  const rssGrowth = process.memoryUsage().rss - rssBefore;
  assert.ok(rssGrowth < 256 * MiB, `RSS grew by ${Math.round(rssGrowth / MiB)} MiB`);
});

test('maxOutputLength fails the stream with ERR_OUTPUT_LIMIT once the output passes it', async () => {
  const sink = counter();
  await assert.rejects(
    pipeline(
      (async function* () {
        yield GiB_BOMB;
      })(),
      createDecompressStream({ maxOutputLength: 10 * MiB }),
      sink,
    ),
    (error: unknown) =>
      error instanceof ZstdError && error.code === 'ERR_OUTPUT_LIMIT' && /maxOutputLength \(10485760 bytes\)/.test(error.message),
  );
  assert.ok(sink.total <= 10 * MiB, `${sink.total} bytes passed before the error`);
});

test('output of exactly maxOutputLength passes; bad limits are refused', async () => {
  const small = bomb(3 * MiB);
  const sink = counter();
  await pipeline(
    (async function* () {
      yield small;
    })(),
    createDecompressStream({ maxOutputLength: 3 * MiB }),
    sink,
  );
  assert.equal(sink.total, 3 * MiB);
  assert.throws(() => createDecompressStream({ maxOutputLength: 0 }), RangeError);
  assert.throws(() => createDecompressStream({ maxOutputLength: 1.5 }), RangeError);
  assert.throws(() => createDecompressStream({ maxOutputLenght: 5 } as never), /Did you mean 'maxOutputLength'\?/);
});
