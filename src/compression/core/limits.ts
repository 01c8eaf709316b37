// Shared limits of the one-shot decompressors: the decompression-bomb guard.

/**
 * Default `maxOutputLength` for one-shot `decompress()` of every codec: 1 GiB.
 *
 * Why this value: a 1 KiB bomb can otherwise claim gigabytes, yet real one-shot payloads (API bodies,
 * cached frames, serialized datasets) stay far below it. Larger outputs should stream
 * (`createDecompressStream`, `open()`), which never hold the whole output; or pass a bigger limit
 * (or `Infinity`) explicitly. Exceeding it is an error with code `ERR_OUTPUT_LIMIT`, never a truncation.
 */
export const DEFAULT_MAX_OUTPUT_LENGTH = 1024 * 1024 * 1024;

/** Validates a `maxOutputLength` option; returns the effective limit in bytes. */
export function resolveMaxOutputLength(value: unknown, where: string): number {
  if (value === undefined) return DEFAULT_MAX_OUTPUT_LENGTH;
  if (value === Infinity) return Number.MAX_SAFE_INTEGER;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`${where}: maxOutputLength must be a positive integer number of bytes or Infinity, got ${String(value)}`);
  }
  return value;
}
