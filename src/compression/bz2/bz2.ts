// bzip2 in the shape of Python's bz2 module: one-shot, async, incremental objects, streams and files.
import { InvalidArgumentError } from '../../internal/errors.js';
import type { Transform } from 'node:stream';
import type { PathLike } from 'node:fs';
import { toBytes, type BytesLike } from '../core/bytes.js';
import { resolveMaxOutputLength } from '../core/limits.js';
import { checkOptions, intOption } from '../core/options.js';
import { CompressedFile } from '../core/file.js';
import {
  NativeCompressor,
  NativeDecompressor,
  createDecodeStream,
  createEncodeStream,
  decodeAllAsync,
  decodeAllSync,
  encodeAllAsync,
  encodeAllSync,
} from '../core/native-codec.js';
import { BZ2_SPEC, bz2Addon } from './backend.js';
import { bz2Error } from './errors.js';

/** Python's default `compresslevel` for bz2: 9 (900 kB blocks, the best ratio; also the `bzip2` CLI default). */
export const COMPRESSION_LEVEL_DEFAULT = 9;

export interface Bz2CompressOptions {
  /** Block size in 100 kB units, 1 … 9 (Python's `compresslevel`). Default 9. */
  level?: number;
}

export interface Bz2DecompressOptions {
  /** Largest decompressed size accepted (bytes, or Infinity); default DEFAULT_MAX_OUTPUT_LENGTH (1 GiB). */
  maxOutputLength?: number;
}

function levelOf(options: Bz2CompressOptions | undefined, where: string): number {
  const o = checkOptions(options, ['level'], where);
  return intOption(o.level, 'level', 1, 9, COMPRESSION_LEVEL_DEFAULT, where);
}

function maxOf(options: Bz2DecompressOptions | undefined, where: string): number {
  const o = checkOptions(options, ['maxOutputLength'], where);
  return resolveMaxOutputLength(o.maxOutputLength, where);
}

/**
 * Compresses `data` into one bzip2 stream (Python's `bz2.compress`).
 * @example
 * const packed = bz2.compress(bytes, { level: 9 });
 */
export function compress(data: BytesLike, options?: Bz2CompressOptions): Buffer {
  const level = levelOf(options, 'bz2.compress');
  return encodeAllSync(BZ2_SPEC, toBytes(data, 'bz2.compress'), bz2Addon().createEncoder(level));
}

/** {@link compress} on the libuv thread pool. */
export function compressAsync(data: BytesLike, options?: Bz2CompressOptions): Promise<Buffer> {
  try {
    const level = levelOf(options, 'bz2.compressAsync');
    return encodeAllAsync(BZ2_SPEC, toBytes(data, 'bz2.compressAsync'), bz2Addon().createEncoder(level));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Decompresses bzip2 data, including concatenated streams (Python's `bz2.decompress`). Truncated input
 * throws Bz2Error code ERR_TRUNCATED; damaged data ERR_CORRUPT; not bzip2 at all ERR_FORMAT; too much output ERR_OUTPUT_LIMIT.
 * @example
 * bz2.decompress(bz2.compress('hi')).toString(); // 'hi'
 */
export function decompress(data: BytesLike, options?: Bz2DecompressOptions): Buffer {
  const max = maxOf(options, 'bz2.decompress');
  return decodeAllSync(BZ2_SPEC, toBytes(data, 'bz2.decompress'), () => bz2Addon().createDecoder(), max);
}

/** {@link decompress} on the libuv thread pool. */
export function decompressAsync(data: BytesLike, options?: Bz2DecompressOptions): Promise<Buffer> {
  try {
    const max = maxOf(options, 'bz2.decompressAsync');
    return decodeAllAsync(BZ2_SPEC, toBytes(data, 'bz2.decompressAsync'), () => bz2Addon().createDecoder(), max);
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Python's `bz2.BZ2Compressor`: feed with `compress()`, finish with `flush()`.
 * @example
 * const c = new BZ2Compressor(9);
 * const out = Buffer.concat([c.compress(part1), c.compress(part2), c.flush()]);
 */
export class BZ2Compressor extends NativeCompressor {
  constructor(level: number = COMPRESSION_LEVEL_DEFAULT) {
    intOption(level, 'level', 1, 9, COMPRESSION_LEVEL_DEFAULT, 'BZ2Compressor');
    super(BZ2_SPEC, bz2Addon().createEncoder(level));
  }
}

/**
 * Python's `bz2.BZ2Decompressor`: one stream; `decompress(data, maxLength)`, `eof`, `needsInput`, `unusedData`.
 * @example
 * const d = new BZ2Decompressor();
 * const part = d.decompress(chunk, 65536);
 */
export class BZ2Decompressor extends NativeDecompressor {
  constructor() {
    super(BZ2_SPEC, bz2Addon().createDecoder());
  }
}

/** A bzip2-compressing Transform; each chunk is compressed on the libuv thread pool. */
export function createCompressStream(options?: Bz2CompressOptions): Transform {
  const level = levelOf(options, 'bz2.createCompressStream');
  bz2Addon();
  return createEncodeStream(BZ2_SPEC, () => bz2Addon().createEncoder(level));
}

/** A bzip2-decompressing Transform over concatenated streams; truncated input fails it (ERR_TRUNCATED). */
export function createDecompressStream(): Transform {
  bz2Addon();
  return createDecodeStream(BZ2_SPEC, () => bz2Addon().createDecoder());
}

/**
 * Opens a .bz2 file (Python's `bz2.open`): 'r'/'rb', 'w'/'wb', 'a'/'ab' (appends a stream), 'x'/'xb'.
 * @example
 * await using f = await bz2.open('dump.bz2', 'w');
 * await f.write(bytes);
 */
export async function open(path: PathLike, mode: string = 'rb', options?: Bz2CompressOptions): Promise<CompressedFile> {
  const o = checkOptions(options, ['level'], 'bz2.open');
  if (o.level !== undefined && mode.startsWith('r')) throw new InvalidArgumentError("bz2.open: 'level' applies only when writing");
  return CompressedFile.open('bz2', path, mode, (reading) => (reading ? createDecompressStream() : createCompressStream(o)), bz2Error);
}
