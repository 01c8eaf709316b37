// The package-level codec-agnostic API: compress with a named codec, decompress by detecting it.
import { InvalidArgumentError } from '../internal/errors.js';
import type { Transform } from 'node:stream';
import { toBytes, type BytesLike } from './core/bytes.js';
import { CompressionError, type CodecName } from './core/errors.js';
import { detectCodec } from './core/magic.js';
import { LEVEL_OPTION, MODULES, resolveCodec, type CodecAlias, type CodecModule } from './codecs.js';
import { UnrecognizedFormatError } from './errors.js';
import { checkOptionKeys } from '../internal/validate.js';

/**
 * Options of the package-level `compress`: `level` is translated to the codec's own knob (lzma
 * `preset`, brotli `quality`); any other key is passed to the codec untouched and checked there.
 */
export interface CompressOptions {
  level?: number;
  [codecOption: string]: unknown;
}

/** Options of the package-level `decompress`. */
export interface DecompressOptions {
  /** Skip detection and use this codec: required for brotli, whose streams carry no signature. */
  codec?: CodecName | CodecAlias;
  /** Largest decompressed size accepted; default DEFAULT_MAX_OUTPUT_LENGTH (1 GiB). */
  maxOutputLength?: number;
}

export function moduleFor(codec: CodecName): CodecModule {
  const mod = MODULES[codec];
  if (!mod) throw new CompressionError(`${codec} is not available in this build of ts314`, { codec, code: 'ERR_UNAVAILABLE' });
  return mod;
}

function codecOptions(codec: CodecName, options: CompressOptions | undefined): object | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError(`compress: options must be an object, got ${typeof options}`);
  const { level, ...rest } = options;
  return level === undefined ? rest : { ...rest, [LEVEL_OPTION[codec]]: level };
}

/**
 * Compresses `data` with the named codec (or alias: 'xz', 'bzip2', 'gz', 'br', 'zst', 'deflate').
 * @example
 * import { compress, decompress } from 'ts314/compression';
 * const packed = compress(json, 'zstd', { level: 3 });
 * decompress(packed); // detected as zstd
 */
export function compress(data: BytesLike, codec: CodecName | CodecAlias, options?: CompressOptions): Buffer {
  const name = resolveCodec(codec, 'compress');
  return moduleFor(name).compress(toBytes(data, 'compress'), codecOptions(name, options));
}

/** {@link compress} off the main thread where the codec supports it (zstd runs inline). */
export async function compressAsync(data: BytesLike, codec: CodecName | CodecAlias, options?: CompressOptions): Promise<Buffer> {
  const name = resolveCodec(codec, 'compressAsync');
  return moduleFor(name).compressAsync(toBytes(data, 'compressAsync'), codecOptions(name, options));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function pickCodec(bytes: Uint8Array, options: DecompressOptions | undefined, where: string): CodecName {
  checkOptionKeys(options, ['codec', 'maxOutputLength'], where);
  if (options?.codec !== undefined) return resolveCodec(options.codec, where);
  const found = detectCodec(bytes);
  if (found) return found;
  throw new UnrecognizedFormatError(
    `${where}: cannot tell the codec of this data (${bytes.length} bytes, starting ${bytes.length ? hex(bytes) : '(empty)'}): ` +
      'no zstd, gzip, bz2, xz, lzma or zlib signature. Brotli has no signature: pass { codec: "brotli" }.',
  );
}

function decodeOptions(options: DecompressOptions | undefined): object | undefined {
  return options?.maxOutputLength === undefined ? undefined : { maxOutputLength: options.maxOutputLength };
}

/**
 * Decompresses `data`, detecting the codec from its magic bytes: zstd (incl. skippable frames), gzip,
 * bz2, xz, legacy .lzma and zlib. Raw brotli has no magic: pass `{ codec: 'brotli' }`. Undetectable
 * input throws UnrecognizedFormatError; damaged input the codec's own error.
 * @example
 * decompress(bytesFromDisk);                       // any detectable codec
 * decompress(brotliBody, { codec: 'brotli' });      // brotli must be named
 */
export function decompress(data: BytesLike, options?: DecompressOptions): Buffer {
  const bytes = toBytes(data, 'decompress');
  const codec = pickCodec(bytes, options, 'decompress');
  return moduleFor(codec).decompress(bytes, decodeOptions(options));
}

/** {@link decompress} off the main thread where the codec supports it (zstd runs inline). */
export async function decompressAsync(data: BytesLike, options?: DecompressOptions): Promise<Buffer> {
  const bytes = toBytes(data, 'decompressAsync');
  const codec = pickCodec(bytes, options, 'decompressAsync');
  return moduleFor(codec).decompressAsync(bytes, decodeOptions(options));
}

/** The codec `data` was compressed with, judged from its first bytes; undefined when unknown (and for brotli). */
export function detect(data: BytesLike): Exclude<CodecName, 'brotli'> | undefined {
  return detectCodec(toBytes(data, 'detect'));
}

/**
 * A compressing Transform for the named codec.
 * @example
 * await pipeline(source, createCompressStream('xz'), sink);
 */
export function createCompressStream(codec: CodecName | CodecAlias, options?: CompressOptions): Transform {
  const name = resolveCodec(codec, 'createCompressStream');
  return moduleFor(name).createCompressStream(codecOptions(name, options));
}

/** A decompressing Transform for the named codec (streams are not sniffed: name the codec). */
export function createDecompressStream(codec: CodecName | CodecAlias): Transform {
  return moduleFor(resolveCodec(codec, 'createDecompressStream')).createDecompressStream();
}
