// Errors of ts314/compression/lzma, named as Python's lzma.LZMAError.
import { CompressionError, type CodecErrorOptions, type CompressionErrorCode } from '../core/errors.js';

/** Python's `lzma.LZMAError`: any xz/lzma failure, with a reason `code` (ERR_TRUNCATED, ERR_CORRUPT, ERR_FORMAT, ERR_MEMORY_LIMIT …). */
export class LZMAError extends CompressionError {
  override name = 'LZMAError';
  constructor(message: string, options?: CodecErrorOptions) {
    super(`lzma: ${message}`, { ...options, codec: 'lzma' });
  }
}

export function lzmaError(message: string, code: CompressionErrorCode, cause?: unknown): LZMAError {
  return new LZMAError(message, { code, cause });
}
