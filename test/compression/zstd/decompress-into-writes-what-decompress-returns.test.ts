// decompressInto writes decompress()'s bytes into a caller's buffer, or fails as decompress() does; too little room is ERR_OUTPUT_LIMIT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zstd from '../../../src/compression/zstd/index.js';
import { damagedLargeFrames } from './damaged-large-frames.js';

const text = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `{"id":${i},"v":${(i * 7919) % 1000}}`).join('\n'));

/** The frame shapes decompress() decodes differently: one pass, a small window (streamed), no declared size, several frames. */
function shapes(): Record<string, Buffer> {
  const streamed = new zstd.ZstdCompressor({ level: 3 });
  return {
    'one frame': zstd.compress(text, { level: 3 }),
    'small window': zstd.compress(text, { options: { windowLog: 10 } }),
    'no declared size': Buffer.concat([streamed.compress(text), streamed.flush()]),
    'three frames': Buffer.concat([zstd.compress(text.subarray(0, 1000)), zstd.compress(text), zstd.compress(Buffer.alloc(0))]),
  };
}

test('every frame shape: the bytes decompress() returns, into a larger buffer, an exact one and a non-Buffer view', () => {
  for (const [name, frame] of Object.entries(shapes())) {
    const expected = zstd.decompress(frame);
    const roomy = Buffer.alloc(expected.length + 100, 0xee);
    assert.equal(zstd.decompressInto(frame, roomy), expected.length, name);
    assert.deepEqual(roomy.subarray(0, expected.length), expected, name);
    assert.equal(roomy[expected.length], 0xee, `${name}: nothing written past the output`);
    const exact = new Uint8Array(expected.length);
    assert.equal(zstd.decompressInto(frame, exact), expected.length, name);
    assert.deepEqual(Buffer.from(exact), expected, name);
    const view = new DataView(new ArrayBuffer(expected.length + 8), 8);
    assert.equal(zstd.decompressInto(frame, view), expected.length, name);
    assert.deepEqual(Buffer.from(view.buffer, 8, expected.length), expected, name);
  }
});

test('a target one byte too small is ERR_OUTPUT_LIMIT naming its size, for every frame shape', () => {
  for (const [name, frame] of Object.entries(shapes())) {
    const size = zstd.decompress(frame).length;
    assert.throws(
      () => zstd.decompressInto(frame, Buffer.alloc(size - 1)),
      (e: unknown) =>
        e instanceof zstd.ZstdError &&
        e.code === 'ERR_OUTPUT_LIMIT' &&
        e.message.includes(`does not fit in the target (${size - 1} bytes)`),
      name,
    );
  }
});

test('damaged input fails with the error decompress() gives, and dictionaries work', () => {
  for (const [i, input] of damagedLargeFrames(60, 7).entries()) {
    const failure = (fn: () => unknown): string => {
      try {
        fn();
        return 'ok';
      } catch (error) {
        return `${(error as Error).constructor.name}: ${(error as Error).message}`;
      }
    };
    const target = Buffer.alloc(1 << 20);
    assert.equal(
      failure(() => zstd.decompressInto(input, target)),
      failure(() => zstd.decompress(input)),
      `damaged input ${i}`,
    );
  }
  const zd = zstd.trainDict(
    Array.from({ length: 500 }, (_, i) => Buffer.from(JSON.stringify({ id: i, user: `u${i % 40}` }))),
    2048,
  );
  const record = Buffer.from(JSON.stringify({ id: 7, user: 'u7' }));
  const out = Buffer.alloc(64);
  assert.deepEqual(out.subarray(0, zstd.decompressInto(zstd.compress(record, { zstdDict: zd }), out, { zstdDict: zd })), record);
});

test('bad arguments: a target that is not a view is a TypeError; a misspelt option gets a suggestion', () => {
  const frame = zstd.compress('x');
  assert.throws(
    () => zstd.decompressInto(frame, [] as unknown as Uint8Array),
    (e: unknown) => e instanceof TypeError && /to read into, got object/.test((e as Error).message),
  );
  assert.throws(() => zstd.decompressInto(frame, Buffer.alloc(8), { zstdDic: undefined } as never), /Did you mean 'zstdDict'/);
  assert.throws(() => zstd.decompressInto(frame, Buffer.alloc(8), { maxOutputLength: 4 } as never), TypeError);
});
