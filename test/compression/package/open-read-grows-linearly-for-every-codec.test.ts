// Every codec's async open().read() grows with the size read as one-shot decompression does: linearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as gzip from '../../../src/compression/gzip/index.js';
import * as zlib from '../../../src/compression/zlib/index.js';
import * as brotli from '../../../src/compression/brotli/index.js';
import * as zstd from '../../../src/compression/zstd/index.js';
import { compress } from '../../../src/compression/index.js';
import { tempDirForFile } from '../../helpers/temp-dir.js';
import { growthVersus } from '../helpers.js';

const dir = tempDirForFile('open-linear');
const MiB = 1024 * 1024;
const SMALL = 2 * MiB;
const LARGE = 8 * SMALL;
// The old reader concatenated each decoded chunk (16 KiB for the node:zlib codecs) onto everything read
// so far: 8× the data cost ~64× the time, 8× more than one-shot decompression. Linear code measures 1–2× (it allocates twice: chunks, then the result).
const MAX_EXCESS = 6;

/** Text that takes real decoding work, so copying and allocation do not dominate the timings. */
function text(size: number): Buffer {
  const words = Array.from({ length: Math.ceil(size / 3) }, (_, k) => ((k * 7919) % 100_003).toString(36)).join(' ');
  return Buffer.from(words).subarray(0, size);
}

// bz2 and lzma read in 1 MiB slices and were linear already; their decoders are too slow to time at these sizes.
const codecs = { gzip, zlib, brotli, zstd } as const;

for (const [name, codec] of Object.entries(codecs) as [keyof typeof codecs, (typeof codecs)[keyof typeof codecs]][]) {
  test(`${name}: open().read() grows like one-shot decompression`, async () => {
    const files = new Map([SMALL, LARGE].map((size) => [size, dir.write(`${name}-${size}`, compress(text(size), name, { level: 1 }))]));
    const { excess, detail } = await growthVersus(
      async (size) => {
        await using f = await codec.open(files.get(size) as string, 'rb');
        assert.equal((await f.read()).length, size);
      },
      (size) => codec.decompress(readFileSync(files.get(size) as string)),
      SMALL,
      LARGE,
    );
    assert.ok(excess < MAX_EXCESS, detail);
  });
}
