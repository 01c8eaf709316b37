// Integers in a range from MT19937 by masked rejection, as NumPy's legacy randint and shuffle draw them.
import type { MT19937 } from './mt19937.js';

const TWO_32 = 4294967296;

/** The smallest all-ones mask covering `max` (NumPy's `gen_mask`), for max < 2**53. */
function maskFor(max: number): number {
  if (max < TWO_32) return 0xffffffff >>> Math.clz32(max);
  return (0xffffffff >>> Math.clz32(Math.floor(max / TWO_32))) * TWO_32 + 0xffffffff;
}

/**
 * A uniform integer in [0, max] by masking and rejecting, for 0 <= max < 2**53: NumPy's
 * `random_bounded_uint64_fill` with `use_masked` (legacy `randint`) and `random_interval`
 * (legacy `shuffle`/`permutation`) draw exactly this way. Ranges wider than 32 bits take a 64-bit
 * draw, high word first, as `mt19937_next64` does.
 */
export function boundedMasked(mt: MT19937, max: number): number {
  if (max === 0) return 0;
  if (max === 0xffffffff) return mt.next32();
  const mask = maskFor(max);
  if (max < TWO_32) {
    let value: number;
    while ((value = (mt.next32() & mask) >>> 0) > max);
    return value;
  }
  const maskHigh = Math.floor(mask / TWO_32);
  let value: number;
  do {
    const high = mt.next32() & maskHigh;
    const low = mt.next32();
    value = high * TWO_32 + low;
  } while (value > max);
  return value;
}
