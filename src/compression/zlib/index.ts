// ts314/compression/zlib: Python's zlib module (compression.zlib) for Node.
export {
  compress,
  decompress,
  compressAsync,
  decompressAsync,
  createCompressStream,
  createDecompressStream,
  open,
  Z_DEFAULT_COMPRESSION,
  Z_BEST_SPEED,
  Z_BEST_COMPRESSION,
  MAX_WBITS,
} from './zlib.js';
export type { ZlibCompressOptions, ZlibDecompressOptions } from './zlib.js';
export { crc32, adler32 } from './checksums.js';
export { ZlibError } from './errors.js';
export { InvalidArgumentError, InvalidValueError } from '../core/errors.js';
export { CompressedFile as ZlibFile, type FileMode } from '../core/file.js';
export { DEFAULT_MAX_OUTPUT_LENGTH } from '../core/limits.js';
