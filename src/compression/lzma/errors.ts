// Errors of ts314/compression/lzma, named as Python's lzma.LZMAError.
import { CompressionError, type CompressionErrorCode } from '../core/errors.js';

/** Python's `lzma.LZMAError`: any xz/lzma failure, with a reason `code` (TRUNCATED, CORRUPT, FORMAT, MEMORY_LIMIT …). */
export class LZMAError extends CompressionError {
  override name = 'LZMAError';
  constructor(message: string, code: CompressionErrorCode, cause?: unknown) {
    super(`lzma: ${message}`, { codec: 'lzma', code, cause });
  }
}

export function lzmaError(message: string, code: CompressionErrorCode, cause?: unknown): LZMAError {
  return new LZMAError(message, code, cause);
}
