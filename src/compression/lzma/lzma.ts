// xz / legacy lzma / raw LZMA in the shape of Python's lzma module: one-shot, async, incremental, streams, files.
import { InvalidArgumentError, InvalidValueError } from '../../internal/errors.js';
import type { Transform } from 'node:stream';
import type { PathLike } from 'node:fs';
import { toBytes, type BytesLike } from '../core/bytes.js';
import { resolveMaxOutputLength } from '../core/limits.js';
import { checkOptions } from '../core/options.js';
import { CompressedFile } from '../core/file.js';
import type { NativeHandle } from '../core/native.js';
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
import { LZMA_SPEC, lzmaAddon } from './backend.js';
import { lzmaError } from './errors.js';
import { isLzmaAlone, isXz } from '../core/magic.js';
import { packFilters, type LzmaFilter } from './filters.js';
import {
  CHECK_CRC64,
  CHECK_NONE,
  CHECK_ID_MAX,
  FORMAT_ALONE,
  FORMAT_AUTO,
  FORMAT_RAW,
  FORMAT_XZ,
  PRESET_DEFAULT,
  PRESET_EXTREME,
  type LzmaFormat,
} from './constants.js';

export interface LzmaCompressOptions {
  /** FORMAT_XZ (default), FORMAT_ALONE or FORMAT_RAW. */
  format?: LzmaFormat;
  /** Integrity check for FORMAT_XZ: CHECK_NONE/CRC32/CRC64 (default)/SHA256; -1 means the default. */
  check?: number;
  /** 0 … 9, optionally `| PRESET_EXTREME`; default PRESET_DEFAULT (6). Not with `filters`. */
  preset?: number;
  /** A custom filter chain instead of a preset (required for FORMAT_RAW). */
  filters?: readonly LzmaFilter[];
}

export interface LzmaDecompressOptions {
  /** FORMAT_AUTO (default: .xz or .lzma), FORMAT_XZ, FORMAT_ALONE or FORMAT_RAW. */
  format?: LzmaFormat;
  /** Most memory the decoder may use, in bytes (FORMAT_RAW excepted); exceeding it is LZMAError ERR_MEMORY_LIMIT. */
  memlimit?: number;
  /** The chain the data was written with (FORMAT_RAW only). */
  filters?: readonly LzmaFilter[];
  /** Largest decompressed size accepted (bytes, or Infinity); default DEFAULT_MAX_OUTPUT_LENGTH (1 GiB). */
  maxOutputLength?: number;
}

const COMPRESS_KEYS = ['format', 'check', 'preset', 'filters'] as const;
const DECOMPRESS_KEYS = ['format', 'memlimit', 'filters', 'maxOutputLength'] as const;

function encoderFactory(options: LzmaCompressOptions | undefined, where: string): () => NativeHandle {
  const o = checkOptions(options, COMPRESS_KEYS, where);
  const format = o.format ?? FORMAT_XZ;
  if (format !== FORMAT_XZ && format !== FORMAT_ALONE && format !== FORMAT_RAW) {
    throw new InvalidValueError(`${where}: format must be FORMAT_XZ, FORMAT_ALONE or FORMAT_RAW, got ${String(format)}`);
  }
  let check = o.check ?? -1;
  if (!Number.isInteger(check) || check < -1 || check > CHECK_ID_MAX)
    throw new InvalidValueError(`${where}: invalid check ${String(check)}`);
  if (format !== FORMAT_XZ && check !== -1 && check !== CHECK_NONE) {
    throw new InvalidValueError(`${where}: integrity checks are only supported by FORMAT_XZ`);
  }
  if (check === -1) check = format === FORMAT_XZ ? CHECK_CRC64 : CHECK_NONE;
  if (o.preset !== undefined && o.filters !== undefined) throw new InvalidArgumentError(`${where}: cannot specify both preset and filters`);
  const preset = o.preset ?? PRESET_DEFAULT;
  const level = preset & ~PRESET_EXTREME;
  if (!Number.isInteger(preset) || level < 0 || level > 9)
    throw new InvalidValueError(`${where}: preset must be 0 … 9 (optionally | PRESET_EXTREME), got ${String(preset)}`);
  if (format === FORMAT_RAW && o.filters === undefined) throw new InvalidArgumentError(`${where}: FORMAT_RAW needs a filters chain`);
  const filters = o.filters === undefined ? null : packFilters(o.filters, where);
  const addon = lzmaAddon();
  const createPreset = preset >>> 0;
  return () => addon.createEncoder(format, check, createPreset, filters);
}

function decoderFactory(
  options: LzmaDecompressOptions | undefined,
  where: string,
  withLimit: boolean,
): { make: () => NativeHandle; max: number; format: number } {
  const o = checkOptions(options, withLimit ? DECOMPRESS_KEYS : DECOMPRESS_KEYS.filter((k) => k !== 'maxOutputLength'), where);
  const format = o.format ?? FORMAT_AUTO;
  if (![FORMAT_AUTO, FORMAT_XZ, FORMAT_ALONE, FORMAT_RAW].includes(format)) {
    throw new InvalidValueError(`${where}: format must be FORMAT_AUTO, FORMAT_XZ, FORMAT_ALONE or FORMAT_RAW, got ${String(format)}`);
  }
  if (o.memlimit !== undefined && format === FORMAT_RAW)
    throw new InvalidArgumentError(`${where}: cannot specify memlimit with FORMAT_RAW`);
  if (o.memlimit !== undefined && (!Number.isInteger(o.memlimit) || o.memlimit < 1))
    throw new InvalidValueError(`${where}: memlimit must be a positive integer of bytes`);
  if (format === FORMAT_RAW && o.filters === undefined) throw new InvalidArgumentError(`${where}: FORMAT_RAW needs a filters chain`);
  if (format !== FORMAT_RAW && o.filters !== undefined)
    throw new InvalidArgumentError(`${where}: cannot specify filters except with FORMAT_RAW`);
  const filters = o.filters === undefined ? null : packFilters(o.filters, where);
  const memlimit = o.memlimit ?? -1;
  const addon = lzmaAddon();
  return { make: () => addon.createDecoder(format, memlimit, filters), max: resolveMaxOutputLength(o.maxOutputLength, where), format };
}

/**
 * liblzma's auto decoder treats anything without the xz magic as .lzma and may then only report
 * "truncated"; like the xz CLI, refuse input that has neither the magic nor a plausible .lzma header.
 */
function checkAutoFormat(format: number, bytes: Uint8Array): void {
  if (format === FORMAT_AUTO && bytes.length > 0 && !isXz(bytes) && !isLzmaAlone(bytes)) {
    throw lzmaError('input format not recognised: not .xz (magic FD 37 7A 58 5A 00) and not a valid .lzma header', 'ERR_FORMAT');
  }
}

/**
 * Compresses `data` (Python's `lzma.compress`): an .xz stream by default.
 * @example
 * lzma.compress(bytes, { preset: 9 | PRESET_EXTREME });
 * lzma.compress(bytes, { format: FORMAT_ALONE }); // what `xz --format=lzma` writes
 */
export function compress(data: BytesLike, options?: LzmaCompressOptions): Buffer {
  const make = encoderFactory(options, 'lzma.compress');
  return encodeAllSync(LZMA_SPEC, toBytes(data, 'lzma.compress'), make());
}

/** {@link compress} on the libuv thread pool. */
export function compressAsync(data: BytesLike, options?: LzmaCompressOptions): Promise<Buffer> {
  try {
    const make = encoderFactory(options, 'lzma.compressAsync');
    return encodeAllAsync(LZMA_SPEC, toBytes(data, 'lzma.compressAsync'), make());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Decompresses .xz (concatenated streams too) or .lzma data (Python's `lzma.decompress`). Truncated input:
 * LZMAError ERR_TRUNCATED; damaged: ERR_CORRUPT; not xz/lzma: ERR_FORMAT; too much output: ERR_OUTPUT_LIMIT.
 * @example
 * lzma.decompress(lzma.compress('hi')).toString(); // 'hi'
 */
export function decompress(data: BytesLike, options?: LzmaDecompressOptions): Buffer {
  const { make, max, format } = decoderFactory(options, 'lzma.decompress', true);
  const bytes = toBytes(data, 'lzma.decompress');
  checkAutoFormat(format, bytes);
  return decodeAllSync(LZMA_SPEC, bytes, make, max);
}

/** {@link decompress} on the libuv thread pool. */
export function decompressAsync(data: BytesLike, options?: LzmaDecompressOptions): Promise<Buffer> {
  try {
    const { make, max, format } = decoderFactory(options, 'lzma.decompressAsync', true);
    const bytes = toBytes(data, 'lzma.decompressAsync');
    checkAutoFormat(format, bytes);
    return decodeAllAsync(LZMA_SPEC, bytes, make, max);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Whether this liblzma build supports `check` (Python's `lzma.is_check_supported`). */
export function isCheckSupported(check: number): boolean {
  return lzmaAddon().isCheckSupported(check);
}

/**
 * Python's `lzma.LZMACompressor`: feed with `compress()`, finish with `flush()`.
 * @example
 * const c = new LZMACompressor({ preset: 1 });
 * const xz = Buffer.concat([c.compress(a), c.compress(b), c.flush()]);
 */
export class LZMACompressor extends NativeCompressor {
  constructor(options?: LzmaCompressOptions) {
    super(LZMA_SPEC, encoderFactory(options, 'LZMACompressor')());
  }
}

/**
 * Python's `lzma.LZMADecompressor`: one stream; `decompress(data, maxLength)`, `eof`, `needsInput`, `unusedData`.
 * @example
 * const d = new LZMADecompressor();
 * const part = d.decompress(chunk);
 */
export class LZMADecompressor extends NativeDecompressor {
  constructor(options?: Omit<LzmaDecompressOptions, 'maxOutputLength'>) {
    super(LZMA_SPEC, decoderFactory(options, 'LZMADecompressor', false).make());
  }
}

/** An xz-compressing Transform; each chunk is compressed on the libuv thread pool. */
export function createCompressStream(options?: LzmaCompressOptions): Transform {
  return createEncodeStream(LZMA_SPEC, encoderFactory(options, 'lzma.createCompressStream'));
}

/** A decompressing Transform (.xz, concatenated streams, or .lzma); truncated input fails it (ERR_TRUNCATED). */
export function createDecompressStream(options?: Omit<LzmaDecompressOptions, 'maxOutputLength'>): Transform {
  return createDecodeStream(LZMA_SPEC, decoderFactory(options, 'lzma.createDecompressStream', false).make);
}

/**
 * Opens an .xz/.lzma file (Python's `lzma.open`): 'r'/'rb', 'w'/'wb', 'a'/'ab' (appends a stream), 'x'/'xb'.
 * Reading takes the decompress options (format, memlimit, filters), writing the compress ones.
 * @example
 * await using f = await lzma.open('backup.xz', 'w', { preset: 9 });
 * await f.write(bytes);
 */
export async function open(
  path: PathLike,
  mode: string = 'rb',
  options?: LzmaCompressOptions & Omit<LzmaDecompressOptions, 'maxOutputLength'>,
): Promise<CompressedFile> {
  const reading = typeof mode === 'string' && mode.startsWith('r');
  const o = checkOptions(options, ['format', 'check', 'preset', 'filters', 'memlimit'], 'lzma.open');
  if (reading && (o.check !== undefined || o.preset !== undefined))
    throw new InvalidArgumentError("lzma.open: 'check' and 'preset' apply only when writing");
  if (!reading && o.memlimit !== undefined) throw new InvalidArgumentError("lzma.open: 'memlimit' applies only when reading");
  const { memlimit, check, preset, ...shared } = o;
  return CompressedFile.open(
    'lzma',
    path,
    mode,
    (r) =>
      r
        ? createDecompressStream({ ...shared, ...(memlimit === undefined ? {} : { memlimit }) })
        : createCompressStream({ ...shared, ...(check === undefined ? {} : { check }), ...(preset === undefined ? {} : { preset }) }),
    lzmaError,
  );
}
