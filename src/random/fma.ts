// A fused multiply-add, a * b + c rounded once, which JavaScript lacks and glibc's log and exp are compiled with.

/** Veltkamp's splitting constant for doubles: 2**27 + 1. */
const SPLITTER = 134217729;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** The low 32 bits of a double's representation sit first on little-endian machines, last on big-endian ones. */
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;

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

/**
 * `a * b + c` with a single rounding, for finite operands whose product neither overflows nor
 * underflows (all of log's and exp's uses). Dekker's exact product, Knuth's exact sum, and
 * Boldo–Melquiond's rounding to odd of the low parts, which makes the final rounding the correct one.
 */
export function fma(a: number, b: number, c: number): number {
  const ph = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pl = ah * bh - ph + ah * bl + al * bh + al * bl;
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
