// Errors of ts314/compression/bz2 (Python raises OSError/EOFError here; ts314 gives the codec its own class).
import { CompressionError, type CodecErrorOptions, type CompressionErrorCode } from '../core/errors.js';

/** Any bzip2 failure, with a reason `code` (ERR_TRUNCATED, ERR_CORRUPT, ERR_FORMAT, ERR_OUTPUT_LIMIT, ERR_UNAVAILABLE …). */
export class Bz2Error extends CompressionError {
  override name = 'Bz2Error';
  constructor(message: string, options?: CodecErrorOptions) {
    super(`bz2: ${message}`, { ...options, codec: 'bz2' });
  }
}

export function bz2Error(message: string, code: CompressionErrorCode, cause?: unknown): Bz2Error {
  return new Bz2Error(message, { code, cause });
}
