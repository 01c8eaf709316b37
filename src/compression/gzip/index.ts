// ts314/compression/gzip: Python's gzip module (compression.gzip) for Node.
export {
  compress,
  decompress,
  compressAsync,
  decompressAsync,
  createCompressStream,
  createDecompressStream,
  open,
  COMPRESSION_LEVEL_DEFAULT,
} from './gzip.js';
export type { GzipCompressOptions, GzipDecompressOptions, GzipStreamOptions, GzipOpenOptions } from './gzip.js';
export { GzipError, BadGzipFile } from './errors.js';
export { InvalidArgumentError, InvalidValueError } from '../core/errors.js';
export { CompressedFile as GzipFile, type FileMode } from '../core/file.js';
export { DEFAULT_MAX_OUTPUT_LENGTH } from '../core/limits.js';
export type { CompressionErrorCode } from '../core/errors.js';
