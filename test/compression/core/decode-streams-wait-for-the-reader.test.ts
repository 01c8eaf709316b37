// bz2 and lzma createDecompressStream(): a bomb nobody reads holds about one slice beyond the highWaterMark, and read through it yields everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import * as bz2 from '../../../src/compression/bz2/index.js';
import * as lzma from '../../../src/compression/lzma/index.js';

const MiB = 1024 * 1024;
const SIZE = 64 * MiB;
const codecs = { bz2, lzma } as const;

for (const [name, codec] of Object.entries(codecs)) {
  const bombFrame = codec.compress(Buffer.alloc(SIZE));

  test(`${name}: a ${SIZE / MiB} MiB bomb written to a stream nobody reads stops decoding at the highWaterMark`, async () => {
    assert.ok(bombFrame.length < SIZE / 1000, `${name} bomb is ${bombFrame.length} bytes`);
    const s = codec.createDecompressStream();
    s.write(bombFrame);
    // Long enough for the whole bomb to be decoded, were decoding not waiting for a reader.
    for (let i = 0; i < 40 && s.readableLength < SIZE; i++) await sleep(25);
    // highWaterMark (16 or 64 KiB) plus the one 1 MiB slice that filled it.
    assert.ok(s.readableLength <= s.readableHighWaterMark + MiB, `readableLength ${s.readableLength}`);
    s.destroy();
  });

  test(`${name}: read through, the bomb yields all ${SIZE / MiB} MiB, never holding more than a slice`, async () => {
    let total = 0;
    let peak = 0;
    const s = codec.createDecompressStream();
    s.on('data', () => {
      peak = Math.max(peak, s.readableLength);
    });
    await pipeline(
      (async function* () {
        yield bombFrame;
      })(),
      s,
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          total += chunk.length;
          setImmediate(callback); // a reader slower than the decoder
        },
      }),
    );
    assert.equal(total, SIZE);
    assert.ok(peak <= s.readableHighWaterMark + MiB, `peak readableLength ${peak}`);
  });
}
