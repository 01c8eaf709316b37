// e**x exactly as glibc computes it (Arm's table-driven exp, built with FMA), so lognormal matches NumPy's bits.
import { HIGH_WORD as HIGH, LOW_WORD as LOW } from './float-words.js';
import { fma, productError } from './fma.js';
import { POLY, REDUCTION, SCALE_HIGH, SCALE_LOW, TAIL } from './glibc-exp-data.js';

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

const [INV_LN2_N, NEG_LN2_HI_N, NEG_LN2_LO_N, SHIFT] = REDUCTION as unknown as [number, number, number, number];
const [C2, C3, C4, C5] = POLY as unknown as [number, number, number, number];
/** Biased exponents: below 2**-54 exp(x) rounds to 1 + x; from 512 the scale needs the careful path; from 1024 it is 0 or Infinity. */
const TOP_TINY = 0x3c9;
const TOP_LARGE = 0x408;

/** As in log: how far the unfused evaluation may stray from the fused one, relative to its terms, with a wide safety factor. */
const MARGIN_SCALE = 2 ** -46;

function double(high: number, low: number): number {
  words[HIGH] = high;
  words[LOW] = low;
  return bits[0]!;
}

/** |x| >= 512: the scale's exponent may overflow or the result be subnormal (glibc's `specialcase`). */
function scaled(tmp: number, high: number, low: number, k: number): number {
  if (k >= 0) {
    const scale = double(high - (1009 << 20), low);
    return fma(scale, tmp, scale) * 2 ** 1009;
  }
  const scale = double(high + (1022 << 20), low);
  const product = scale * tmp;
  let y = scale + product;
  if (y < 1.0) {
    // Round once in the subnormal range: add 1 to move the rounding point, then take it away.
    const lo = scale - y + product;
    const hi = 1.0 + y;
    y = 1.0 - hi + y + lo + hi - 1.0;
    if (y === 0) y = 0;
  }
  return y * 2 ** -1022;
}

/**
 * e**x, bit for bit as glibc (2.28 or later, on a CPU with FMA) returns it. Arm's algorithm:
 * x = k*ln(2)/128 + r, e**x = 2**(k/128) * e**r, 2**(k/128) from a 128-entry table, e**r a
 * degree-5 polynomial.
 */
export function exp(x: number): number {
  bits[0] = x;
  const top = (words[HIGH]! >>> 20) & 0x7ff;
  if (top < TOP_TINY) return 1.0 + x;
  if (top >= TOP_LARGE) {
    if (top === TOP_LARGE) return expExact(x, true);
    if (x === -Infinity) return 0;
    if (top === 0x7ff) return 1.0 + x;
    return x < 0 ? 0 : Infinity;
  }
  // Below 512 in magnitude |k| < 2**17, so k * ln2hi/N (36 bits) is exact. kd = fma(x, 128/ln2, shift)
  // rounds x * 128/ln2 to an integer; unfused it lands on the same one unless the product is within
  // a hair of a half, which the exact path settles.
  const product = x * INV_LN2_N;
  const kd = product + SHIFT;
  const k = kd - SHIFT;
  if (Math.abs(product - k) > 0.4999) return expExact(x, false);
  bits[0] = kd;
  const ki = words[LOW]!;
  const r = k * NEG_LN2_LO_N + (k * NEG_LN2_HI_N + x);
  const i = ki & 0x7f;
  const scale = double((SCALE_HIGH[i]! + (ki << 13)) >>> 0, SCALE_LOW[i]!);
  const r2 = r * r;
  const tail = TAIL[i]!;
  const tmp = r2 * r2 * (r * C5 + C4) + ((r * C3 + C2) * r2 + (tail + r));
  // scale + scale * tmp with the product's rounding error kept (Dekker), then the same
  // rounding-boundary check as log's: the unfused tmp is within `margin` of glibc's fused one.
  const p = scale * tmp;
  const pe = productError(scale, tmp, p);
  const sum = scale + p;
  const bv = sum - scale;
  const error = scale - (sum - bv) + (p - bv) + pe;
  // |k| * 2**-40 covers the unfused rounding of k * ln2lo/N, which matters when r is tiny.
  const margin = scale * (Math.abs(r) + Math.abs(tail) + r2 + Math.abs(k) * 2 ** -40) * MARGIN_SCALE;
  if (sum + (error + margin) === sum && sum + (error - margin) === sum) return sum;
  return expExact(x, false);
}

/** glibc's evaluation with every fused multiply-add it makes; `large` for 512 <= |x| < 1024. */
function expExact(x: number, large: boolean): number {
  const kd = fma(x, INV_LN2_N, SHIFT);
  bits[0] = kd;
  const ki = words[LOW]!;
  const k = kd - SHIFT;
  const r = fma(k, NEG_LN2_LO_N, fma(k, NEG_LN2_HI_N, x));
  const i = ki & 0x7f;
  const high = (SCALE_HIGH[i]! + (ki << 13)) >>> 0;
  const low = SCALE_LOW[i]!;
  const r2 = r * r;
  const tmp = fma(r2 * r2, fma(r, C5, C4), fma(fma(r, C3, C2), r2, TAIL[i]! + r));
  if (large) return scaled(tmp, high, low, k);
  const scale = double(high, low);
  return fma(scale, tmp, scale);
}
