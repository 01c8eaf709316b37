// The codec registry behind ts314/compression: each codec module under one interface, plus name lookup.
import type { Transform } from 'node:stream';
import type { PathLike } from 'node:fs';
import { closestMatch, didYouMean } from '../internal/did-you-mean.js';
import type { CodecName } from './core/errors.js';
import type { CompressedFile } from './core/file.js';
import { UnknownCodecError } from './errors.js';
import * as gzip from './gzip/index.js';
import * as zlib from './zlib/index.js';
import * as bz2 from './bz2/index.js';
import * as lzma from './lzma/index.js';
import * as brotli from './brotli/index.js';
import * as zstd from './zstd/index.js';

/** What every codec module offers, seen through loose option bags (each module types its own). */
export interface CodecModule {
  compress(data: Uint8Array, options?: object): Buffer;
  decompress(data: Uint8Array, options?: object): Buffer;
  compressAsync(data: Uint8Array, options?: object): Promise<Buffer>;
  decompressAsync(data: Uint8Array, options?: object): Promise<Buffer>;
  createCompressStream(options?: object): Transform;
  createDecompressStream(options?: object): Transform;
  open(path: PathLike, mode?: string, options?: object): Promise<CompressedFile>;
}

/** Every codec, in the order `available()` lists them. */
export const CODECS: readonly CodecName[] = ['zstd', 'gzip', 'zlib', 'bz2', 'lzma', 'brotli'];

/** Other names people use for the same codecs (file extensions, CLI and library names). */
/** Another name for a codec that `compress()` and friends accept: a file extension, CLI or library name. */
export type CodecAlias = 'zst' | 'zstandard' | 'gz' | 'deflate' | 'bzip2' | 'xz' | 'br';

export const CODEC_ALIASES: Readonly<Record<CodecAlias, CodecName>> = {
  zst: 'zstd',
  zstandard: 'zstd',
  gz: 'gzip',
  deflate: 'zlib',
  bzip2: 'bz2',
  xz: 'lzma',
  br: 'brotli',
};

/** The option each codec calls its compression level, for the package-wide `level`. */
export const LEVEL_OPTION: Readonly<Record<CodecName, string>> = {
  zstd: 'level',
  gzip: 'level',
  zlib: 'level',
  bz2: 'level',
  lzma: 'preset',
  brotli: 'quality',
};

export const MODULES: Readonly<Record<CodecName, CodecModule | undefined>> = {
  zstd: zstd as CodecModule,
  gzip: gzip as CodecModule,
  zlib: zlib as CodecModule,
  bz2: bz2 as CodecModule,
  lzma: lzma as CodecModule,
  brotli: brotli as CodecModule,
};

/** A codec name or alias → the canonical name; anything else is UnknownCodecError with a suggestion. */
export function resolveCodec(name: unknown, where: string): CodecName {
  if (typeof name === 'string') {
    if ((CODECS as readonly string[]).includes(name)) return name as CodecName;
    const alias = (CODEC_ALIASES as Readonly<Record<string, CodecName>>)[name.toLowerCase()];
    if (alias) return alias;
    if ((CODECS as readonly string[]).includes(name.toLowerCase())) return name.toLowerCase() as CodecName;
  }
  const text = typeof name === 'string' ? `'${name}'` : String(name);
  const names = [...CODECS, ...Object.keys(CODEC_ALIASES)];
  const hint = typeof name === 'string' ? didYouMean(name, names) : '';
  const suggestion = typeof name === 'string' ? closestMatch(name, names) : undefined;
  const aliasOf = suggestion === undefined ? undefined : (CODEC_ALIASES as Readonly<Record<string, CodecName>>)[suggestion];
  const tail = hint && aliasOf ? ` (an alias of '${aliasOf}')` : '';
  throw new UnknownCodecError(`${where}: unknown codec ${text}.${hint}${tail} Known codecs: ${CODECS.join(', ')}.`, {
    codecName: String(name),
  });
}
