// Parsing UUID strings as CPython 3.14's UUID(hex) does, with errors that point at the exact problem.
import { UUIDError } from './errors.js';
import { readHexLiteral } from './int-literal.js';

/** Index of each hyphen in the canonical 36-character form. */
const CANONICAL_HYPHENS = new Set([8, 13, 18, 23]);
const HYPHEN = 0x2d;

/** One code point of the input and its UTF-16 index there, so errors can point into the original string. */
interface Char {
  cp: number;
  at: number;
}

function describe(input: string): string {
  return input.length > 60 ? `'${input.slice(0, 57)}...'` : `'${input}'`;
}

function badlyFormed(input: string, detail: string, code: 'ERR_UUID_LENGTH' | 'ERR_UUID_CHARACTER' | 'ERR_UUID_FORMAT', position?: number) {
  return new UUIDError(`badly formed hexadecimal UUID string ${describe(input)}: ${detail}`, { code, position });
}

function codePoints(input: string): Char[] {
  const chars: Char[] = [];
  for (let at = 0; at < input.length; ) {
    const cp = input.codePointAt(at)!;
    chars.push({ cp, at });
    at += cp > 0xffff ? 2 : 1;
  }
  return chars;
}

/** Python's `str.replace(pattern, '')`: every non-overlapping occurrence, left to right, in one pass. */
function removeAll(chars: Char[], pattern: string): Char[] {
  const out: Char[] = [];
  for (let i = 0; i < chars.length; ) {
    let matches = i + pattern.length <= chars.length;
    for (let k = 0; matches && k < pattern.length; k++) matches = chars[i + k]!.cp === pattern.charCodeAt(k);
    if (matches) {
      i += pattern.length;
    } else {
      out.push(chars[i]!);
      i++;
    }
  }
  return out;
}

const isBrace = (c: Char | undefined): boolean => c !== undefined && (c.cp === 0x7b || c.cp === 0x7d);

/**
 * Canonical lowercase form of a UUID string, accepting exactly what CPython 3.14's `UUID(hex)`
 * accepts: it removes every `urn:` and then every `uuid:`, strips braces from both ends
 * (`strip('{}')`), drops hyphens and reads the 32 characters left with `int(text, 16)`, so
 * surrounding whitespace, a `+`, a `0x` prefix, single underscores between digits and decimal
 * digits of any script all pass. One deliberate difference: hyphens, if present, must split the
 * 32 characters 8-4-4-4-12 (Python drops them wherever they are; a misplaced one usually means a
 * digit moved between groups, so ts314 refuses the value rather than read a corrupted ID).
 */
export function parseUUIDString(input: string): string {
  const chars = removeAll(removeAll(codePoints(input), 'urn:'), 'uuid:');
  let start = 0;
  let end = chars.length;
  while (start < end && isBrace(chars[start])) start++;
  while (end > start && isBrace(chars[end - 1])) end--;
  const body = chars.slice(start, end);
  const kept = body.filter((c) => c.cp !== HYPHEN);
  if (kept.length !== 32) {
    throw badlyFormed(
      input,
      `expected 32 hex digits once 'urn:', 'uuid:', outer braces and hyphens are removed, got ${kept.length} characters`,
      'ERR_UUID_LENGTH',
    );
  }
  if (kept.length !== body.length) {
    for (let i = 0; i < body.length; i++) {
      const { cp, at } = body[i]!;
      if (cp === HYPHEN && !CANONICAL_HYPHENS.has(i)) {
        throw badlyFormed(input, `misplaced '-' at index ${at} (hyphens split the digits 8-4-4-4-12)`, 'ERR_UUID_FORMAT', at);
      }
      if (cp !== HYPHEN && CANONICAL_HYPHENS.has(i)) {
        const found = String.fromCodePoint(cp);
        throw badlyFormed(
          input,
          `expected '-' at index ${at}, found ${JSON.stringify(found)} (groups are 8-4-4-4-12 hex digits)`,
          'ERR_UUID_FORMAT',
          at,
        );
      }
    }
  }
  const literal = readHexLiteral(kept.map((c) => c.cp));
  if (!('digits' in literal)) {
    const { cp, at } = kept[literal.index]!;
    const detail =
      literal.problem === 'underscore'
        ? `misplaced '_' at index ${at} (one '_' may sit between digits, or right after '0x')`
        : `invalid character ${JSON.stringify(String.fromCodePoint(cp))} at index ${at} (expected a hex digit)`;
    throw badlyFormed(input, detail, 'ERR_UUID_CHARACTER', at);
  }
  const h = literal.digits.padStart(32, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** True when `value` parses as a UUID in any accepted form. */
export function isValidUUIDString(value: string): boolean {
  try {
    parseUUIDString(value);
    return true;
  } catch {
    return false;
  }
}

/** Canonical form of a 128-bit bigint, range-checked. */
export function bigintToCanonical(value: bigint): string {
  if (value < 0n || value >= 1n << 128n) {
    throw new UUIDError(`int is out of range (need a 128-bit value from 0 to 2**128 - 1), got ${value}`, { code: 'ERR_UUID_RANGE' });
  }
  const h = value.toString(16).padStart(32, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
