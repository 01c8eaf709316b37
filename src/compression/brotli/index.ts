// ts314/compression/brotli: Brotli for Node in the same shape as the Python codecs.
export {
  compress,
  decompress,
  compressAsync,
  decompressAsync,
  createCompressStream,
  createDecompressStream,
  open,
  QUALITY_DEFAULT,
} from './brotli.js';
export type { BrotliCompressOptions, BrotliDecompressOptions, BrotliMode } from './brotli.js';
export { BrotliError } from './errors.js';
export { InvalidArgumentError, InvalidValueError } from '../core/errors.js';
export { CompressedFile as BrotliFile, type FileMode } from '../core/file.js';
export { DEFAULT_MAX_OUTPUT_LENGTH } from '../core/limits.js';
