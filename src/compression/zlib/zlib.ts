// zlib/deflate (RFC 1950/1951) through node:zlib, in the shape of Python's zlib module, with `wbits` choosing the container.
import { InvalidArgumentError, InvalidValueError } from '../../internal/errors.js';
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import type { PathLike } from 'node:fs';
import { toBytes, type BytesLike } from '../core/bytes.js';
import { resolveMaxOutputLength } from '../core/limits.js';
import { checkOptions, intOption } from '../core/options.js';
import { callAsync, callSync, typedErrors, zlibOutputLimit } from '../core/node-zlib.js';
import { CompressedFile } from '../core/file.js';
import { zlibError } from './errors.js';

/** Python's `zlib.Z_DEFAULT_COMPRESSION` (-1, which zlib maps to level 6). */
export const Z_DEFAULT_COMPRESSION = -1;
/** Python's `zlib.MAX_WBITS`: the largest window, and the default `wbits`. */
export const MAX_WBITS = 15;
export const Z_BEST_SPEED = 1;
export const Z_BEST_COMPRESSION = 9;

export interface ZlibCompressOptions {
  /** -1 (default, = 6) or 0 … 9. */
  level?: number;
  /** Python's wbits: 9…15 zlib container, -9…-15 raw deflate, 25…31 gzip container. Default 15. */
  wbits?: number;
}

export interface ZlibDecompressOptions {
  /** 8…15 (or 0) zlib container, -8…-15 raw deflate, 24…31 gzip, 40…47 zlib or gzip auto-detected. Default 15. */
  wbits?: number;
  /** Largest decompressed size accepted (bytes, or Infinity); default DEFAULT_MAX_OUTPUT_LENGTH (1 GiB). */
  maxOutputLength?: number;
}

type Container = 'zlib' | 'raw' | 'gzip' | 'auto';

function compressContainer(wbits: number, where: string): { container: Container; windowBits: number } {
  if (wbits >= 9 && wbits <= 15) return { container: 'zlib', windowBits: wbits };
  if (wbits <= -9 && wbits >= -15) return { container: 'raw', windowBits: -wbits };
  if (wbits >= 25 && wbits <= 31) return { container: 'gzip', windowBits: wbits - 16 };
  throw new InvalidValueError(`${where}: invalid wbits ${wbits}; use 9…15 (zlib), -9…-15 (raw deflate) or 25…31 (gzip)`);
}

function decompressContainer(wbits: number, where: string): { container: Container; windowBits: number } {
  if (wbits === 0) return { container: 'zlib', windowBits: 15 };
  if (wbits >= 8 && wbits <= 15) return { container: 'zlib', windowBits: Math.max(wbits, 9) };
  if (wbits <= -8 && wbits >= -15) return { container: 'raw', windowBits: Math.max(-wbits, 9) };
  if (wbits >= 24 && wbits <= 31) return { container: 'gzip', windowBits: Math.max(wbits - 16, 9) };
  if (wbits >= 40 && wbits <= 47) return { container: 'auto', windowBits: Math.max(wbits - 32, 9) };
  throw new InvalidValueError(`${where}: invalid wbits ${wbits}; use 8…15 or 0 (zlib), -8…-15 (raw), 24…31 (gzip) or 40…47 (auto)`);
}

function compressArgs(data: BytesLike, options: ZlibCompressOptions | undefined, where: string) {
  const o = checkOptions(options, ['level', 'wbits'], where);
  const level = intOption(o.level, 'level', -1, 9, Z_DEFAULT_COMPRESSION, where);
  const wbits = intOption(o.wbits, 'wbits', -15, 31, MAX_WBITS, where);
  return { bytes: toBytes(data, where), level, ...compressContainer(wbits, where) };
}

function decompressArgs(data: BytesLike, options: ZlibDecompressOptions | undefined, where: string) {
  const o = checkOptions(options, ['wbits', 'maxOutputLength'], where);
  const wbits = intOption(o.wbits, 'wbits', -15, 47, MAX_WBITS, where);
  return {
    bytes: toBytes(data, where),
    maxOutputLength: resolveMaxOutputLength(o.maxOutputLength, where),
    ...decompressContainer(wbits, where),
  };
}

const COMPRESS_SYNC = { zlib: zlib.deflateSync, raw: zlib.deflateRawSync, gzip: zlib.gzipSync, auto: zlib.deflateSync };
const COMPRESS_ASYNC = { zlib: zlib.deflate, raw: zlib.deflateRaw, gzip: zlib.gzip, auto: zlib.deflate };
const DECOMPRESS_SYNC = { zlib: zlib.inflateSync, raw: zlib.inflateRawSync, gzip: zlib.gunzipSync, auto: zlib.unzipSync };
const DECOMPRESS_ASYNC = { zlib: zlib.inflate, raw: zlib.inflateRaw, gzip: zlib.gunzip, auto: zlib.unzip };

/**
 * Compresses `data` (Python's `zlib.compress`): a zlib stream by default, raw deflate or gzip by `wbits`.
 * @example
 * zlib.compress('hello', { level: 9 });
 */
export function compress(data: BytesLike, options?: ZlibCompressOptions): Buffer {
  const { bytes, level, container, windowBits } = compressArgs(data, options, 'zlib.compress');
  return callSync(() => COMPRESS_SYNC[container](bytes, { level, windowBits }), zlibError);
}

/** {@link compress} on the libuv thread pool. */
export function compressAsync(data: BytesLike, options?: ZlibCompressOptions): Promise<Buffer> {
  const { bytes, level, container, windowBits } = compressArgs(data, options, 'zlib.compressAsync');
  return callAsync((cb) => COMPRESS_ASYNC[container](bytes, { level, windowBits }, cb), zlibError);
}

/**
 * Decompresses `data` (Python's `zlib.decompress`). Truncated input: ZlibError code ERR_TRUNCATED (Python:
 * "incomplete or truncated stream"); output over `maxOutputLength`: ERR_OUTPUT_LIMIT.
 * @example
 * zlib.decompress(zlib.compress('hi')).toString(); // 'hi'
 */
export function decompress(data: BytesLike, options?: ZlibDecompressOptions): Buffer {
  const { bytes, maxOutputLength, container, windowBits } = decompressArgs(data, options, 'zlib.decompress');
  return callSync(
    () => DECOMPRESS_SYNC[container](bytes, { maxOutputLength: zlibOutputLimit(maxOutputLength), windowBits }),
    zlibError,
    maxOutputLength,
  );
}

/** {@link decompress} on the libuv thread pool. */
export function decompressAsync(data: BytesLike, options?: ZlibDecompressOptions): Promise<Buffer> {
  const { bytes, maxOutputLength, container, windowBits } = decompressArgs(data, options, 'zlib.decompressAsync');
  return callAsync(
    (cb) => DECOMPRESS_ASYNC[container](bytes, { maxOutputLength: zlibOutputLimit(maxOutputLength), windowBits }, cb),
    zlibError,
    maxOutputLength,
  );
}

const STREAM_COMPRESS = { zlib: zlib.createDeflate, raw: zlib.createDeflateRaw, gzip: zlib.createGzip, auto: zlib.createDeflate };
const STREAM_DECOMPRESS = { zlib: zlib.createInflate, raw: zlib.createInflateRaw, gzip: zlib.createGunzip, auto: zlib.createUnzip };

/** A compressing Transform (Python's `zlib.compressobj` as a Node stream). */
export function createCompressStream(options?: ZlibCompressOptions): Transform {
  const o = checkOptions(options, ['level', 'wbits'], 'zlib.createCompressStream');
  const level = intOption(o.level, 'level', -1, 9, Z_DEFAULT_COMPRESSION, 'zlib.createCompressStream');
  const { container, windowBits } = compressContainer(
    intOption(o.wbits, 'wbits', -15, 31, MAX_WBITS, 'zlib.createCompressStream'),
    'zlib.createCompressStream',
  );
  return typedErrors(STREAM_COMPRESS[container]({ level, windowBits }), zlibError);
}

/** A decompressing Transform (Python's `zlib.decompressobj` as a Node stream); truncated input fails it. */
export function createDecompressStream(options?: Pick<ZlibDecompressOptions, 'wbits'>): Transform {
  const o = checkOptions(options, ['wbits'], 'zlib.createDecompressStream');
  const { container, windowBits } = decompressContainer(
    intOption(o.wbits, 'wbits', -15, 47, MAX_WBITS, 'zlib.createDecompressStream'),
    'zlib.createDecompressStream',
  );
  return typedErrors(STREAM_DECOMPRESS[container]({ windowBits }), zlibError);
}

/**
 * Opens a file holding one zlib stream (ts314 addition: Python's zlib has no `open`).
 * @example
 * await using f = await zlib.open('blob.zz', 'w');
 */
export async function open(path: PathLike, mode: string = 'rb', options?: ZlibCompressOptions): Promise<CompressedFile> {
  const o = checkOptions(options, ['level', 'wbits'], 'zlib.open');
  if (o.level !== undefined && mode.startsWith('r')) throw new InvalidArgumentError("zlib.open: 'level' applies only when writing");
  return CompressedFile.open(
    'zlib',
    path,
    mode,
    (reading) => (reading ? createDecompressStream(o.wbits === undefined ? undefined : { wbits: o.wbits }) : createCompressStream(o)),
    zlibError,
  );
}
