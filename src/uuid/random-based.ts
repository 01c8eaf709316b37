// Random and custom UUIDs: version 4 (122 random bits) and version 8 (three caller-supplied blocks).
import { pythonTypeName } from '../internal/validate.js';
import { UUIDError } from './errors.js';
import { HEX } from './hex.js';
import { random32 } from './random.js';
import { fromCanonical, type UUID } from './uuid.js';

/**
 * A version 4 UUID string from the pooled CSPRNG: 122 random bits, version and variant set.
 * @example
 * uuid4String().length; // 36
 */
export function uuid4String(): string {
  const a = random32();
  const b = random32();
  const c = random32();
  const d = random32();
  return (
    HEX[a >>> 24]! +
    HEX[(a >>> 16) & 0xff]! +
    HEX[(a >>> 8) & 0xff]! +
    HEX[a & 0xff]! +
    '-' +
    HEX[b >>> 24]! +
    HEX[(b >>> 16) & 0xff]! +
    '-' +
    HEX[0x40 | ((b >>> 8) & 0x0f)]! +
    HEX[b & 0xff]! +
    '-' +
    HEX[0x80 | (c >>> 26)]! +
    HEX[(c >>> 16) & 0xff]! +
    '-' +
    HEX[(c >>> 8) & 0xff]! +
    HEX[c & 0xff]! +
    HEX[d >>> 24]! +
    HEX[(d >>> 16) & 0xff]! +
    HEX[(d >>> 8) & 0xff]! +
    HEX[d & 0xff]!
  );
}

/**
 * Python's `uuid4()`: a random UUID (cryptographically secure, like Python's os.urandom).
 * @example
 * uuid4().version; // 4
 */
export function uuid4(): UUID {
  return fromCanonical(uuid4String());
}

function block(value: number | bigint | undefined, bits: number, label: string): bigint {
  if (value === undefined) {
    let random = 0n;
    for (let got = 0; got < bits; got += 32) random = (random << 32n) | BigInt(random32());
    return random & ((1n << BigInt(bits)) - 1n);
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new UUIDError(`uuid8: ${label} must be an int (a bigint above 2**53), got ${pythonTypeName(value)} ${value}`, {
      code: 'ERR_UUID_TYPE',
    });
  }
  if (typeof value !== 'number' && typeof value !== 'bigint') {
    throw new UUIDError(`uuid8: ${label} must be an int (a number or bigint), got ${pythonTypeName(value)}`, { code: 'ERR_UUID_TYPE' });
  }
  const big = BigInt(value);
  if (big < 0n || big >= 1n << BigInt(bits)) {
    throw new UUIDError(`uuid8: ${label} out of range (need a ${bits}-bit value, 0 to 2**${bits} - 1), got ${value}`, {
      code: 'ERR_UUID_RANGE',
    });
  }
  return big;
}

/**
 * Python 3.14's `uuid8(a, b, c)`: custom blocks of 48, 12 and 62 bits around the version and
 * variant. Missing blocks are random (from the CSPRNG; Python uses its non-secure `random`).
 * Unlike Python, which silently masks oversized blocks, an out-of-range block is an error.
 * @example
 * uuid8(0x2489e9ad2ee2, 0xe00, 0x0ec932d5f69181c0n).toString(); // '2489e9ad-2ee2-8e00-8ec9-32d5f69181c0'
 */
export function uuid8(a?: number | bigint, b?: number | bigint, c?: number | bigint): UUID {
  const value = (block(a, 48, 'a') << 80n) | (0x8n << 76n) | (block(b, 12, 'b') << 64n) | (0x2n << 62n) | block(c, 62, 'c');
  const h = value.toString(16).padStart(32, '0');
  return fromCanonical(`${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`);
}
