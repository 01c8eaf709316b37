// ts314/compression/bz2: Python's bz2 module (compression.bz2) for Node, over libbz2.
export {
  compress,
  decompress,
  compressAsync,
  decompressAsync,
  createCompressStream,
  createDecompressStream,
  open,
  BZ2Compressor,
  BZ2Decompressor,
  COMPRESSION_LEVEL_DEFAULT,
} from './bz2.js';
export type { Bz2CompressOptions, Bz2DecompressOptions } from './bz2.js';
export { Bz2Error } from './errors.js';
export { InvalidArgumentError, InvalidValueError } from '../core/errors.js';
export { EOFError } from '../core/native-codec.js';
export { CompressedFile as BZ2File, type FileMode } from '../core/file.js';
export { DEFAULT_MAX_OUTPUT_LENGTH } from '../core/limits.js';
