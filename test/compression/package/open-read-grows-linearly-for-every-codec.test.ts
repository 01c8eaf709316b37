// Every codec's async open().read() costs what one-shot decompression costs: it grows linearly.
// test: serial — it compares the times of two reads, which other test files on the same cores would skew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as gzip from '../../../src/compression/gzip/index.js';
import * as zlib from '../../../src/compression/zlib/index.js';
import * as brotli from '../../../src/compression/brotli/index.js';
import * as zstd from '../../../src/compression/zstd/index.js';
import { compress } from '../../../src/compression/index.js';
import { tempDirForFile } from '../../helpers/temp-dir.js';
import { slowdownVersus } from '../helpers.js';

const dir = tempDirForFile('open-linear');
const SIZE = 32 * 1024 * 1024;
// The old reader concatenated each decoded chunk (16 KiB for the node:zlib codecs) onto everything read
// so far: 2,048 refills copying 32 GiB in all, tens of seconds against a one-shot time under a second.
// Linear code measures 1–3× (it allocates twice: the chunks, then the result).
const MAX_SLOWDOWN = 15;

/** Text that takes real decoding work, built by repeating a 1 MiB block so it is quick to make. */
function text(size: number): Buffer {
  const words = Array.from({ length: 400_000 }, (_, k) => ((k * 7919) % 100_003).toString(36)).join(' ');
  const block = Buffer.from(words).subarray(0, 1024 * 1024);
  return Buffer.concat(Array.from({ length: Math.ceil(size / block.length) }, () => block)).subarray(0, size);
}

// bz2 and lzma read in 1 MiB slices and were linear already; their decoders are too slow to time at this size.
const codecs = { gzip, zlib, brotli, zstd } as const;
const data = text(SIZE);

for (const [name, codec] of Object.entries(codecs) as [keyof typeof codecs, (typeof codecs)[keyof typeof codecs]][]) {
  test(`${name}: open().read() costs what one-shot decompression costs`, async () => {
    const path = dir.write(`${name}.${name}`, compress(data, name, { level: 1 }));
    const { slowdown, detail } = await slowdownVersus(
      async () => {
        await using f = await codec.open(path, 'rb');
        assert.equal((await f.read()).length, SIZE);
      },
      () => codec.decompress(readFileSync(path)),
    );
    assert.ok(slowdown < MAX_SLOWDOWN, `${SIZE} bytes: ${detail}`);
  });
}
