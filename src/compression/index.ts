// ts314/compression: Python 3.14's compression package (PEP 784) for Node — one API over zstd, gzip, zlib, bz2, lzma and brotli.
export {
  compress,
  decompress,
  compressAsync,
  decompressAsync,
  detect,
  createCompressStream,
  createDecompressStream,
} from './package.js';
export type { CompressOptions, DecompressOptions } from './package.js';
export { available, isAvailable } from './available.js';
export type { CodecAvailability } from './available.js';
export { compressFrame, decompressFrame, FRAME_ZSTD_LEVEL } from './frame.js';
export { CODECS, CODEC_ALIASES } from './codecs.js';
export type { CodecAlias } from './codecs.js';
export { UnknownCodecError, UnrecognizedFormatError } from './errors.js';
export { CompressionError } from './core/errors.js';
export { InvalidArgumentError, InvalidValueError } from './core/errors.js';
export type { CodecName, CompressionErrorCode } from './core/errors.js';
export { DEFAULT_MAX_OUTPUT_LENGTH } from './core/limits.js';
export type { BytesLike } from './core/bytes.js';
export type { FileMode } from './core/file.js';
// Each codec module as a namespace, as Python's `from compression import zlib, bz2, lzma, gzip`:
// `import { gzip } from 'ts314/compression'`. The package level loads them all anyway (codecs.ts).
export * as zstd from './zstd/index.js';
export * as gzip from './gzip/index.js';
export * as zlib from './zlib/index.js';
export * as bz2 from './bz2/index.js';
export * as lzma from './lzma/index.js';
export * as brotli from './brotli/index.js';
