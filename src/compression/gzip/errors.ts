// Errors of ts314/compression/gzip, named as in Python's gzip module.
import { CompressionError, type CodecErrorOptions, type CompressionErrorCode } from '../core/errors.js';

/** Any gzip failure; `code` says why (ERR_TRUNCATED, ERR_CORRUPT, ERR_FORMAT, ERR_OUTPUT_LIMIT …). */
export class GzipError extends CompressionError {
  override name = 'GzipError';
  constructor(message: string, options?: CodecErrorOptions) {
    super(`gzip: ${message}`, { ...options, codec: 'gzip' });
  }
}

/** Python's `gzip.BadGzipFile`: the input is not gzip data, or is corrupt (codes ERR_FORMAT, ERR_CORRUPT). */
export class BadGzipFile extends GzipError {
  static override readonly code: CompressionErrorCode = 'ERR_FORMAT';
  override name = 'BadGzipFile';
}

export function gzipError(message: string, code: CompressionErrorCode, cause?: unknown): GzipError {
  return code === 'ERR_FORMAT' || code === 'ERR_CORRUPT'
    ? new BadGzipFile(message, { code, cause })
    : new GzipError(message, { code, cause });
}
