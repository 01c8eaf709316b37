// The error family every ts314 compression codec throws: one base class with a stable reason code.

/**
 * Why a compression operation failed, stable across versions so callers can branch on it:
 * - `TRUNCATED`: the input ended before the end-of-stream marker.
 * - `CORRUPT`: the data is damaged (bad checksum, impossible structure).
 * - `FORMAT`: the input is not this codec's format (wrong magic/header) — often the wrong codec.
 * - `OUTPUT_LIMIT`: decompressing would exceed `maxOutputLength` (decompression-bomb guard).
 * - `MEMORY_LIMIT`: the decoder would need more memory than `memlimit` allows (lzma).
 * - `OPTIONS`: an option value the codec rejects.
 * - `UNAVAILABLE`: this codec's backend cannot be loaded in this runtime.
 * - `CLOSED`: the file or stream was already closed.
 * - `NO_MEMORY`, `INTERNAL`: the library itself failed.
 */
export type CompressionErrorCode =
  | 'TRUNCATED'
  | 'CORRUPT'
  | 'FORMAT'
  | 'OUTPUT_LIMIT'
  | 'MEMORY_LIMIT'
  | 'OPTIONS'
  | 'UNAVAILABLE'
  | 'CLOSED'
  | 'NO_MEMORY'
  | 'INTERNAL';

/** Every codec name ts314/compression knows. */
export type CodecName = 'zstd' | 'gzip' | 'zlib' | 'bz2' | 'lzma' | 'brotli';

/**
 * Base class of GzipError, ZlibError, Bz2Error, LzmaError and BrotliError: `codec` says which codec
 * failed, `code` why (see {@link CompressionErrorCode}), `cause` carries the library's own error.
 * @example
 * try { bz2.decompress(data); } catch (e) { if (e instanceof CompressionError && e.code === 'TRUNCATED') retry(); }
 */
export class CompressionError extends Error {
  override name = 'CompressionError';
  readonly codec: CodecName | undefined;
  readonly code: CompressionErrorCode;
  constructor(message: string, options: { codec?: CodecName; code: CompressionErrorCode; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.codec = options.codec;
    this.code = options.code;
  }
}

/** The messages CPython uses for the same failures, so logs read alike in both languages. */
export const TRUNCATED_MESSAGE = 'Compressed data ended before the end-of-stream marker was reached';
