// ts314/compression/lzma: Python's lzma module (compression.lzma) for Node, over liblzma.
export {
  compress,
  decompress,
  compressAsync,
  decompressAsync,
  createCompressStream,
  createDecompressStream,
  open,
  isCheckSupported,
  LZMACompressor,
  LZMADecompressor,
} from './lzma.js';
export type { LzmaCompressOptions, LzmaDecompressOptions } from './lzma.js';
export type { LzmaFilter } from './filters.js';
export * from './constants.js';
export { LZMAError, LZMAError as LzmaError } from './errors.js';
export { InvalidArgumentError, InvalidValueError } from '../core/errors.js';
export { EOFError } from '../core/native-codec.js';
export { CompressedFile as LZMAFile, type FileMode } from '../core/file.js';
export { DEFAULT_MAX_OUTPUT_LENGTH } from '../core/limits.js';
