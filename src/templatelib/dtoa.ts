// Correctly rounded decimal digits of a double, as CPython's _Py_dg_dtoa hands them to format():
// round-half-even on the exact binary value, trailing zeros stripped.

/** `value = 0.<digits> × 10^decpt`; `digits` has no leading or trailing zeros (zero is `'0'`, decpt 1). */
export interface DecimalDigits {
  digits: string;
  decpt: number;
}

const ZERO: DecimalDigits = { digits: '0', decpt: 1 };

function stripTrailingZeros(all: string, decpt: number): DecimalDigits {
  let end = all.length;
  while (end > 0 && all.charCodeAt(end - 1) === 48) end--;
  return end === 0 ? ZERO : { digits: end === all.length ? all : all.slice(0, end), decpt };
}

/** `|x| = m × 2^e` exactly, with m an integer. */
function decompose(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { m, e: -1074 };
  m |= 1n << 52n;
  return { m, e: biased - 1075 };
}

/** The exact value of |x| as num/den. */
function rational(x: number): { num: bigint; den: bigint } {
  const { m, e } = decompose(x);
  return e >= 0 ? { num: m << BigInt(e), den: 1n } : { num: m, den: 1n << BigInt(-e) };
}

function pow10(k: number): bigint {
  return 10n ** BigInt(k);
}

/** round-half-even of num/den. */
function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twice = (num % den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** num/den × 10^shift, rounded half-even. */
function scaledRound(num: bigint, den: bigint, shift: number): bigint {
  return shift >= 0 ? roundHalfEven(num * pow10(shift), den) : roundHalfEven(num, den * pow10(-shift));
}

/** Shortest digits that round-trip (CPython mode 0, JS Number#toString agree on the choice). */
export function shortestDigits(x: number): DecimalDigits {
  if (x === 0) return ZERO;
  const s = Math.abs(x).toExponential();
  const e = s.indexOf('e');
  const mantissa = s.charCodeAt(1) === 46 ? s[0]! + s.slice(2, e) : s.slice(0, e);
  return stripTrailingZeros(mantissa, Number(s.slice(e + 1)) + 1);
}

/**
 * A double's exact decimal expansion has at most 767 significant digits and 1074 fractional ones:
 * asking for more only appends zeros, so digits are computed to these bounds and the rest is padding.
 */
const EXACT_SIGNIFICANT = 800;
const EXACT_FRACTIONAL = 1100;

/** `n >= 1` significant digits (CPython mode 2). */
export function significantDigits(x: number, n: number): DecimalDigits {
  if (x === 0) return ZERO;
  if (n > EXACT_SIGNIFICANT) return significantDigits(x, EXACT_SIGNIFICANT);
  const ax = Math.abs(x);
  if (n <= 100) {
    // toExponential rounds ties away from zero; only an exact tie (next digit exactly 5) differs.
    const finer = ax.toExponential(n);
    const finerE = finer.indexOf('e');
    if (finer.charCodeAt(finerE - 1) !== 53) {
      const s = ax.toExponential(n - 1);
      const e = s.indexOf('e');
      const mantissa = s.charCodeAt(1) === 46 ? s[0]! + s.slice(2, e) : s.slice(0, e);
      return stripTrailingZeros(mantissa, Number(s.slice(e + 1)) + 1);
    }
  }
  const { num, den } = rational(x);
  // k = floor(log10(|x|)), estimated then corrected exactly.
  let k = Math.floor(Math.log10(ax));
  const cmp = (p: number): boolean => (p >= 0 ? num >= den * pow10(p) : num * pow10(-p) >= den);
  while (cmp(k + 1)) k++;
  while (!cmp(k)) k--;
  const q = scaledRound(num, den, n - 1 - k);
  if (q === pow10(n)) return { digits: '1', decpt: k + 2 };
  return stripTrailingZeros(q.toString(), k + 1);
}

/**
 * `x.toFixed(n)` rounded half-even like CPython (needs |x| < 1e21, n <= 100). toFixed rounds an exact
 * tie up in magnitude; a tie happens only when |x| = k / 2^(n+1) with k odd, and then the rounded-up
 * last digit is odd exactly when half-even wants the lower neighbour — one less, never a borrow.
 */
export function fixedHalfEven(x: number, ax: number, n: number): string {
  const s = x.toFixed(n);
  const k = ax * 2 ** (n + 1);
  if (!(Number.isInteger(k) && k % 2 === 1)) return s;
  const last = s.charCodeAt(s.length - 1);
  return (last & 1) === 1 ? s.slice(0, -1) + String.fromCharCode(last - 1) : s;
}

/** `n >= 0` digits after the decimal point (CPython mode 3). */
export function fixedDigits(x: number, n: number): DecimalDigits {
  if (x === 0) return ZERO;
  if (n > EXACT_FRACTIONAL) return fixedDigits(x, EXACT_FRACTIONAL);
  const ax = Math.abs(x);
  let all: string;
  if (ax < 1e21 && n <= 100) {
    // |x| = k / 2^(n+1) with k odd is the only way |x| × 10^n ends in exactly .5 (a tie).
    const s = fixedHalfEven(ax, ax, n);
    all = n === 0 ? s : s.slice(0, s.length - n - 1) + s.slice(s.length - n);
  } else all = slowFixed(x, n);
  let z = 0;
  while (z < all.length && all.charCodeAt(z) === 48) z++;
  if (z === all.length) return ZERO;
  return stripTrailingZeros(all.slice(z), all.length - n - z);
}

function slowFixed(x: number, n: number): string {
  const { num, den } = rational(x);
  const q = scaledRound(num, den, n).toString();
  return q.length <= n ? '0'.repeat(n - q.length + 1) + q : q;
}

/** Which of CPython's float presentations to produce: `r` is repr's shortest form. */
export type FloatMode = 'e' | 'f' | 'g' | 'r';

/**
 * A port of CPython's `format_float_short` (Python/pystrtod.c): the text of a double for one
 * presentation type. `addDot0` is Py_DTSF_ADD_DOT_0 (repr, and format with no type),
 * `alt` is the `#` flag, `noNeg0` the `z` flag. Lower case; the caller upper-cases `E F G`.
 */
export function floatText(x: number, mode: FloatMode, precision: number, alt: boolean, addDot0: boolean, noNeg0: boolean): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  let negative = x < 0 || Object.is(x, -0);
  let prec = precision;
  let d: DecimalDigits;
  switch (mode) {
    case 'e':
      prec = precision + 1;
      d = significantDigits(x, prec);
      break;
    case 'f':
      d = fixedDigits(x, precision);
      break;
    case 'g':
      if (prec === 0) prec = 1;
      d = significantDigits(x, prec);
      break;
    default:
      d = shortestDigits(x);
  }
  if (noNeg0 && negative && d.digits === '0') negative = false;
  const digits = d.digits;
  const len = digits.length;
  let decpt = d.decpt;
  let useExp = false;
  let vEnd = len;
  if (mode === 'e') {
    useExp = true;
    vEnd = prec;
  } else if (mode === 'f') {
    vEnd = decpt + prec;
  } else if (mode === 'g') {
    if (decpt <= -4 || decpt > (addDot0 ? prec - 1 : prec)) useExp = true;
    if (alt) vEnd = prec;
  } else if (decpt <= -4 || decpt > 16) useExp = true;
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vStart = decpt <= 0 ? decpt - 1 : 0;
  if (!useExp && addDot0) vEnd = vEnd > decpt ? vEnd : decpt + 1;
  else vEnd = Math.max(vEnd, decpt);
  let out = negative ? '-' : '';
  if (decpt <= 0) out += `${'0'.repeat(decpt - vStart)}.${'0'.repeat(-decpt)}`;
  if (0 < decpt && decpt <= len) out += `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  else out += digits;
  if (len < decpt) out += `${'0'.repeat(decpt - len)}.${'0'.repeat(Math.max(0, vEnd - decpt))}`;
  else out += '0'.repeat(Math.max(0, vEnd - len));
  if (out.charCodeAt(out.length - 1) === 46 && !alt) out = out.slice(0, -1);
  if (useExp) {
    const a = Math.abs(exp);
    out += (exp < 0 ? 'e-' : 'e+') + (a < 10 ? `0${a}` : String(a));
  }
  return out;
}
