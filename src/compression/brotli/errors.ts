// Errors of ts314/compression/brotli.
import { CompressionError, type CompressionErrorCode } from '../core/errors.js';

/** Any brotli failure, with a reason `code`. Brotli has no header, so bad input reports CORRUPT, never FORMAT. */
export class BrotliError extends CompressionError {
  override name = 'BrotliError';
  constructor(message: string, code: CompressionErrorCode, cause?: unknown) {
    super(`brotli: ${message}`, { codec: 'brotli', code: code === 'FORMAT' ? 'CORRUPT' : code, cause });
  }
}

export function brotliError(message: string, code: CompressionErrorCode, cause?: unknown): BrotliError {
  return new BrotliError(message, code, cause);
}
