// Errors of the ts314/compression package level: an unknown codec name, input whose codec cannot be told.
import { CompressionError, type CodecErrorOptions } from './core/errors.js';

/** A codec name ts314 does not know; the message suggests the closest one ("Did you mean 'gzip'?"). */
export class UnknownCodecError extends CompressionError {
  override name = 'UnknownCodecError';
  /** The name that was given. */
  declare readonly codecName: string;
  constructor(message: string, options?: CodecErrorOptions & { codecName?: string }) {
    super(message, { code: 'ERR_INVALID_ARGUMENT', codecName: '', ...options });
  }
}

/** `decompress()` found no known signature at the start of the data (always the case for raw brotli). */
export class UnrecognizedFormatError extends CompressionError {
  override name = 'UnrecognizedFormatError';
  constructor(message: string, options?: CodecErrorOptions) {
    super(message, { code: 'ERR_FORMAT', ...options });
  }
}
