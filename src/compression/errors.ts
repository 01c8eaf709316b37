// Errors of the ts314/compression package level: an unknown codec name, input whose codec cannot be told.
import { CompressionError } from './core/errors.js';

/** A codec name ts314 does not know; the message suggests the closest one ("Did you mean 'gzip'?"). */
export class UnknownCodecError extends CompressionError {
  override name = 'UnknownCodecError';
  readonly codecName: string;
  constructor(message: string, codecName: string) {
    super(message, { code: 'OPTIONS' });
    this.codecName = codecName;
  }
}

/** `decompress()` found no known signature at the start of the data (always the case for raw brotli). */
export class UnrecognizedFormatError extends CompressionError {
  override name = 'UnrecognizedFormatError';
  constructor(message: string) {
    super(message, { code: 'FORMAT' });
  }
}
