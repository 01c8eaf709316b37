// zlib's running checksums, Python's zlib.crc32 and zlib.adler32 (node:zlib's crc32 when the runtime has it).
import zlib from 'node:zlib';
import { toBytes, type BytesLike } from '../core/bytes.js';

let table: Uint32Array | undefined;
function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/**
 * CRC-32 of `data`, continuing from `value` (Python's `zlib.crc32`).
 * @example
 * crc32('hello'); // 907060870
 */
export function crc32(data: BytesLike, value = 0): number {
  const bytes = toBytes(data, 'zlib.crc32');
  if (nativeCrc32) return nativeCrc32(bytes, value);
  const t = crcTable();
  let c = ~value >>> 0;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * Adler-32 of `data`, continuing from `value` (Python's `zlib.adler32`, default start 1).
 * @example
 * adler32('hello'); // 103547413
 */
export function adler32(data: BytesLike, value = 1): number {
  const bytes = toBytes(data, 'zlib.adler32');
  let a = value & 0xffff;
  let b = (value >>> 16) & 0xffff;
  // 5552 is the largest run before the sums can overflow 2^32 (zlib's NMAX).
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
