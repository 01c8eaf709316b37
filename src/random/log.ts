// The natural logarithm exactly as glibc computes it (Arm's table-driven log, built with FMA), so legacy distributions match NumPy's bits.
import { HIGH_WORD as HIGH, LOW_WORD as LOW } from './float-words.js';
import { fma, SPLITTER } from './fma.js';
import { LN2, POLY, POLY1, TABLE } from './glibc-log-data.js';

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

const LN2_HI = LN2[0]!;
const LN2_LO = LN2[1]!;
const [A0, A1, A2, A3, A4] = POLY as unknown as [number, number, number, number, number];
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = POLY1 as unknown as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

/** The table's 1/c, split into 26-bit high halves for Dekker's exact product. */
const INVC_HIGH = Float64Array.from({ length: 128 }, (_, i) => {
  const invc = TABLE[2 * i]!;
  const t = SPLITTER * invc;
  return t - (t - invc);
});
/**
 * How far an unfused evaluation of the correction can stray from glibc's fused one, relative to the
 * size of its terms: each of its few roundings moves it by at most 2**-52 of a term; 2**-46 leaves a
 * wide safety factor and still sends fewer than 1% of inputs down the fused path.
 */
const MARGIN_SCALE = 2 ** -46;

/** The high word of the offset that starts the table's range, 0x1.6p-1 (glibc's `OFF`). */
const OFF_HIGH = 0x3fe60000;
/** High words bounding glibc's near-1 path: x in [1 - 2**-4, 1 + 0x1.09p-4). */
const NEAR_LOW = 0x3fee0000;
const NEAR_HIGH = 0x3ff10900;

/** For x within about 6% of 1, where the table's cancellation would cost accuracy: a degree-12 polynomial in x - 1. */
function logNearOne(x: number): number {
  const r = x - 1.0;
  const r2 = r * r;
  const r3 = r * r2;
  // r**2 / 2 with an exact high part (rhi has 26 bits); these products are exact, so the unfused
  // forms equal glibc's fused ones.
  const w = r * 134217728;
  const rhi = r + w - w;
  const rlo = r - rhi;
  const rhi2 = rhi * rhi;
  const hi = r + rhi2 * B0;
  const lo = r - hi + rhi2 * B0;
  // The polynomial and the rlo term, unfused, checked against the rounding boundary as in log().
  const q = ((r3 * B10 + (r2 * B9 + (r * B8 + B7))) * r3 + (r2 * B6 + (r * B5 + B4))) * r3 + (r2 * B3 + (r * B2 + B1));
  const tail = q * r3 + (B0 * rlo * (r + rhi) + lo);
  const sum = hi + tail;
  const bv = sum - hi;
  const error = hi - (sum - bv) + (tail - bv);
  const margin = (Math.abs(q * r3) + Math.abs(rlo * r) + Math.abs(lo)) * MARGIN_SCALE;
  if (sum + (error + margin) === sum && sum + (error - margin) === sum) return sum;
  const qFused = fma(fma(fma(r3, B10, fma(r2, B9, fma(r, B8, B7))), r3, fma(r2, B6, fma(r, B5, B4))), r3, fma(r2, B3, fma(r, B2, B1)));
  return hi + fma(qFused, r3, fma(B0 * rlo, r + rhi, lo));
}

/**
 * Natural logarithm, bit for bit as glibc (2.28 or later, on a CPU with FMA) returns it: V8's
 * `Math.log` differs from glibc in the last bit for some inputs, which would shift NumPy's normal
 * and exponential streams. The algorithm is Arm's: x = 2**k * z with z in [0x1.6p-1, 0x1.6p0),
 * z split into 128 subintervals around tabulated c, log(x) = k*ln2 + log(c) + log1p(z/c - 1).
 */
export function log(x: number): number {
  bits[0] = x;
  let high = words[HIGH]!;
  let low = words[LOW]!;
  if (high >= NEAR_LOW && high < NEAR_HIGH) {
    if (x === 1) return 0;
    return logNearOne(x);
  }
  const top = high >>> 16;
  if (top < 0x0010 || top >= 0x7ff0) {
    if (x === 0) return -Infinity;
    if (x === Infinity) return x;
    if (!(x > 0)) return Number.NaN;
    // Subnormal: scale into the normal range and take 52 off the exponent.
    bits[0] = x * 4503599627370496;
    high = words[HIGH]! - (52 << 20);
    low = words[LOW]!;
  }
  // tmp = ix - OFF; i = (tmp >> 45) % 128; k = tmp >> 52 (arithmetic); iz = ix - (tmp & 0xfff << 52).
  const tmpHigh = (high - OFF_HIGH) | 0;
  const i = (tmpHigh >>> 13) & 0x7f;
  const k = tmpHigh >> 20;
  words[HIGH] = high - (tmpHigh & 0xfff00000);
  words[LOW] = low;
  const z = bits[0]!;
  const invc = TABLE[2 * i]!;
  const logc = TABLE[2 * i + 1]!;
  // r = fma(z, invc, -1) exactly: z * invc is within 2**-8 of 1, so (product - 1) loses nothing and
  // adding the product's rounding error (Dekker) rounds once, as the fused instruction does.
  const product = z * invc;
  let t = SPLITTER * z;
  const zh = t - (t - z);
  const zl = z - zh;
  const ih = INVC_HIGH[i]!;
  const il = invc - ih;
  const r = product - 1.0 + (zh * ih - product + zh * il + zl * ih + zl * il);
  // k * ln2hi is exact (ln2hi has 42 bits, |k| < 2**11) and so is its sum with logc, by the table's design.
  const w = k * LN2_HI + logc;
  const hi = w + r;
  const r2 = r * r;
  // The rest is a small correction to hi. Evaluated without fusing it can differ from glibc's by far
  // less than `margin`; when hi + low is farther than that from a rounding boundary, the sum rounds
  // as glibc's does and the fused evaluation below is not needed.
  const carry = w - hi + r;
  const lo = k * LN2_LO + carry;
  const correction = r * r2 * ((r * A4 + A3) * r2 + (r * A2 + A1)) + (r2 * A0 + lo);
  const sum = correction + hi;
  const bv = sum - hi;
  const error = hi - (sum - bv) + (correction - bv);
  const margin = (r2 + Math.abs(lo) + Math.abs(k * LN2_LO)) * MARGIN_SCALE;
  if (sum + (error + margin) === sum && sum + (error - margin) === sum) return sum;
  t = fma(k, LN2_LO, carry);
  const p = fma(fma(r, A4, A3), r2, fma(r, A2, A1));
  return fma(r * r2, p, fma(r2, A0, t)) + hi;
}
