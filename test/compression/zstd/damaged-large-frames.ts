// Damaged zstd inputs large enough to be decoded by libzstd's streaming path (frames over CPython's 32 KiB first block), seeded.
import { compress, type ZstdCompressOptions } from '../../../src/compression/zstd/index.js';
import { seededRandom } from '../../helpers/seeded-random.js';

const WORDS = ['alpha', 'beta', 'gamma', 'delta', '{"id":', '},', 'sensor', '42', '\n'];

/**
 * `count` inputs of one to three frames (100 B to 200 KB each, levels 1–9 or a small window, with and
 * without checksums), each with one to four bytes flipped. The same on every run and platform.
 */
export function damagedLargeFrames(count: number, seed = 0x314_dead): Buffer[] {
  const rng = seededRandom(seed);
  const text = (n: number): Buffer => {
    const parts: string[] = [];
    for (let length = 0; length < n; ) {
      const word = rng.pick(WORDS) + (rng.next() < 0.3 ? String(rng.int(0, 99_999)) : '');
      parts.push(word);
      length += word.length;
    }
    return Buffer.from(parts.join('')).subarray(0, n);
  };
  return Array.from({ length: count }, () => {
    const frames = Array.from({ length: rng.next() < 0.3 ? rng.int(2, 3) : 1 }, () => {
      const size = rng.pick([100, 5_000, 30_000, 33_000, 70_000, 200_000]);
      const options: ZstdCompressOptions =
        rng.next() < 0.5
          ? { level: rng.int(1, 9) }
          : { options: { compressionLevel: rng.int(1, 5), windowLog: rng.int(10, 17), checksumFlag: rng.int(0, 1) === 1 } };
      return compress(text(size), options);
    });
    const input = Buffer.concat(frames);
    for (let flips = rng.int(1, 4); flips > 0; flips--) {
      const at = rng.int(0, input.length - 1);
      input[at] = (input[at] as number) ^ rng.int(1, 255);
    }
    return input;
  });
}

/** FNV-1a 64 of `bytes` in hex: how the fixture names an output without storing it. */
export function fnv1a64(bytes: Uint8Array): string {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16);
}
