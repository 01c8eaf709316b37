// The general category: the runtime's everyday speed — JSON, regular expressions, string building, BigInt arithmetic.
import type { BenchDefinition } from '../definition.js';
import { jsonSensorRecords, PAYLOAD_BYTES } from '../workloads/payloads.js';
import { define } from './define.js';

/** Pieces joined per string-building call: a typical generated report or CSV. */
const STRING_PARTS = 10_000;
/** A 2048-bit modulus: RSA-sized modular exponentiation, where BigInt multiplication dominates. */
const MODPOW_BITS = 2048;
/** A 256-bit exponent: 256 squarings of 2048-bit numbers, a few milliseconds per call. */
const MODPOW_EXPONENT_BITS = 256;
/** ISO 8601 timestamps, as in the payload's records (one per record). */
const ISO_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** A fixed odd `bits`-bit number (digits of a seeded sequence), so every run does the same work. */
function fixedBigInt(bits: number, seed: number): bigint {
  let x = BigInt(seed);
  let out = 1n;
  while (out < 1n << BigInt(bits - 1)) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    out = (out << 64n) | x;
  }
  return (out & ((1n << BigInt(bits)) - 1n)) | 1n | (1n << BigInt(bits - 1));
}

/** The general category's benchmarks for a run. */
export function load(): BenchDefinition[] {
  const kib = PAYLOAD_BYTES / 1024;
  const text = jsonSensorRecords(PAYLOAD_BYTES).toString('utf8');
  const parsed = JSON.parse(text) as unknown;
  const modulus = fixedBigInt(MODPOW_BITS, 7);
  const base = fixedBigInt(MODPOW_BITS - 1, 11);
  const exponent = fixedBigInt(MODPOW_EXPONENT_BITS, 13);
  const parts = Array.from({ length: STRING_PARTS }, (_, i) => `row ${i};`);
  const stringGroup = `build a string of ${STRING_PARTS.toLocaleString('en')} parts`;
  return [
    define({
      name: `JSON.parse ${kib} KiB`,
      group: 'JSON.parse',
      params: { bytes: PAYLOAD_BYTES },
      fn: () => (JSON.parse(text) as unknown[]).length,
    }),
    define({
      name: `JSON.stringify ${kib} KiB`,
      group: 'JSON.stringify',
      params: { bytes: PAYLOAD_BYTES },
      fn: () => JSON.stringify(parsed).length,
    }),
    define({
      name: `regex: ISO timestamps in ${kib} KiB`,
      group: 'regex',
      params: { bytes: PAYLOAD_BYTES },
      fn: () => {
        let n = 0;
        for (const _ of text.matchAll(ISO_TIMESTAMP)) n++;
        return n;
      },
    }),
    define({
      name: '+= in a loop',
      group: stringGroup,
      baseline: true,
      fn: () => {
        let s = '';
        for (const part of parts) s += part;
        // Reading a character flattens the rope, so the work of building the string is really done.
        return s.charCodeAt(s.length >> 1);
      },
    }),
    define({
      name: 'Array.join',
      group: stringGroup,
      fn: () => {
        const s = parts.join('');
        return s.charCodeAt(s.length >> 1);
      },
    }),
    define({
      name: `BigInt modPow, ${MODPOW_BITS}-bit modulus`,
      group: 'BigInt arithmetic',
      params: { bits: MODPOW_BITS },
      fn: () => Number(modPow(base, exponent, modulus) & 0xffffn),
    }),
  ];
}
