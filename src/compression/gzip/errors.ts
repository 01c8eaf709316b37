// Errors of ts314/compression/gzip, named as in Python's gzip module.
import { CompressionError, type CompressionErrorCode } from '../core/errors.js';

/** Any gzip failure; `code` says why (TRUNCATED, CORRUPT, FORMAT, OUTPUT_LIMIT …). */
export class GzipError extends CompressionError {
  override name = 'GzipError';
  constructor(message: string, code: CompressionErrorCode, cause?: unknown) {
    super(`gzip: ${message}`, { codec: 'gzip', code, cause });
  }
}

/** Python's `gzip.BadGzipFile`: the input is not gzip data, or is corrupt (codes FORMAT, CORRUPT). */
export class BadGzipFile extends GzipError {
  override name = 'BadGzipFile';
}

export function gzipError(message: string, code: CompressionErrorCode, cause?: unknown): GzipError {
  return code === 'FORMAT' || code === 'CORRUPT' ? new BadGzipFile(message, code, cause) : new GzipError(message, code, cause);
}
