// Which 32-bit half of a Float64Array element, seen through a Uint32Array, holds the sign and exponent.

/** Index of the low 32 bits of a double in a Uint32Array over its bytes: first on little-endian machines. */
export const LOW_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
/** Index of the high 32 bits (sign, exponent, top of the significand). */
export const HIGH_WORD = 1 - LOW_WORD;
