// Errors of ts314/compression/bz2 (Python raises OSError/EOFError here; ts314 gives the codec its own class).
import { CompressionError, type CompressionErrorCode } from '../core/errors.js';

/** Any bzip2 failure, with a reason `code` (TRUNCATED, CORRUPT, FORMAT, OUTPUT_LIMIT, UNAVAILABLE …). */
export class Bz2Error extends CompressionError {
  override name = 'Bz2Error';
  constructor(message: string, code: CompressionErrorCode, cause?: unknown) {
    super(`bz2: ${message}`, { codec: 'bz2', code, cause });
  }
}

export function bz2Error(message: string, code: CompressionErrorCode, cause?: unknown): Bz2Error {
  return new Bz2Error(message, code, cause);
}
