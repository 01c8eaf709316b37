// ts314/compression/zstd: Python 3.14's compression.zstd for Node — libzstd with parameters, streaming, dictionaries and files.
export { compress, decompress, decompressInto, compressAsync, decompressAsync, DEFAULT_MAX_OUTPUT_LENGTH } from './one-shot.js';
export type { ZstdCompressOptions, ZstdDecompressOptions, ZstdOneShotDecompressOptions } from './one-shot.js';
export { ZstdCompressor } from './compressor.js';
export type { ZstdFlushMode } from './compressor.js';
export { ZstdDecompressor } from './decompressor.js';
export { ZstdDict, trainDict, finalizeDict } from './dict.js';
export type { ZstdDictUse } from './dict.js';
export { getFrameInfo, getFrameSize } from './frame.js';
export type { FrameInfo } from './frame.js';
export {
  CompressionParameter,
  DecompressionParameter,
  Strategy,
  COMPRESSION_LEVEL_DEFAULT,
  zstdVersion,
  zstdVersionInfo,
} from './parameters.js';
export type { CompressionParameterName, DecompressionParameterName } from './parameters.js';
export type { CompressionOptions, DecompressionOptions, ZstdDictArgument } from './options.js';
export { ZstdError } from './errors.js';
export { InvalidArgumentError, InvalidValueError, UnsupportedOperation } from '../core/errors.js';
export { ZstdFile, FILE_READ_CHUNK, DEFAULT_MAX_LINE_LENGTH } from './file.js';
export type { ZstdFileMode, ZstdFileOptions, ZstdFileTarget } from './file.js';
export { open, openSync, ZstdTextFile } from './open.js';
export type { ZstdAsyncOpenOptions, ZstdOpenMode, ZstdOpenOptions, ZstdTextEncoding } from './open.js';
export type { CompressedFile, FileMode } from '../core/file.js';
export {
  createCompressStream,
  createDecompressStream,
  ZstdCompressStream,
  ZstdDecompressStream,
  STREAM_OUTPUT_SLICE,
} from './stream.js';
export type { ZstdStreamOptions, ZstdDecompressStreamOptions } from './stream.js';
export { zstdBackend } from './backend.js';
