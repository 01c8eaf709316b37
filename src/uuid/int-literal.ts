// Python's int(text, 16) grammar, character for character: what CPython tolerates in the 32 characters of a UUID string.

/**
 * Non-ASCII characters Python's `int()` reads as a space (`str.isspace()` at or above U+007F).
 * Below U+007F only C's `isspace` set counts (tab, LF, VT, FF, CR, space): CPython leaves ASCII text
 * untouched, so U+001C–U+001F, though `isspace()` in Python, are not spaces to `int()`.
 */
const UNICODE_SPACES = new Set([
  0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
  0x205f, 0x3000,
]);

/**
 * The digit zero of every non-ASCII decimal-digit run (general category Nd) in Unicode 16.0, the
 * version of CPython 3.14's unicodedata. Each run holds the digits 0–9 in order, so a character's
 * value is its distance from the run's zero. A fixed table, rather than `\p{Nd}`, keeps ts314 on
 * Python's Unicode version whatever ICU the running Node.js has.
 */
const DIGIT_ZEROS = [
  1632, 1776, 1984, 2406, 2534, 2662, 2790, 2918, 3046, 3174, 3302, 3430, 3558, 3664, 3792, 3872, 4160, 4240, 6112, 6160, 6470, 6608, 6784,
  6800, 6992, 7088, 7232, 7248, 42528, 43216, 43264, 43472, 43504, 43600, 44016, 65296, 66720, 68912, 68928, 69734, 69872, 69942, 70096,
  70384, 70736, 70864, 71248, 71360, 71376, 71386, 71472, 71904, 72016, 72688, 72784, 73040, 73120, 73552, 90416, 92768, 92864, 93008,
  93552, 118000, 120782, 120792, 120802, 120812, 120822, 123200, 123632, 124144, 124401, 125264, 130032,
];

/** Every code point `int()` treats specially, for tests that check the tables against CPython. */
export const INT_LITERAL_TABLES = { UNICODE_SPACES, DIGIT_ZEROS } as const;

const SPACE = 0x20;
const INVALID = -1;

/** The decimal value of a non-ASCII digit, or -1. */
function decimalValue(cp: number): number {
  let low = 0;
  let high = DIGIT_ZEROS.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const zero = DIGIT_ZEROS[mid]!;
    if (cp < zero) high = mid - 1;
    else if (cp >= zero + 10) low = mid + 1;
    else return cp - zero;
  }
  return -1;
}

/**
 * CPython first rewrites non-ASCII text to ASCII (`_PyUnicode_TransformDecimalAndSpaceToASCII`):
 * spaces become ' ', decimal digits of any script become '0'–'9', anything else is invalid.
 */
function toAscii(cp: number): number {
  if (cp < 0x7f) return cp;
  if (UNICODE_SPACES.has(cp)) return SPACE;
  const digit = decimalValue(cp);
  return digit >= 0 ? 0x30 + digit : INVALID;
}

function isAsciiSpace(c: number | undefined): boolean {
  return c === SPACE || (c !== undefined && c >= 0x09 && c <= 0x0d);
}

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** Where and why `int(text, 16)` fails. */
export interface IntLiteralError {
  /** Index of the offending code point. */
  index: number;
  /** `'underscore'` for a misplaced `_`, else `'character'`. */
  problem: 'underscore' | 'character';
}

/**
 * Reads code points as `int(text, 16)` does (surrounding whitespace, one `+` or `-`, an optional
 * `0x`/`0X` prefix followed by at most one `_`, single `_` between digits, decimal digits of any
 * script) and returns the lowercase ASCII hex digits, or where it would raise ValueError.
 */
export function readHexLiteral(codePoints: readonly number[]): { digits: string } | IntLiteralError {
  const c = codePoints.map(toAscii);
  const n = c.length;
  let i = 0;
  while (i < n && isAsciiSpace(c[i])) i++;
  if (c[i] === 0x2b || c[i] === 0x2d) i++;
  if (c[i] === 0x30 && (c[i + 1] === 0x78 || c[i + 1] === 0x58)) {
    i += 2;
    if (c[i] === 0x5f) i++;
  }
  let digits = '';
  while (i < n) {
    const value = hexValue(c[i]);
    if (value >= 0) {
      digits += value.toString(16);
      i++;
    } else if (c[i] === 0x5f && digits !== '' && hexValue(c[i + 1]) >= 0) {
      i++;
    } else {
      break;
    }
  }
  const stop = i;
  while (i < n && isAsciiSpace(c[i])) i++;
  if (digits === '' || i < n) {
    // Report where the digits stopped: a space inside the digits is the mistake, not what follows it.
    const at = Math.min(stop, n - 1);
    return { index: at, problem: c[at] === 0x5f ? 'underscore' : 'character' };
  }
  return { digits };
}
