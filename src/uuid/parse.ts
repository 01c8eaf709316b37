// Parsing every textual UUID form Python accepts, with errors that point at the exact problem.
import { UUIDError } from './errors.js';
import { NIBBLE } from './hex.js';

const CANONICAL_HYPHENS = [8, 13, 18, 23];

function describe(input: string): string {
  return input.length > 60 ? `'${input.slice(0, 57)}...'` : `'${input}'`;
}

/**
 * Canonical lowercase form of a UUID string: `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, `{…}`,
 * `urn:uuid:…` (or `uuid:…`), or 32 plain hex digits, in any letter case.
 * Hyphens must sit at the canonical places or be absent (Python drops hyphens wherever they are;
 * ts314 reports a misplaced one, since it usually means a digit went missing or was added).
 */
export function parseUUIDString(input: string): string {
  let start = 0;
  let end = input.length;
  const lower = input.slice(0, 9).toLowerCase();
  if (lower.startsWith('urn:uuid:')) start = 9;
  else if (lower.startsWith('uuid:')) start = 5;
  if (input.charCodeAt(start) === 0x7b /* { */) {
    if (input.charCodeAt(end - 1) !== 0x7d /* } */) {
      throw new UUIDError(`badly formed UUID string ${describe(input)}: '{' at index ${start} has no closing '}'`, {
        code: 'ERR_UUID_FORMAT',
        position: start,
      });
    }
    start++;
    end--;
  } else if (input.charCodeAt(end - 1) === 0x7d) {
    throw new UUIDError(`badly formed UUID string ${describe(input)}: '}' at index ${end - 1} has no opening '{'`, {
      code: 'ERR_UUID_FORMAT',
      position: end - 1,
    });
  }
  let hyphens = 0;
  let out = '';
  for (let i = start; i < end; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x2d /* - */) {
      hyphens++;
      continue;
    }
    if ((code < 128 ? NIBBLE[code]! : -1) < 0) {
      throw new UUIDError(
        `badly formed UUID string ${describe(input)}: invalid character ${JSON.stringify(input[i])} at index ${i} (expected a hex digit)`,
        { code: 'ERR_UUID_CHARACTER', position: i },
      );
    }
    out += input[i]!;
  }
  const length = end - start;
  if (hyphens === 0) {
    if (length !== 32) {
      throw new UUIDError(`badly formed UUID string ${describe(input)}: expected 32 hex digits, got ${length}`, {
        code: 'ERR_UUID_LENGTH',
      });
    }
  } else {
    if (length !== 36) {
      throw new UUIDError(
        `badly formed UUID string ${describe(input)}: the hyphenated form has 36 characters (8-4-4-4-12 hex digits), got ${length} with ${out.length} hex digits`,
        { code: 'ERR_UUID_LENGTH' },
      );
    }
    for (const at of CANONICAL_HYPHENS) {
      if (input.charCodeAt(start + at) !== 0x2d) {
        throw new UUIDError(
          `badly formed UUID string ${describe(input)}: expected '-' at index ${start + at}, found ${JSON.stringify(input[start + at])} (groups are 8-4-4-4-12 hex digits)`,
          { code: 'ERR_UUID_FORMAT', position: start + at },
        );
      }
    }
    if (hyphens !== 4) {
      let at = start;
      while (at < end && (input.charCodeAt(at) !== 0x2d || CANONICAL_HYPHENS.includes(at - start))) at++;
      throw new UUIDError(`badly formed UUID string ${describe(input)}: misplaced '-' at index ${at} (groups are 8-4-4-4-12 hex digits)`, {
        code: 'ERR_UUID_FORMAT',
        position: at,
      });
    }
  }
  out = out.toLowerCase();
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}-${out.slice(16, 20)}-${out.slice(20)}`;
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
