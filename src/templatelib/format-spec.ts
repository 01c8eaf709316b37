// Python's format-spec mini-language: parsing a spec and rendering ints, floats and strings with it.
import { FormatSpecError } from './errors.js';
import { fixedHalfEven, floatText, type FloatMode } from './dtoa.js';

/** A parsed standard format specifier, fields named as in CPython's InternalFormatSpec. */
export interface FormatSpec {
  fill: string;
  align: '<' | '>' | '=' | '^' | '';
  sign: '+' | '-' | ' ' | '';
  noNeg0: boolean;
  alternate: boolean;
  /** -1 when absent. */
  width: number;
  grouping: ',' | '_' | '';
  /** -1 when absent. */
  precision: number;
  /** Python 3.14's grouping of fractional digits (`.3_f`). */
  fracGrouping: ',' | '_' | '';
  type: string;
  fillSpecified: boolean;
  alignSpecified: boolean;
  /** Whether the `0` flag was given (it sets fill `0` and, for numbers, align `=`). */
  zeroFlag: boolean;
}

/**
 * CPython reads a width or precision into a Py_ssize_t and refuses more ("Too many decimal digits in
 * format string"); ts314 follows 64-bit CPython, the one that runs next to Node.
 */
const PY_SSIZE_T_MAX = '9223372036854775807';

/** CPython's LONG_MAX on 64-bit platforms, the bound of a `c` code. */
const C_LONG_MAX = 2n ** 63n - 1n;

/** CPython's INT_MAX: a float's precision beyond it is "precision too big". */
const INT_MAX = 2 ** 31 - 1;

const cache = new Map<string, FormatSpec>();
/** Parsed specs kept for reuse: real programs use a handful of distinct specs. */
const CACHE_LIMIT = 1024;

function isAlign(ch: string | undefined): ch is '<' | '>' | '=' | '^' {
  return ch === '<' || ch === '>' || ch === '=' || ch === '^';
}

function readInt(spec: string, pos: number): { value: number; end: number } {
  let end = pos;
  while (end < spec.length && spec.charCodeAt(end) >= 48 && spec.charCodeAt(end) <= 57) end++;
  let digits = spec.slice(pos, end);
  while (digits.length > 1 && digits[0] === '0') digits = digits.slice(1);
  if (digits.length > PY_SSIZE_T_MAX.length || (digits.length === PY_SSIZE_T_MAX.length && digits > PY_SSIZE_T_MAX)) {
    throw new FormatSpecError('Too many decimal digits in format string', { spec });
  }
  // Beyond 2^53 the value is approximate, which is enough: every limit it is checked against is far below.
  return { value: end === pos ? -1 : Number(digits), end };
}

/**
 * Parses a standard format spec as CPython 3.14 does (`[[fill]align][sign][z][#][0][width][grouping][.precision[grouping]][type]`).
 * `typeName` only colours error messages ("… for object of type 'int'").
 * @example
 * parseFormatSpec('*^10,.2f'); // { fill: '*', align: '^', width: 10, grouping: ',', precision: 2, type: 'f', … }
 */
export function parseFormatSpec(spec: string, typeName = 'object'): FormatSpec {
  // A str's spec is checked against its default type 's' (so `,` is refused there): cache per kind.
  const key = typeName === 'str' ? `s${spec}` : `n${spec}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const chars = Array.from(spec);
  const out: FormatSpec = {
    fill: ' ',
    align: '',
    sign: '',
    noNeg0: false,
    alternate: false,
    width: -1,
    grouping: '',
    precision: -1,
    fracGrouping: '',
    type: '',
    fillSpecified: false,
    alignSpecified: false,
    zeroFlag: false,
  };
  let pos = 0;
  if (chars.length >= 2 && isAlign(chars[1])) {
    out.fill = chars[0]!;
    out.align = chars[1];
    out.fillSpecified = out.alignSpecified = true;
    pos = 2;
  } else if (chars.length >= 1 && isAlign(chars[0])) {
    out.align = chars[0];
    out.alignSpecified = true;
    pos = 1;
  }
  // From here on only ASCII is meaningful: work on the rest as a string.
  const rest = chars.slice(pos).join('');
  let i = 0;
  const c = (): string | undefined => rest[i];
  if (c() === '+' || c() === '-' || c() === ' ') out.sign = rest[i++] as '+' | '-' | ' ';
  if (c() === 'z') {
    out.noNeg0 = true;
    i++;
  }
  if (c() === '#') {
    out.alternate = true;
    i++;
  }
  if (!out.fillSpecified && c() === '0') {
    out.fill = '0';
    out.zeroFlag = true;
    i++;
  }
  const width = readInt(rest, i);
  out.width = width.value;
  i = width.end;
  const comma = (): never => {
    throw new FormatSpecError("Cannot specify both ',' and '_'.", { spec });
  };
  if (c() === ',') {
    out.grouping = ',';
    i++;
  }
  if (c() === '_') {
    if (out.grouping !== '') comma();
    out.grouping = '_';
    i++;
  }
  if (c() === ',' && out.grouping === '_') comma();
  if (c() === '.') {
    i++;
    const precision = readInt(rest, i);
    out.precision = precision.value;
    i = precision.end;
    if (c() === ',') {
      out.fracGrouping = ',';
      i++;
    }
    if (c() === '_') {
      if (out.fracGrouping !== '') comma();
      out.fracGrouping = '_';
      i++;
    }
    if (c() === ',' && out.fracGrouping === '_') comma();
    if (precision.value === -1 && out.fracGrouping === '') {
      throw new FormatSpecError('Format specifier missing precision', { spec });
    }
  }
  if (rest.length - i > 1) {
    throw new FormatSpecError(`Invalid format specifier '${spec}' for object of type '${typeName}'`, { spec });
  }
  if (rest.length - i === 1) out.type = rest[i]!;
  const badSep = (sep: string): never => {
    const t = out.type || 's';
    const shown = t.charCodeAt(0) > 32 && t.charCodeAt(0) < 128 ? t : `\\x${t.charCodeAt(0).toString(16)}`;
    throw new FormatSpecError(`Cannot specify '${sep}' with '${shown}'.`, { spec });
  };
  const effectiveType = out.type || (typeName === 'str' ? 's' : 'd');
  if (out.grouping !== '' && !'defgEGF%'.includes(effectiveType)) {
    if (!(out.grouping === '_' && 'boxX'.includes(effectiveType))) badSep(out.grouping);
  }
  if (out.fracGrouping !== '' && out.type === 'n') badSep(out.fracGrouping);
  if (cache.size < CACHE_LIMIT) cache.set(key, out);
  return out;
}

/** Length in code points, the unit Python pads by. */
function cpLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function pad(text: string, spec: FormatSpec, defaultAlign: '<' | '>'): string {
  if (spec.width <= 0) return text;
  const len = cpLength(text);
  if (len >= spec.width) return text;
  const n = spec.width - len;
  const align = spec.align || defaultAlign;
  if (align === '<') return text + spec.fill.repeat(n);
  if (align === '^') {
    const left = n >> 1;
    return spec.fill.repeat(left) + text + spec.fill.repeat(n - left);
  }
  return spec.fill.repeat(n) + text;
}

/** Python's `format(str, spec)`. */
export function formatString(value: string, spec: FormatSpec, raw: string): string {
  if (spec.type !== '' && spec.type !== 's') {
    throw new FormatSpecError(`Unknown format code '${spec.type}' for object of type 'str'`, { spec: raw });
  }
  if (spec.sign === ' ') throw new FormatSpecError('Space not allowed in string format specifier', { spec: raw });
  if (spec.sign !== '') throw new FormatSpecError('Sign not allowed in string format specifier', { spec: raw });
  if (spec.noNeg0) throw new FormatSpecError('Negative zero coercion (z) not allowed in string format specifier', { spec: raw });
  if (spec.alternate) throw new FormatSpecError('Alternate form (#) not allowed in string format specifier', { spec: raw });
  if (spec.align === '=') throw new FormatSpecError("'=' alignment not allowed in string format specifier", { spec: raw });
  if (spec.grouping !== '') throw new FormatSpecError(`Cannot specify '${spec.grouping}' with 's'.`, { spec: raw });
  let text = value;
  if (spec.precision >= 0 && cpLength(text) > spec.precision) text = Array.from(text).slice(0, spec.precision).join('');
  return pad(text, spec, '<');
}

/**
 * CPython's _PyUnicode_InsertThousandsGrouping for one repeating group size: groups `digits` from the
 * right and, when zero-padding (`minWidth` > 0), keeps adding zero groups until the width is met.
 */
function group(digits: string, sep: string, size: number, minWidth: number): string {
  if (sep === '') {
    return digits.length >= minWidth ? digits : '0'.repeat(minWidth - digits.length) + digits;
  }
  const parts: string[] = [];
  let remaining = digits.length;
  let width = minWidth;
  const stride = size + sep.length;
  for (;;) {
    if (remaining <= 0 && width > 3 * stride) {
      // Only whole groups of zeros are left before the last few: add them at once, so a huge
      // zero-padded width costs the length of the output, not one step per group.
      const whole = Math.floor(width / stride) - 2;
      parts.push(('0'.repeat(size) + sep).repeat(whole - 1) + '0'.repeat(size));
      width -= whole * stride;
    }
    const len = Math.min(size, Math.max(remaining, width, 1));
    const chars = Math.max(0, Math.min(remaining, len));
    const zeros = Math.max(0, len - remaining);
    parts.push('0'.repeat(zeros) + digits.slice(remaining - chars, remaining));
    remaining -= chars;
    width -= len;
    if (remaining <= 0 && width <= 0) break;
    width -= sep.length;
  }
  return parts.reverse().join(sep);
}

/** The final layout shared by ints and floats (CPython's calc_number_widths + fill_number). */
function layoutNumber(spec: FormatSpec, negative: boolean, prefix: string, digits: string, remainder: string, groupSize: number): string {
  const signText = negative ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  const zeroPad = spec.fill === '0' && (spec.align || (spec.zeroFlag ? '=' : '')) === '=';
  const align = spec.align || (spec.zeroFlag ? '=' : '>');
  const minWidth = zeroPad && spec.width > 0 ? spec.width - signText.length - prefix.length - remainder.length : 0;
  const body = digits === '' ? '' : group(digits, spec.grouping, groupSize, minWidth);
  const len = signText.length + prefix.length + body.length + cpLength(remainder);
  const n = spec.width - len;
  if (n <= 0) return signText + prefix + body + remainder;
  const fill = spec.fill;
  switch (align) {
    case '<':
      return signText + prefix + body + remainder + fill.repeat(n);
    case '^': {
      const left = n >> 1;
      return fill.repeat(left) + signText + prefix + body + remainder + fill.repeat(n - left);
    }
    case '=':
      return signText + prefix + fill.repeat(n) + body + remainder;
    default:
      return fill.repeat(n) + signText + prefix + body + remainder;
  }
}

/** Python's `format(int, spec)` for a bigint (JS numbers that are ints arrive as bigint or number). */
export function formatInt(value: bigint | number, spec: FormatSpec, raw: string, typeName = 'int'): string {
  const type = spec.type;
  if (type === 'e' || type === 'E' || type === 'f' || type === 'F' || type === 'g' || type === 'G' || type === '%') {
    const asFloat = Number(value);
    if (!Number.isFinite(asFloat)) {
      throw new FormatSpecError('int too large to convert to float', { spec: raw, pythonType: 'OverflowError' });
    }
    return formatFloat(asFloat, spec, raw);
  }
  if (type !== '' && !'bcdoxXn'.includes(type)) {
    throw new FormatSpecError(`Unknown format code '${type}' for object of type '${typeName}'`, { spec: raw });
  }
  if (spec.precision !== -1) throw new FormatSpecError('Precision not allowed in integer format specifier', { spec: raw });
  if (spec.noNeg0) throw new FormatSpecError('Negative zero coercion (z) not allowed in integer format specifier', { spec: raw });
  if (type === 'c') {
    if (spec.sign !== '') throw new FormatSpecError("Sign not allowed with integer format specifier 'c'", { spec: raw });
    if (spec.alternate) throw new FormatSpecError("Alternate form (#) not allowed with integer format specifier 'c'", { spec: raw });
    // CPython reads the code into a C long (64 bits next to Node) before the range check.
    if (BigInt(value) > C_LONG_MAX || BigInt(value) < -C_LONG_MAX - 1n) {
      throw new FormatSpecError('Python int too large to convert to C long', { spec: raw, pythonType: 'OverflowError' });
    }
    const code = Number(value);
    if (!(code >= 0 && code <= 0x10ffff)) {
      throw new FormatSpecError('%c arg not in range(0x110000)', { spec: raw, pythonType: 'OverflowError' });
    }
    return layoutNumber(spec, false, '', '', String.fromCodePoint(code), 3);
  }
  const negative = value < 0;
  const magnitude = negative ? -value : value;
  let digits: string;
  let prefix = '';
  let groupSize = 3;
  switch (type) {
    case 'b':
      digits = magnitude.toString(2);
      prefix = '0b';
      groupSize = 4;
      break;
    case 'o':
      digits = magnitude.toString(8);
      prefix = '0o';
      groupSize = 4;
      break;
    case 'x':
      digits = magnitude.toString(16);
      prefix = '0x';
      groupSize = 4;
      break;
    case 'X':
      digits = magnitude.toString(16).toUpperCase();
      prefix = '0X';
      groupSize = 4;
      break;
    default:
      digits = magnitude.toString();
  }
  return layoutNumber(spec, negative, spec.alternate ? prefix : '', digits, '', groupSize);
}

function groupFraction(remainder: string, sep: string): string {
  // remainder is ".ddddd[e±xx][%]": group the fraction digits from the left, in threes.
  let end = 1;
  while (end < remainder.length && remainder.charCodeAt(end) >= 48 && remainder.charCodeAt(end) <= 57) end++;
  return `.${remainder.slice(1, end).replace(/\d{3}(?=\d)/g, `$&${sep}`)}${remainder.slice(end)}`;
}

/** Python's `format(float, spec)`. */
export function formatFloat(value: number, spec: FormatSpec, raw: string): string {
  let type = spec.type;
  // Fast path for the commonest field, `.Nf` alone, through toFixed (ties corrected to half-even);
  // -0, zero and |x| >= 1e21 take the general path.
  if (
    type === 'f' &&
    spec.width === -1 &&
    spec.grouping === '' &&
    spec.fracGrouping === '' &&
    spec.sign !== '+' &&
    spec.sign !== ' ' &&
    !spec.alternate &&
    !spec.noNeg0
  ) {
    const p = spec.precision < 0 ? 6 : spec.precision;
    const ax = value < 0 ? -value : value;
    if (ax < 1e21 && p <= 100 && value !== 0) return fixedHalfEven(value, ax, p);
  }
  if (type !== '' && !'eEfFgGn%'.includes(type)) {
    throw new FormatSpecError(`Unknown format code '${type}' for object of type 'float'`, { spec: raw });
  }
  if (spec.precision > INT_MAX) throw new FormatSpecError('precision too big', { spec: raw });
  let mode: FloatMode;
  let precision = spec.precision;
  let addDot0 = false;
  let x = value;
  let percent = false;
  const upper = type === 'E' || type === 'F' || type === 'G';
  if (type === '') {
    addDot0 = true;
    mode = precision < 0 ? 'r' : 'g';
    if (precision < 0) precision = 0;
  } else {
    if (type === 'n') type = 'g';
    if (type === '%') {
      x *= 100;
      percent = true;
      type = 'f';
    }
    mode = type.toLowerCase() as FloatMode;
    if (precision < 0) precision = 6;
  }
  let text = floatText(x, mode, precision, spec.alternate, addDot0, spec.noNeg0);
  if (upper) text = text.toUpperCase();
  if (percent) text += '%';
  let negative = false;
  if (text.charCodeAt(0) === 45) {
    negative = true;
    text = text.slice(1);
  }
  // Split into the integer digits and the remainder (decimal point, fraction, exponent, %).
  let end = 0;
  while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  const digits = text.slice(0, end);
  let remainder = text.slice(end);
  if (spec.fracGrouping !== '' && remainder.charCodeAt(0) === 46) remainder = groupFraction(remainder, spec.fracGrouping);
  if (digits === '') {
    // inf / nan: no digits to group, padded as a unit.
    return layoutNumber({ ...spec, grouping: '' }, negative, '', '', remainder, 3);
  }
  return layoutNumber(spec, negative, '', digits, remainder, 3);
}
