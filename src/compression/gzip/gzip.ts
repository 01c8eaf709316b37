// gzip (RFC 1952) through node:zlib, in the shape of Python's gzip module: one-shot, async, streams, files.
import { InvalidArgumentError } from '../../internal/errors.js';
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import type { PathLike } from 'node:fs';
import { toBytes, type BytesLike } from '../core/bytes.js';
import { resolveMaxOutputLength } from '../core/limits.js';
import { checkOptions, intOption } from '../core/options.js';
import { callAsync, callSync, typedErrors, zlibOutputLimit } from '../core/node-zlib.js';
import { CompressedFile } from '../core/file.js';
import { gzipError } from './errors.js';

/** Python's `gzip.compress` default level: 9, the best compression (node:zlib's own default is 6). */
export const COMPRESSION_LEVEL_DEFAULT = 9;

export interface GzipCompressOptions {
  /** 0 (store) … 9 (best). Python's `compresslevel`. Default {@link COMPRESSION_LEVEL_DEFAULT}. */
  level?: number;
  /** Header modification time in seconds since the epoch; default now (as Python); 0 for reproducible output. */
  mtime?: number;
}

export interface GzipDecompressOptions {
  /** Largest decompressed size accepted (bytes, or Infinity); default DEFAULT_MAX_OUTPUT_LENGTH (1 GiB). */
  maxOutputLength?: number;
}

export interface GzipStreamOptions {
  /** 0 … 9; default {@link COMPRESSION_LEVEL_DEFAULT}. */
  level?: number;
}

const COMPRESS_KEYS = ['level', 'mtime'] as const;
const DECOMPRESS_KEYS = ['maxOutputLength'] as const;

function compressArgs(data: BytesLike, options: GzipCompressOptions | undefined, where: string) {
  const o = checkOptions(options, COMPRESS_KEYS, where);
  const level = intOption(o.level, 'level', 0, 9, COMPRESSION_LEVEL_DEFAULT, where);
  const mtime = o.mtime === undefined ? Math.floor(Date.now() / 1000) : intOption(o.mtime, 'mtime', 0, 0xffffffff, 0, where);
  return { bytes: toBytes(data, where), level, mtime };
}

/** node:zlib always writes MTIME 0; the field sits outside the CRC, so it can be set afterwards. */
function stampMtime(out: Buffer, mtime: number): Buffer {
  if (mtime !== 0) out.writeUInt32LE(mtime, 4);
  return out;
}

/**
 * Compresses `data` into one gzip member (Python's `gzip.compress`).
 * @example
 * const gz = gzip.compress('hello', { level: 6, mtime: 0 });
 */
export function compress(data: BytesLike, options?: GzipCompressOptions): Buffer {
  const { bytes, level, mtime } = compressArgs(data, options, 'gzip.compress');
  return stampMtime(
    callSync(() => zlib.gzipSync(bytes, { level }), gzipError),
    mtime,
  );
}

/** {@link compress} on the libuv thread pool. */
export async function compressAsync(data: BytesLike, options?: GzipCompressOptions): Promise<Buffer> {
  const { bytes, level, mtime } = compressArgs(data, options, 'gzip.compressAsync');
  return stampMtime(await callAsync((cb) => zlib.gzip(bytes, { level }, cb), gzipError), mtime);
}

function decompressArgs(data: BytesLike, options: GzipDecompressOptions | undefined, where: string) {
  const o = checkOptions(options, DECOMPRESS_KEYS, where);
  return { bytes: toBytes(data, where), maxOutputLength: resolveMaxOutputLength(o.maxOutputLength, where) };
}

/**
 * Decompresses gzip data, including several concatenated members (Python's `gzip.decompress`).
 * Empty input gives empty output, as in Python. Truncated input throws GzipError (code ERR_TRUNCATED);
 * damaged or non-gzip input throws BadGzipFile; output over `maxOutputLength` throws (ERR_OUTPUT_LIMIT).
 * @example
 * gzip.decompress(gzip.compress('hi')).toString(); // 'hi'
 */
export function decompress(data: BytesLike, options?: GzipDecompressOptions): Buffer {
  const { bytes, maxOutputLength } = decompressArgs(data, options, 'gzip.decompress');
  if (bytes.length === 0) return Buffer.alloc(0);
  return callSync(() => zlib.gunzipSync(bytes, { maxOutputLength: zlibOutputLimit(maxOutputLength) }), gzipError, maxOutputLength);
}

/** {@link decompress} on the libuv thread pool. */
export async function decompressAsync(data: BytesLike, options?: GzipDecompressOptions): Promise<Buffer> {
  const { bytes, maxOutputLength } = decompressArgs(data, options, 'gzip.decompressAsync');
  if (bytes.length === 0) return Buffer.alloc(0);
  return callAsync((cb) => zlib.gunzip(bytes, { maxOutputLength: zlibOutputLimit(maxOutputLength) }, cb), gzipError, maxOutputLength);
}

/**
 * A Transform that gzips what is written to it (header MTIME 0, so output is reproducible).
 * @example
 * await pipeline(createReadStream('log'), gzip.createCompressStream(), createWriteStream('log.gz'));
 */
export function createCompressStream(options?: GzipStreamOptions): Transform {
  const o = checkOptions(options, ['level'], 'gzip.createCompressStream');
  const level = intOption(o.level, 'level', 0, 9, COMPRESSION_LEVEL_DEFAULT, 'gzip.createCompressStream');
  return typedErrors(zlib.createGzip({ level }), gzipError);
}

/** A Transform that gunzips (all members); truncated or corrupt input fails the stream with GzipError/BadGzipFile. */
export function createDecompressStream(): Transform {
  return typedErrors(zlib.createGunzip(), gzipError);
}

export interface GzipOpenOptions {
  /** Writing only: 0 … 9; default {@link COMPRESSION_LEVEL_DEFAULT}. */
  level?: number;
}

/**
 * Opens a .gz file (Python's `gzip.open`): mode 'r'/'rb' to read, 'w'/'wb', 'a'/'ab' (appends a member)
 * or 'x'/'xb' (must not exist) to write.
 * @example
 * await using f = await gzip.open('data.gz', 'w');
 * await f.write(bytes);
 */
export async function open(path: PathLike, mode: string = 'rb', options?: GzipOpenOptions): Promise<CompressedFile> {
  const o = checkOptions(options, ['level'], 'gzip.open');
  if (o.level !== undefined && mode.startsWith('r')) throw new InvalidArgumentError("gzip.open: 'level' applies only when writing");
  return CompressedFile.open('gzip', path, mode, (reading) => (reading ? createDecompressStream() : createCompressStream(o)), gzipError);
}
