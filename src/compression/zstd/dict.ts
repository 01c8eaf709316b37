// Zstandard dictionaries: ZstdDict with its three load modes, and training/finalizing from samples (ZDICT).
import { InvalidArgumentError, InvalidValueError } from '../../internal/errors.js';
import { toBytes, type BytesLike } from '../core/bytes.js';
import { toZstdError } from './errors.js';
import { DictContentType, DictKind, zstdAddon, type DictSpec, type ZstdHandle } from './native.js';
import { COMPRESSION_LEVEL_DEFAULT } from './parameters.js';

/** How a ZstdDict is used: what Python's `(zd, tag)` tuples from `as_digested_dict` etc. carry. */
export interface ZstdDictUse {
  readonly dict: ZstdDict;
  readonly mode: 'digested' | 'undigested' | 'prefix';
}

/**
 * A Zstandard dictionary (Python's `ZstdDict`): trained content with a `dictId`, or raw content
 * (`isRaw: true`, `dictId` 0) used as shared history. Pass it as `zstdDict`, or choose the load mode
 * with `asDigestedDict` (fastest for many small inputs; overrides window/hash parameters),
 * `asUndigestedDict` (keeps your parameters) or `asPrefix` (one frame; the decompressor needs the same prefix).
 * @example
 * const zd = trainDict(samples, 16 * 1024);
 * const frame = compress(record, { zstdDict: zd.asDigestedDict });
 * decompress(frame, { zstdDict: zd });
 */
export class ZstdDict {
  /** The dictionary bytes, as given (a copy, so later changes to the caller's buffer cannot corrupt it). */
  readonly dictContent: Buffer;
  /** The dictionary ID stored in its header; 0 when the content has no dictionary header. */
  readonly dictId: number;
  readonly #cdicts = new Map<number, ZstdHandle>();
  #ddict: ZstdHandle | undefined;

  constructor(dictContent: BytesLike, options: { readonly isRaw?: boolean } = {}) {
    const bytes = toBytes(dictContent, 'ZstdDict');
    if (bytes.byteLength < 8) {
      throw new InvalidValueError(
        `ZstdDict: Zstandard dictionary content too short (must have at least eight bytes), got ${bytes.byteLength}`,
      );
    }
    this.dictContent = Buffer.from(bytes);
    // As in CPython, isRaw only skips the header check: the id is read from the content either way, and
    // libzstd decides how to load it (ZSTD_dct_auto), so raw-flagged content that has a header is a full dictionary.
    const id = zstdAddon().dictId(this.dictContent);
    if (options.isRaw !== true && id === 0) {
      throw new InvalidValueError(
        'ZstdDict: invalid Zstandard dictionary (it has no dictionary header). Pass { isRaw: true } to use the bytes as raw content.',
      );
    }
    this.dictId = id;
  }

  /** The dictionary content size in bytes (Python's `len(zd)`). */
  get size(): number {
    return this.dictContent.byteLength;
  }

  /**
   * Load as a digested dictionary when compressing: built once per compression level and cached, so
   * reusing it is fast; its own parameters (window, hash sizes) may override the compressor's. For
   * decompression a dictionary is always digested, so this is the same as passing the ZstdDict.
   */
  get asDigestedDict(): ZstdDictUse {
    return { dict: this, mode: 'digested' };
  }

  /**
   * Load undigested when compressing (the default for a bare ZstdDict): loaded on each use, which costs
   * more, and leaves the compressor's parameters alone. For decompression it loads the content afresh.
   */
  get asUndigestedDict(): ZstdDictUse {
    return { dict: this, mode: 'undigested' };
  }

  /**
   * Use the content as a raw prefix (ZSTD_CCtx_refPrefix / ZSTD_DCtx_refPrefix): shared history for one
   * frame, whatever the content's header says. The frame records no dictionary ID, and the decompressor
   * must be given the same prefix. Frames are interchangeable with CPython's `zstd_dict=zd.as_prefix`.
   */
  get asPrefix(): ZstdDictUse {
    return { dict: this, mode: 'prefix' };
  }

  toString(): string {
    return `<ZstdDict dict_id=${this.dictId} dict_size=${this.size}>`;
  }

  /** @internal How the compressor attaches this dictionary. */
  compressionSpec(mode: ZstdDictUse['mode'], level: number): DictSpec {
    if (mode === 'digested') {
      let handle = this.#cdicts.get(level);
      if (!handle) {
        handle = zstdAddon().createCDict(this.dictContent, DictContentType.Auto, level);
        this.#cdicts.set(level, handle);
      }
      return { kind: DictKind.Digested, arg: handle, type: DictContentType.Auto };
    }
    return this.#contentSpec(mode);
  }

  /** @internal How the decompressor attaches this dictionary. */
  decompressionSpec(mode: ZstdDictUse['mode']): DictSpec {
    if (mode === 'digested') {
      this.#ddict ??= zstdAddon().createDDict(this.dictContent, DictContentType.Auto);
      return { kind: DictKind.Digested, arg: this.#ddict, type: DictContentType.Auto };
    }
    return this.#contentSpec(mode);
  }

  // A prefix is always raw content, as CPython's refPrefix: the frame must not name a dictionary.
  #contentSpec(mode: 'undigested' | 'prefix'): DictSpec {
    return mode === 'prefix'
      ? { kind: DictKind.Prefix, arg: this.dictContent, type: DictContentType.Raw }
      : { kind: DictKind.Undigested, arg: this.dictContent, type: DictContentType.Auto };
  }
}

function concatSamples(samples: Iterable<BytesLike>, where: string): { data: Buffer; sizes: Float64Array } {
  if (samples === null || typeof (samples as Iterable<unknown>)?.[Symbol.iterator] !== 'function' || typeof samples === 'string') {
    throw new InvalidArgumentError(`${where}: samples must be an iterable of byte buffers`);
  }
  const parts: Uint8Array[] = [];
  for (const sample of samples) parts.push(toBytes(sample, `${where} sample`));
  const data = Buffer.concat(parts);
  if (data.byteLength === 0) {
    throw new InvalidValueError(`${where}: the samples are empty content, a dictionary cannot be trained from them`);
  }
  return { data, sizes: Float64Array.from(parts, (p) => p.byteLength) };
}

function checkDictSize(dictSize: unknown, where: string): number {
  if (typeof dictSize !== 'number' || !Number.isInteger(dictSize)) {
    throw new InvalidArgumentError(`${where}: dictSize must be an integer number of bytes, got ${String(dictSize)}`);
  }
  if (dictSize <= 0) throw new InvalidValueError(`${where}: dictSize argument should be positive number. Got ${dictSize}`);
  return dictSize;
}

/**
 * Trains a dictionary of at most `dictSize` bytes from sample inputs (ZDICT_trainFromBuffer), for
 * compressing many small, similar payloads. Needs a reasonable number of samples (hundreds) and
 * total sample bytes of ~100× the dictionary size; otherwise libzstd reports a ZstdError.
 * @example
 * const zd = trainDict(records.map((r) => Buffer.from(JSON.stringify(r))), 8192);
 */
export function trainDict(samples: Iterable<BytesLike>, dictSize: number): ZstdDict {
  const size = checkDictSize(dictSize, 'trainDict');
  const { data, sizes } = concatSamples(samples, 'trainDict');
  let content: Buffer;
  try {
    content = zstdAddon().trainDict(data, sizes, size);
  } catch (error) {
    throw toZstdError(error, 'Unable to train the Zstandard dictionary');
  }
  return new ZstdDict(content);
}

/**
 * Turns custom content (e.g. hand-picked common strings, or a raw dictionary) into a full dictionary
 * with entropy tables tuned on `samples` for `level` (ZDICT_finalizeDictionary).
 * @example
 * const zd = finalizeDict(new ZstdDict(common, { isRaw: true }), samples, 16384, 3);
 */
export function finalizeDict(
  zstdDict: ZstdDict,
  samples: Iterable<BytesLike>,
  dictSize: number,
  level: number = COMPRESSION_LEVEL_DEFAULT,
): ZstdDict {
  if (!(zstdDict instanceof ZstdDict)) throw new InvalidArgumentError('finalizeDict: zstdDict must be a ZstdDict');
  const size = checkDictSize(dictSize, 'finalizeDict');
  if (typeof level !== 'number' || !Number.isInteger(level))
    throw new InvalidArgumentError(`finalizeDict: level must be an integer, got ${String(level)}`);
  const { data, sizes } = concatSamples(samples, 'finalizeDict');
  let content: Buffer;
  try {
    content = zstdAddon().finalizeDict(zstdDict.dictContent, data, sizes, size, level);
  } catch (error) {
    throw toZstdError(error, 'Unable to finalize the Zstandard dictionary');
  }
  return new ZstdDict(content);
}
