// Errors of the ts314/compression package level: an unknown codec name, input whose codec cannot be told.
import { CompressionError, type CodecErrorOptions, type CompressionErrorCode } from './core/errors.js';

/** A codec name ts314 does not know; the message suggests the closest one ("Did you mean 'gzip'?"). */
export class UnknownCodecError extends CompressionError {
  static override readonly code: CompressionErrorCode = 'ERR_INVALID_ARGUMENT';
  override name = 'UnknownCodecError';
  /** The name that was given. */
  declare readonly codecName: string;
  constructor(message: string, options?: CodecErrorOptions & { codecName?: string }) {
    super(message, { codecName: '', ...options });
  }
}

/** `decompress()` found no known signature at the start of the data (always the case for raw brotli). */
export class UnrecognizedFormatError extends CompressionError {
  static override readonly code: CompressionErrorCode = 'ERR_FORMAT';
  override name = 'UnrecognizedFormatError';
}
