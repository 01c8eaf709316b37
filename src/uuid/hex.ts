// Hex tables and conversions between the 16 UUID bytes and the canonical 36-character form.

/** HEX[b] is the two lowercase hex digits of byte b: one table lookup per byte, no per-byte allocation. */
export const HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => (b + 0x100).toString(16).slice(1));

/** Nibble value of each char code, -1 for anything that is not a hex digit (upper or lower case). */
export const NIBBLE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 10; i++) table[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    table[65 + i] = 10 + i;
    table[97 + i] = 10 + i;
  }
  return table;
})();

/** Canonical lowercase 8-4-4-4-12 form of 16 bytes starting at `offset`. */
export function bytesToCanonical(b: ArrayLike<number>, offset = 0): string {
  const o = offset;
  return (
    HEX[b[o]!]! +
    HEX[b[o + 1]!]! +
    HEX[b[o + 2]!]! +
    HEX[b[o + 3]!]! +
    '-' +
    HEX[b[o + 4]!]! +
    HEX[b[o + 5]!]! +
    '-' +
    HEX[b[o + 6]!]! +
    HEX[b[o + 7]!]! +
    '-' +
    HEX[b[o + 8]!]! +
    HEX[b[o + 9]!]! +
    '-' +
    HEX[b[o + 10]!]! +
    HEX[b[o + 11]!]! +
    HEX[b[o + 12]!]! +
    HEX[b[o + 13]!]! +
    HEX[b[o + 14]!]! +
    HEX[b[o + 15]!]!
  );
}

/** Character index in the canonical form of each of the 32 hex digits (skipping the four hyphens). */
export const DIGIT_INDEX: readonly number[] = Array.from(
  { length: 32 },
  (_, i) => i + (i >= 8 ? 1 : 0) + (i >= 12 ? 1 : 0) + (i >= 16 ? 1 : 0) + (i >= 20 ? 1 : 0),
);

/** Writes the 16 bytes of an already-validated canonical string into `out` at `offset`. */
export function canonicalToBytes(s: string, out: Uint8Array, offset = 0): Uint8Array {
  for (let i = 0; i < 16; i++) {
    out[offset + i] = (NIBBLE[s.charCodeAt(DIGIT_INDEX[2 * i]!)]! << 4) | NIBBLE[s.charCodeAt(DIGIT_INDEX[2 * i + 1]!)]!;
  }
  return out;
}
