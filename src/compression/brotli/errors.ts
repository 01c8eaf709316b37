// Errors of ts314/compression/brotli.
import { CompressionError, type CodecErrorOptions, type CompressionErrorCode } from '../core/errors.js';

/** Any brotli failure, with a reason `code`. Brotli has no header, so bad input reports ERR_CORRUPT, never ERR_FORMAT. */
export class BrotliError extends CompressionError {
  override name = 'BrotliError';
  constructor(message: string, options?: CodecErrorOptions) {
    super(`brotli: ${message}`, { ...options, codec: 'brotli', code: options?.code === 'ERR_FORMAT' ? 'ERR_CORRUPT' : options?.code });
  }
}

export function brotliError(message: string, code: CompressionErrorCode, cause?: unknown): BrotliError {
  return new BrotliError(message, { code, cause });
}
