// Zstandard dictionaries: ZstdDict with its three load modes, and training/finalizing from samples (ZDICT).
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
  /** The dictionary ID stored in its header; 0 for raw content. */
  readonly dictId: number;
  readonly #isRaw: boolean;
  readonly #cdicts = new Map<number, ZstdHandle>();
  #ddict: ZstdHandle | undefined;

  constructor(dictContent: BytesLike, options: { readonly isRaw?: boolean } = {}) {
    const bytes = toBytes(dictContent, 'ZstdDict');
    if (bytes.byteLength < 8) {
      throw new RangeError(`ZstdDict: Zstandard dictionary content must be at least 8 bytes, got ${bytes.byteLength}`);
    }
    this.dictContent = Buffer.from(bytes);
    this.#isRaw = options.isRaw === true;
    const id = zstdAddon().dictId(this.dictContent);
    if (!this.#isRaw && id === 0) {
      throw new RangeError(
        'ZstdDict: invalid Zstandard dictionary and isRaw not set (it has no dictionary header). Pass { isRaw: true } to use the bytes as raw content.',
      );
    }
    this.dictId = this.#isRaw ? 0 : id;
  }

  /** The dictionary content size in bytes (Python's `len(zd)`). */
  get size(): number {
    return this.dictContent.byteLength;
  }

  /** Load as a digested dictionary: built once per level and reused. */
  get asDigestedDict(): ZstdDictUse {
    return { dict: this, mode: 'digested' };
  }

  /** Load undigested: loaded on each use, leaving the caller's compression parameters alone. */
  get asUndigestedDict(): ZstdDictUse {
    return { dict: this, mode: 'undigested' };
  }

  /** Use as a prefix: shared history for one frame, compatible with long-distance matching. */
  get asPrefix(): ZstdDictUse {
    return { dict: this, mode: 'prefix' };
  }

  toString(): string {
    return `<ZstdDict dict_id=${this.dictId} dict_size=${this.size}>`;
  }

  get #contentType(): DictContentType {
    return this.#isRaw ? DictContentType.Raw : DictContentType.Full;
  }

  /** @internal How the compressor attaches this dictionary. */
  compressionSpec(mode: ZstdDictUse['mode'], level: number): DictSpec {
    if (mode === 'digested') {
      let handle = this.#cdicts.get(level);
      if (!handle) {
        handle = zstdAddon().createCDict(this.dictContent, this.#contentType, level);
        this.#cdicts.set(level, handle);
      }
      return { kind: DictKind.Digested, arg: handle, type: this.#contentType };
    }
    return { kind: mode === 'prefix' ? DictKind.Prefix : DictKind.Undigested, arg: this.dictContent, type: this.#contentType };
  }

  /** @internal How the decompressor attaches this dictionary. */
  decompressionSpec(mode: ZstdDictUse['mode']): DictSpec {
    if (mode === 'digested') {
      this.#ddict ??= zstdAddon().createDDict(this.dictContent, this.#contentType);
      return { kind: DictKind.Digested, arg: this.#ddict, type: this.#contentType };
    }
    return { kind: mode === 'prefix' ? DictKind.Prefix : DictKind.Undigested, arg: this.dictContent, type: this.#contentType };
  }
}

function concatSamples(samples: Iterable<BytesLike>, where: string): { data: Buffer; sizes: Float64Array } {
  if (samples === null || typeof (samples as Iterable<unknown>)?.[Symbol.iterator] !== 'function' || typeof samples === 'string') {
    throw new TypeError(`${where}: samples must be an iterable of byte buffers`);
  }
  const parts: Uint8Array[] = [];
  for (const sample of samples) parts.push(toBytes(sample, `${where} sample`));
  const data = Buffer.concat(parts);
  if (data.byteLength === 0) {
    throw new RangeError(`${where}: the samples are empty content, a dictionary cannot be trained from them`);
  }
  return { data, sizes: Float64Array.from(parts, (p) => p.byteLength) };
}

function checkDictSize(dictSize: unknown, where: string): number {
  if (typeof dictSize !== 'number' || !Number.isInteger(dictSize)) {
    throw new TypeError(`${where}: dictSize must be an integer number of bytes, got ${String(dictSize)}`);
  }
  if (dictSize <= 0) throw new RangeError(`${where}: dictSize must be a positive integer, got ${dictSize}`);
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
  if (!(zstdDict instanceof ZstdDict)) throw new TypeError('finalizeDict: zstdDict must be a ZstdDict');
  const size = checkDictSize(dictSize, 'finalizeDict');
  if (typeof level !== 'number' || !Number.isInteger(level))
    throw new TypeError(`finalizeDict: level must be an integer, got ${String(level)}`);
  const { data, sizes } = concatSamples(samples, 'finalizeDict');
  let content: Buffer;
  try {
    content = zstdAddon().finalizeDict(zstdDict.dictContent, data, sizes, size, level);
  } catch (error) {
    throw toZstdError(error, 'Unable to finalize the Zstandard dictionary');
  }
  return new ZstdDict(content);
}
