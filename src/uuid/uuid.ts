// The UUID value type: Python's uuid.UUID, immutable, stored as its canonical string.
import { inspect } from 'node:util';
import { pythonTypeName } from '../internal/validate.js';
import { UUIDError } from './errors.js';
import { bytesToCanonical, canonicalToBytes, NIBBLE } from './hex.js';
import { bigintToCanonical, isValidUUIDString, parseUUIDString } from './parse.js';

/** Variant strings, identical to Python's `uuid.RESERVED_NCS` etc. */
export const RESERVED_NCS = 'reserved for NCS compatibility';
export const RFC_4122 = 'specified in RFC 4122';
export const RESERVED_MICROSOFT = 'reserved for Microsoft compatibility';
export const RESERVED_FUTURE = 'reserved for future definition';

/** One of the four variant strings (RFC 9562 §4.1); everything ts314 generates is `RFC_4122`. */
export type UUIDVariant = typeof RESERVED_NCS | typeof RFC_4122 | typeof RESERVED_MICROSOFT | typeof RESERVED_FUTURE;

/** Python's `UUID.fields`: (time_low, time_mid, time_hi_version, clock_seq_hi_variant, clock_seq_low, node). */
export type UUIDFields = readonly [
  timeLow: number,
  timeMid: number,
  timeHiVersion: number,
  clockSeqHiVariant: number,
  clockSeqLow: number,
  node: number,
];

/** Anything a UUID can be built from: a string in any accepted form, exactly 16 bytes, a 128-bit bigint, or another UUID. */
export type UUIDInput = string | Uint8Array | bigint | UUID;

/** Python's `version=` keyword: overwrite the version (and set the RFC 9562 variant) of the given bits. */
export interface UUIDOptions {
  version?: number;
}

/** 100-ns intervals between the Gregorian epoch (1582-10-15) and the Unix epoch: RFC 9562 §5.1. */
export const GREGORIAN_OFFSET = 0x01b21dd213814000n;

const FIELD_BITS = [32, 16, 16, 8, 8, 48] as const;

// Set only by fromCanonical() for the duration of one constructor call: the generators' fast path
// skips re-validating strings they have just built.
let trustedCanonical: string | undefined;

/** Wraps a canonical lowercase string the caller guarantees is valid (generators only). */
export function fromCanonical(canonical: string): UUID {
  trustedCanonical = canonical;
  return new UUID(canonical);
}

function canonicalFrom(value: unknown): string {
  if (typeof value === 'string') return parseUUIDString(value);
  if (value instanceof UUID) return value.toString();
  if (typeof value === 'bigint') return bigintToCanonical(value);
  if (value instanceof Uint8Array) {
    if (value.length !== 16) {
      throw new UUIDError(`bytes must be exactly 16 bytes long, got ${value.length}`, { code: 'ERR_UUID_LENGTH' });
    }
    return bytesToCanonical(value);
  }
  if (typeof value === 'number') {
    // A JavaScript number holds 53 bits, so UUID(int=…) takes a bigint.
    throw new UUIDError(
      `cannot build a UUID from ${pythonTypeName(value)} ${value}: a UUID's int has 128 bits, pass a bigint (${Number.isInteger(value) ? `${value}n` : 'e.g. 5n'})`,
      { code: 'ERR_UUID_TYPE' },
    );
  }
  throw new UUIDError(
    `cannot build a UUID from ${pythonTypeName(value)}: pass a str, 16 bytes (Uint8Array), an int as a bigint, or a UUID`,
    {
      code: 'ERR_UUID_TYPE',
    },
  );
}

function withVersion(canonical: string, version: number): string {
  if (!Number.isInteger(version) || version < 1 || version > 8) {
    throw new UUIDError(`illegal version number ${version} (need an integer from 1 to 8)`, { code: 'ERR_UUID_VERSION' });
  }
  const variantNibble = (NIBBLE[canonical.charCodeAt(19)]! & 0x3) | 0x8;
  return `${canonical.slice(0, 14)}${version.toString(16)}${canonical.slice(15, 19)}${variantNibble.toString(16)}${canonical.slice(20)}`;
}

/**
 * An immutable 128-bit UUID (RFC 9562), Python's `uuid.UUID` with camelCase names. Comparison is by
 * byte order, which is also the order of the canonical strings.
 * @example
 * const id = new UUID('{12345678-1234-5678-1234-567812345678}');
 * id.hex;      // '12345678123456781234567812345678'
 * id.version;  // 5
 * new UUID(id.bytes).equals(id); // true
 */
export class UUID {
  readonly #s: string;

  constructor(value: UUIDInput, options?: UUIDOptions) {
    if (trustedCanonical !== undefined) {
      this.#s = trustedCanonical;
      trustedCanonical = undefined;
      return;
    }
    const canonical = canonicalFrom(value);
    if (options !== undefined) {
      for (const key of Object.keys(options)) {
        if (key !== 'version')
          throw new UUIDError(`UUID: unknown option '${key}'. The only option is 'version'.`, { code: 'ERR_UUID_OPTION' });
      }
    }
    this.#s = options?.version === undefined ? canonical : withVersion(canonical, options.version);
  }

  /**
   * Python's `UUID(bytes_le=…)`: the first three fields little-endian, as in Microsoft GUID structs.
   * @example
   * UUID.fromBytesLE(guidBytes).toString();
   */
  static fromBytesLE(bytes: Uint8Array): UUID {
    if (!(bytes instanceof Uint8Array) || bytes.length !== 16) {
      throw new UUIDError(
        `bytesLE must be exactly 16 bytes long, got ${bytes instanceof Uint8Array ? bytes.length : pythonTypeName(bytes)}`,
        {
          code: 'ERR_UUID_LENGTH',
        },
      );
    }
    const b = bytes;
    return new UUID(Uint8Array.of(b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)));
  }

  /**
   * Python's `UUID(fields=…)`, each field range-checked.
   * @example
   * UUID.fromFields([0x12345678, 0x1234, 0x5678, 0x12, 0x34, 0x567812345678]).toString();
   */
  static fromFields(fields: UUIDFields, options?: UUIDOptions): UUID {
    if (!Array.isArray(fields) || fields.length !== 6) {
      throw new UUIDError(`fields must be a 6-tuple, got ${Array.isArray(fields) ? `${fields.length} values` : pythonTypeName(fields)}`, {
        code: 'ERR_UUID_LENGTH',
      });
    }
    let value = 0n;
    fields.forEach((field, i) => {
      const bits = FIELD_BITS[i]!;
      if (!Number.isSafeInteger(field) || field < 0 || field >= 2 ** bits) {
        throw new UUIDError(`field ${i + 1} out of range (need a ${bits}-bit value), got ${field}`, { code: 'ERR_UUID_RANGE' });
      }
      value = (value << BigInt(bits)) | BigInt(field);
    });
    return new UUID(value, options);
  }

  /**
   * Whether `value` parses as a UUID in any form the constructor accepts.
   * @example
   * UUID.isValid('urn:uuid:12345678-1234-5678-1234-567812345678'); // true
   */
  static isValid(value: string): boolean {
    return typeof value === 'string' && isValidUUIDString(value);
  }

  /** A fresh copy of the 16 bytes, big-endian (network order). */
  get bytes(): Uint8Array {
    return canonicalToBytes(this.#s, new Uint8Array(16));
  }

  /** Python's `bytes_le`. */
  get bytesLE(): Uint8Array {
    const b = this.bytes;
    return Uint8Array.of(b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8));
  }

  /** 32 lowercase hex digits, no hyphens. */
  get hex(): string {
    const s = this.#s;
    return s.slice(0, 8) + s.slice(9, 13) + s.slice(14, 18) + s.slice(19, 23) + s.slice(24);
  }

  /** The 128-bit value. */
  get int(): bigint {
    return BigInt(`0x${this.hex}`);
  }

  /** RFC 9562's URN form, `urn:uuid:…`. */
  get urn(): string {
    return `urn:uuid:${this.#s}`;
  }

  /** Which layout the bits follow (Python's variant strings). */
  get variant(): UUIDVariant {
    const n = NIBBLE[this.#s.charCodeAt(19)]!;
    if ((n & 0x8) === 0) return RESERVED_NCS;
    if ((n & 0x4) === 0) return RFC_4122;
    if ((n & 0x2) === 0) return RESERVED_MICROSOFT;
    return RESERVED_FUTURE;
  }

  /** 1–8 for RFC 9562 UUIDs; undefined for other variants (Python's None), including NIL and MAX. */
  get version(): number | undefined {
    return this.variant === RFC_4122 ? NIBBLE[this.#s.charCodeAt(14)]! : undefined;
  }

  get timeLow(): number {
    return parseInt(this.#s.slice(0, 8), 16);
  }

  get timeMid(): number {
    return parseInt(this.#s.slice(9, 13), 16);
  }

  get timeHiVersion(): number {
    return parseInt(this.#s.slice(14, 18), 16);
  }

  get clockSeqHiVariant(): number {
    return parseInt(this.#s.slice(19, 21), 16);
  }

  get clockSeqLow(): number {
    return parseInt(this.#s.slice(21, 23), 16);
  }

  /** The 14-bit clock sequence of v1/v6 UUIDs. */
  get clockSeq(): number {
    return ((this.clockSeqHiVariant & 0x3f) << 8) | this.clockSeqLow;
  }

  /** The last 48 bits (the node of v1/v6 UUIDs). */
  get node(): number {
    return parseInt(this.#s.slice(24), 16);
  }

  /** Python's `fields` 6-tuple. */
  get fields(): UUIDFields {
    return [this.timeLow, this.timeMid, this.timeHiVersion, this.clockSeqHiVariant, this.clockSeqLow, this.node];
  }

  /**
   * Python 3.14's `time`: Unix milliseconds for v7; for v6 and every other version the 60-bit count
   * of 100-ns intervals since 1582-10-15 read the v6 or v1 way (meaningless for random versions,
   * as in Python).
   */
  get time(): bigint {
    const value = this.int;
    const version = this.version;
    if (version === 7) return value >> 80n;
    const timeMid = BigInt(this.timeMid);
    if (version === 6) return ((value >> 96n) << 28n) | (timeMid << 12n) | ((value >> 64n) & 0xfffn);
    return (((value >> 64n) & 0xfffn) << 48n) | (timeMid << 32n) | (value >> 96n);
  }

  /**
   * When a time-based UUID (v1, v6, v7) was made, in Unix milliseconds (fractional for v1/v6,
   * whose clock ticks every 100 ns); undefined for other versions. Not in Python: `time` needs
   * version-specific arithmetic to become a date.
   * @example
   * new Date(uuid7().unixTimeMs!);
   */
  get unixTimeMs(): number | undefined {
    const version = this.version;
    if (version === 7) return Number(this.time);
    if (version === 1 || version === 6) return Number(this.time - GREGORIAN_OFFSET) / 10_000;
    return undefined;
  }

  /** True when both hold the same 128 bits. */
  equals(other: UUID): boolean {
    return other instanceof UUID && other.#s === this.#s;
  }

  /** -1, 0 or 1 by byte order (usable directly with Array.prototype.sort). */
  compare(other: UUID): number {
    if (!(other instanceof UUID)) throw new UUIDError(`compare() needs a UUID, got ${pythonTypeName(other)}`, { code: 'ERR_UUID_TYPE' });
    return this.#s < other.#s ? -1 : this.#s > other.#s ? 1 : 0;
  }

  /** The canonical lowercase 8-4-4-4-12 form (Python's `str(u)`). */
  toString(): string {
    return this.#s;
  }

  toJSON(): string {
    return this.#s;
  }

  /** Python's repr in the REPL and console.log: `UUID('…')`. */
  [inspect.custom](): string {
    return `UUID('${this.#s}')`;
  }
}

/** The nil UUID, all 128 bits zero (RFC 9562 §5.9). */
export const NIL = new UUID('00000000-0000-0000-0000-000000000000');
/** The max UUID, all 128 bits one (RFC 9562 §5.10). */
export const MAX = new UUID('ffffffff-ffff-ffff-ffff-ffffffffffff');

/** Namespace for fully-qualified domain names (RFC 9562 §6.6). */
export const NAMESPACE_DNS = new UUID('6ba7b810-9dad-11d1-80b4-00c04fd430c8');
/** Namespace for URLs. */
export const NAMESPACE_URL = new UUID('6ba7b811-9dad-11d1-80b4-00c04fd430c8');
/** Namespace for ISO OIDs. */
export const NAMESPACE_OID = new UUID('6ba7b812-9dad-11d1-80b4-00c04fd430c8');
/** Namespace for X.500 distinguished names. */
export const NAMESPACE_X500 = new UUID('6ba7b814-9dad-11d1-80b4-00c04fd430c8');
