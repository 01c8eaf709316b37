// Errors of ts314/compression/zlib (Python's zlib.error).
import { CompressionError, type CodecErrorOptions, type CompressionErrorCode } from '../core/errors.js';

/** Python's `zlib.error`: any zlib/deflate failure, with a reason `code`. */
export class ZlibError extends CompressionError {
  override name = 'ZlibError';
  constructor(message: string, options?: CodecErrorOptions) {
    super(`zlib: ${message}`, { ...options, codec: 'zlib' });
  }
}

export function zlibError(message: string, code: CompressionErrorCode, cause?: unknown): ZlibError {
  return new ZlibError(message, { code, cause });
}
