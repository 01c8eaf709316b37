// One-shot compress/decompress, synchronous and on the libuv thread pool (the async twins).
import { toBytes, writableBytes, type BytesLike } from '../core/bytes.js';
import { DEFAULT_MAX_OUTPUT_LENGTH, resolveMaxOutputLength } from '../core/limits.js';
import { checkOptionKeys } from '../../internal/validate.js';
import { COMPRESS_ACTION, DECOMPRESS_ACTION, ZstdError, toZstdError } from './errors.js';
import { zstdAddon } from './native.js';
import {
  compressionDict,
  compressionSetup,
  decompressionDict,
  decompressionPairs,
  type CompressionOptions,
  type DecompressionOptions,
  type ZstdDictArgument,
} from './options.js';

export { DEFAULT_MAX_OUTPUT_LENGTH };

/** Options of every zstd compressing form (one-shot, compressor, stream, file). */
export interface ZstdCompressOptions {
  /** Compression level, negative (fastest) to 22; 0 or undefined means COMPRESSION_LEVEL_DEFAULT (3). */
  readonly level?: number;
  /** Advanced parameters (mutually exclusive with `level`, which is then `options.compressionLevel`). */
  readonly options?: CompressionOptions;
  readonly zstdDict?: ZstdDictArgument;
}

/** Options of every zstd decompressing form. */
export interface ZstdDecompressOptions {
  readonly zstdDict?: ZstdDictArgument;
  readonly options?: DecompressionOptions;
}

/** One-shot decompression options: adds the decompression-bomb guard. */
export interface ZstdOneShotDecompressOptions extends ZstdDecompressOptions {
  /**
   * Largest output accepted, in bytes; more is a ZstdError with code ERR_OUTPUT_LIMIT, never a truncation.
   * Default DEFAULT_MAX_OUTPUT_LENGTH (1 GiB). `Infinity` lifts the limit.
   */
  readonly maxOutputLength?: number;
}

const COMPRESS_KEYS = ['level', 'options', 'zstdDict'] as const;
const DECOMPRESS_KEYS = ['zstdDict', 'options', 'maxOutputLength'] as const;
const INTO_KEYS = ['zstdDict', 'options'] as const;

function prepareCompress(data: BytesLike, opts: ZstdCompressOptions | undefined, where: string) {
  checkOptionKeys(opts, COMPRESS_KEYS, where);
  const src = toBytes(data, where);
  const setup = compressionSetup(opts?.level, opts?.options, where);
  const dict = compressionDict(opts?.zstdDict, setup.level, where);
  return { src, setup, dict };
}

function prepareDecompress(data: BytesLike, opts: ZstdOneShotDecompressOptions | undefined, where: string) {
  checkOptionKeys(opts, DECOMPRESS_KEYS, where);
  const src = toBytes(data, where);
  const pairs = decompressionPairs(opts?.options, where);
  const dict = decompressionDict(opts?.zstdDict, where);
  const max = resolveMaxOutputLength(opts?.maxOutputLength, where);
  return { src, pairs, dict, max };
}

/**
 * Compresses `data` into one Zstandard frame (with its content size recorded), like Python's
 * `compression.zstd.compress`.
 * @example
 * import { compress, decompress } from 'ts314/compression/zstd';
 * const frame = compress(Buffer.from('hello '.repeat(1000)), { level: 10 });
 */
export function compress(data: BytesLike, options?: ZstdCompressOptions): Buffer {
  const { src, setup, dict } = prepareCompress(data, options, 'zstd.compress');
  try {
    return zstdAddon().compress(src, setup.pairs, dict.kind, dict.arg, dict.type);
  } catch (error) {
    throw toZstdError(error, COMPRESS_ACTION);
  }
}

/**
 * Decompresses every frame in `data` (concatenated frames are joined; skippable frames are skipped, as
 * libzstd does). Truncated, corrupted, wrong-dictionary and non-zstd input throw ZstdError; output
 * beyond `maxOutputLength` (default 1 GiB) throws with code ERR_OUTPUT_LIMIT.
 * @example
 * const text = decompress(frame).toString();
 */
export function decompress(data: BytesLike, options?: ZstdOneShotDecompressOptions): Buffer {
  const { src, pairs, dict, max } = prepareDecompress(data, options, 'zstd.decompress');
  try {
    return zstdAddon().decompress(src, pairs, dict.kind, dict.arg, dict.type, max);
  } catch (error) {
    throw toZstdError(error, DECOMPRESS_ACTION);
  }
}

/**
 * Decompresses `data` into `target` (any typed array or DataView; its bytes are written) and returns how
 * many bytes were written: `decompress` without a fresh Buffer per call, for loops that reuse one buffer.
 * Python has no such call. The output is `decompress`'s: the same bytes, the same errors; output that does
 * not fit is a ZstdError with code ERR_OUTPUT_LIMIT, and then `target` holds nothing meaningful.
 * @example
 * const out = Buffer.alloc(1 << 20);
 * const n = decompressInto(frame, out);
 * use(out.subarray(0, n));
 */
export function decompressInto(data: BytesLike, target: ArrayBufferView, options?: ZstdDecompressOptions): number {
  const where = 'zstd.decompressInto';
  checkOptionKeys(options, INTO_KEYS, where);
  const src = toBytes(data, where);
  const out = writableBytes(target, where);
  const pairs = decompressionPairs(options?.options, where);
  const dict = decompressionDict(options?.zstdDict, where);
  try {
    return zstdAddon().decompressInto(src, pairs, dict.kind, dict.arg, dict.type, out);
  } catch (error) {
    const failure = toZstdError(error, DECOMPRESS_ACTION);
    if (!(failure instanceof ZstdError && failure.code === 'ERR_OUTPUT_LIMIT')) throw failure;
    throw new ZstdError(`${where}: the decompressed data does not fit in the target (${out.byteLength} bytes)`, {
      code: 'ERR_OUTPUT_LIMIT',
      cause: error,
    });
  }
}

/**
 * `compress` on the libuv thread pool: the event loop stays free while libzstd works. Do not modify
 * `data` until the promise settles.
 * @example
 * const frame = await compressAsync(bigBuffer, { level: 19 });
 */
export async function compressAsync(data: BytesLike, options?: ZstdCompressOptions): Promise<Buffer> {
  const { src, setup, dict } = prepareCompress(data, options, 'zstd.compressAsync');
  try {
    return await zstdAddon().compressAsync(src, setup.pairs, dict.kind, dict.arg, dict.type);
  } catch (error) {
    throw toZstdError(error, COMPRESS_ACTION);
  }
}

/**
 * `decompress` on the libuv thread pool, with the same checks and limits.
 * @example
 * const data = await decompressAsync(frame, { maxOutputLength: 64 * 2 ** 20 });
 */
export async function decompressAsync(data: BytesLike, options?: ZstdOneShotDecompressOptions): Promise<Buffer> {
  const { src, pairs, dict, max } = prepareDecompress(data, options, 'zstd.decompressAsync');
  try {
    return await zstdAddon().decompressAsync(src, pairs, dict.kind, dict.arg, dict.type, max);
  } catch (error) {
    throw toZstdError(error, DECOMPRESS_ACTION);
  }
}
