// Recognising each codec's data by its first bytes (magic numbers and header sanity checks).
import type { CodecName } from './errors.js';

const ZSTD_MAGIC = 0xfd2fb528;
const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];

function u32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** A zstd frame (28 B5 2F FD) or a skippable frame (5? 2A 4D 18), as libzstd accepts. */
export function isZstd(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  const magic = u32le(b, 0);
  return magic === ZSTD_MAGIC || (magic & 0xfffffff0) === 0x184d2a50;
}

/** gzip member: 1F 8B, method 8 (deflate). */
export function isGzip(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 0x08;
}

/** bzip2 stream: 'BZh' and a block-size digit 1–9. */
export function isBz2(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68 && b[3]! >= 0x31 && b[3]! <= 0x39;
}

/** .xz stream: FD 37 7A 58 5A 00. */
export function isXz(b: Uint8Array): boolean {
  return b.length >= 6 && XZ_MAGIC.every((v, i) => b[i] === v);
}

/**
 * Legacy .lzma ("LZMA_Alone") header, which has no magic: the same sanity checks liblzma applies in its
 * picky mode (xz's own detection) — valid lc/lp/pb byte, a dictionary size of 2^n or 2^n + 2^(n-1),
 * an uncompressed size that is unknown (all FF) or under 256 GiB.
 */
export function isLzmaAlone(b: Uint8Array): boolean {
  if (b.length < 13 || b[0]! > 224) return false;
  const dict = u32le(b, 1);
  if (dict !== 0xffffffff) {
    // liblzma's rounding: d-1 with its top bits smeared down by 2, 3, 4, 8, 16, plus one.
    let d = (dict - 1) >>> 0;
    d = (d | (d >>> 2)) >>> 0;
    d = (d | (d >>> 3)) >>> 0;
    d = (d | (d >>> 4)) >>> 0;
    d = (d | (d >>> 8)) >>> 0;
    d = (d | (d >>> 16)) >>> 0;
    d = (d + 1) >>> 0;
    if (d !== dict) return false;
  }
  const low = u32le(b, 5);
  const high = u32le(b, 9);
  if (low === 0xffffffff && high === 0xffffffff) return true;
  return high < 0x40; // < 2^38
}

/** zlib stream (RFC 1950): method 8, window ≤ 32 KiB, header checksum divisible by 31, no preset dictionary. */
export function isZlib(b: Uint8Array): boolean {
  if (b.length < 2) return false;
  const cmf = b[0]!;
  const flg = b[1]!;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0 && (flg & 0x20) === 0;
}

/** The codec whose signature `data` starts with, or undefined (always for brotli, which has none). */
export function detectCodec(data: Uint8Array): Exclude<CodecName, 'brotli'> | undefined {
  if (isZstd(data)) return 'zstd';
  if (isGzip(data)) return 'gzip';
  if (isXz(data)) return 'lzma';
  if (isBz2(data)) return 'bz2';
  if (isZlib(data)) return 'zlib';
  if (isLzmaAlone(data)) return 'lzma';
  return undefined;
}
