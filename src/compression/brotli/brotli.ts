// Brotli (RFC 7932) through node:zlib, in the same shape as the other ts314 codecs.
import { InvalidArgumentError, InvalidValueError } from '../../internal/errors.js';
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import type { PathLike } from 'node:fs';
import { toBytes, type BytesLike } from '../core/bytes.js';
import { resolveMaxOutputLength } from '../core/limits.js';
import { checkOptions, intOption } from '../core/options.js';
import { callAsync, callSync, typedErrors, zlibOutputLimit } from '../core/node-zlib.js';
import { CompressedFile } from '../core/file.js';
import { didYouMean } from '../../internal/did-you-mean.js';
import { brotliError } from './errors.js';

/** Brotli's own default quality (11, the densest and slowest), as in the `brotli` Python package and node:zlib. */
export const QUALITY_DEFAULT = 11;

/** What the input is, a hint for the encoder (the Python package's MODE_GENERIC/MODE_TEXT/MODE_FONT). */
export type BrotliMode = 'generic' | 'text' | 'font';
const MODES: Record<BrotliMode, number> = {
  generic: zlib.constants.BROTLI_MODE_GENERIC,
  text: zlib.constants.BROTLI_MODE_TEXT,
  font: zlib.constants.BROTLI_MODE_FONT,
};

export interface BrotliCompressOptions {
  /** 0 … 11; default {@link QUALITY_DEFAULT}. */
  quality?: number;
  /** log2 of the window, 10 … 24 (default 22). */
  lgwin?: number;
  mode?: BrotliMode;
}

export interface BrotliDecompressOptions {
  /** Largest decompressed size accepted (bytes, or Infinity); default DEFAULT_MAX_OUTPUT_LENGTH (1 GiB). */
  maxOutputLength?: number;
}

const COMPRESS_KEYS = ['quality', 'lgwin', 'mode'] as const;

function encoderParams(options: BrotliCompressOptions | undefined, where: string, sizeHint?: number): zlib.BrotliOptions {
  const o = checkOptions(options, COMPRESS_KEYS, where);
  const params: Record<number, number> = {
    [zlib.constants.BROTLI_PARAM_QUALITY]: intOption(o.quality, 'quality', 0, 11, QUALITY_DEFAULT, where),
    [zlib.constants.BROTLI_PARAM_LGWIN]: intOption(o.lgwin, 'lgwin', 10, 24, 22, where),
  };
  if (o.mode !== undefined) {
    if (!(o.mode in MODES))
      throw new InvalidValueError(`${where}: unknown mode ${JSON.stringify(o.mode)}.${didYouMean(String(o.mode), Object.keys(MODES))}`);
    params[zlib.constants.BROTLI_PARAM_MODE] = MODES[o.mode];
  }
  if (sizeHint !== undefined) params[zlib.constants.BROTLI_PARAM_SIZE_HINT] = sizeHint;
  return { params };
}

/**
 * Compresses `data` into a brotli stream.
 * @example
 * brotli.compress(json, { quality: 5 });
 */
export function compress(data: BytesLike, options?: BrotliCompressOptions): Buffer {
  const bytes = toBytes(data, 'brotli.compress');
  const params = encoderParams(options, 'brotli.compress', bytes.length);
  return callSync(() => zlib.brotliCompressSync(bytes, params), brotliError);
}

/** {@link compress} on the libuv thread pool. */
export function compressAsync(data: BytesLike, options?: BrotliCompressOptions): Promise<Buffer> {
  const bytes = toBytes(data, 'brotli.compressAsync');
  const params = encoderParams(options, 'brotli.compressAsync', bytes.length);
  return callAsync((cb) => zlib.brotliCompress(bytes, params, cb), brotliError);
}

function decompressArgs(data: BytesLike, options: BrotliDecompressOptions | undefined, where: string) {
  const o = checkOptions(options, ['maxOutputLength'], where);
  return { bytes: toBytes(data, where), maxOutputLength: resolveMaxOutputLength(o.maxOutputLength, where) };
}

/**
 * Decompresses a brotli stream. Truncated input: BrotliError code ERR_TRUNCATED; invalid data: ERR_CORRUPT.
 * @example
 * brotli.decompress(brotli.compress('hi')).toString(); // 'hi'
 */
export function decompress(data: BytesLike, options?: BrotliDecompressOptions): Buffer {
  const { bytes, maxOutputLength } = decompressArgs(data, options, 'brotli.decompress');
  return callSync(
    () => zlib.brotliDecompressSync(bytes, { maxOutputLength: zlibOutputLimit(maxOutputLength) }),
    brotliError,
    maxOutputLength,
  );
}

/** {@link decompress} on the libuv thread pool. */
export function decompressAsync(data: BytesLike, options?: BrotliDecompressOptions): Promise<Buffer> {
  const { bytes, maxOutputLength } = decompressArgs(data, options, 'brotli.decompressAsync');
  return callAsync(
    (cb) => zlib.brotliDecompress(bytes, { maxOutputLength: zlibOutputLimit(maxOutputLength) }, cb),
    brotliError,
    maxOutputLength,
  );
}

/** A brotli-compressing Transform. */
export function createCompressStream(options?: BrotliCompressOptions): Transform {
  return typedErrors(zlib.createBrotliCompress(encoderParams(options, 'brotli.createCompressStream')), brotliError);
}

/** A brotli-decompressing Transform; truncated input fails it with BrotliError (ERR_TRUNCATED). */
export function createDecompressStream(): Transform {
  return typedErrors(zlib.createBrotliDecompress(), brotliError);
}

/**
 * Opens a .br file for reading ('r') or writing ('w', 'x'; 'a' appends a second stream, which
 * brotli readers — this one included — do not read back, so prefer 'w').
 * @example
 * await using f = await brotli.open('page.html.br', 'w', { quality: 9 });
 */
export async function open(path: PathLike, mode: string = 'rb', options?: BrotliCompressOptions): Promise<CompressedFile> {
  const o = checkOptions(options, COMPRESS_KEYS, 'brotli.open');
  if (Object.keys(o).length > 0 && mode.startsWith('r'))
    throw new InvalidArgumentError('brotli.open: compression options apply only when writing');
  return CompressedFile.open(
    'brotli',
    path,
    mode,
    (reading) => (reading ? createDecompressStream() : createCompressStream(o)),
    brotliError,
  );
}
