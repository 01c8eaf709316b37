// A fused multiply-add, a * b + c rounded once, which JavaScript lacks and glibc's log and exp are compiled with.
import { HIGH_WORD as HIGH, LOW_WORD as LOW } from './float-words.js';

/** Veltkamp's splitting constant for doubles: 2**27 + 1. */
export const SPLITTER = 134217729;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** Rounds the exact sum `s + err` (s = fl(s + err)) to odd: s if exact or odd, else its neighbour towards err. */
function roundToOdd(s: number, err: number): number {
  if (err === 0) return s;
  bits[0] = s;
  if (words[LOW]! & 1) return s;
  // Even and inexact: step one unit in the last place towards the exact value.
  const away = s > 0 === err > 0;
  if (away) {
    if (words[LOW] === 0xffffffff) {
      words[LOW] = 0;
      words[HIGH]!++;
    } else words[LOW]!++;
  } else if (words[LOW] === 0) {
    words[LOW] = 0xffffffff;
    words[HIGH]!--;
  } else words[LOW]!--;
  return bits[0]!;
}

/** The rounding error of `product = a * b`, exactly (Dekker's product; no overflow or underflow assumed). */
export function productError(a: number, b: number, product: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - product + ah * bl + al * bh + al * bl;
}

/**
 * `a * b + c` with a single rounding, for finite operands whose product neither overflows nor
 * underflows (all of log's and exp's uses). Dekker's exact product, Knuth's exact sum, and
 * Boldo–Melquiond's rounding to odd of the low parts, which makes the final rounding the correct one.
 */
export function fma(a: number, b: number, c: number): number {
  const ph = a * b;
  const pl = productError(a, b, ph);
  // (th, tl) = TwoSum(c, ph)
  const th = c + ph;
  const bv = th - c;
  const tl = c - (th - bv) + (ph - bv);
  // v = RO(tl + pl)
  const s = tl + pl;
  const sv = s - tl;
  const err = tl - (s - sv) + (pl - sv);
  return th + roundToOdd(s, err);
}
