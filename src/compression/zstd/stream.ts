// Node Transform streams over libzstd: compressing (with on-demand flushes) and multi-frame decompressing.
import { Transform, type TransformCallback, type TransformOptions } from 'node:stream';
import { checkOptionKeys } from '../../internal/validate.js';
import { COMPRESS_ACTION, DECOMPRESS_ACTION, ZstdError, toZstdError } from './errors.js';
import { DictKind, contextCompress, contextDecompress, zstdAddon, type DictSpec, type ZstdAddon, type ZstdHandle } from './native.js';
import { compressionDict, compressionSetup, decompressionDict, decompressionPairs } from './options.js';
import type { ZstdCompressOptions, ZstdDecompressOptions } from './one-shot.js';
import type { ZstdFlushMode } from './compressor.js';

/**
 * Largest Buffer a decompress stream pushes at once. Why 1 MiB: big enough that per-push overhead is
 * noise, small enough that a highly compressible chunk never becomes one huge allocation.
 */
export const STREAM_OUTPUT_SLICE = 1024 * 1024;

/** Stream options: the codec's options plus Node's highWaterMark tuning. */
export interface ZstdStreamOptions {
  readonly highWaterMark?: number;
}

const flushMarks = new WeakMap<object, ZstdFlushMode>();

/** A compressing Transform; `flush(mode)` emits everything written so far without ending the stream. */
export class ZstdCompressStream extends Transform {
  readonly #addon: ZstdAddon;
  readonly #ctx: ZstdHandle;
  readonly #dict: DictSpec;
  #frameOpen = false;

  constructor(options: ZstdCompressOptions & ZstdStreamOptions = {}) {
    checkOptionKeys(options, ['level', 'options', 'zstdDict', 'highWaterMark'], 'createCompressStream');
    const setup = compressionSetup(options.level, options.options, 'createCompressStream');
    const dict = compressionDict(options.zstdDict, setup.level, 'createCompressStream');
    const transformOptions: TransformOptions = {};
    if (options.highWaterMark !== undefined) transformOptions.highWaterMark = options.highWaterMark;
    super(transformOptions);
    this.#dict = dict;
    this.#addon = zstdAddon();
    this.#ctx = this.#addon.cctxCreate();
    try {
      this.#addon.configure(this.#ctx, setup.pairs, dict.kind, dict.arg, dict.type);
    } catch (error) {
      throw toZstdError(error, 'Unable to set up the Zstandard compressor');
    }
  }

  /**
   * Queues a flush behind the data already written: FLUSH_BLOCK (default) makes it all decodable by
   * the reader now; FLUSH_FRAME also ends the frame (the next write starts a new one).
   */
  flush(mode: ZstdFlushMode = 1, callback?: () => void): void {
    if (mode !== 1 && mode !== 2)
      throw new RangeError(`ZstdCompressStream.flush: mode must be FLUSH_BLOCK (1) or FLUSH_FRAME (2), got ${String(mode)}`);
    const mark = Buffer.alloc(0);
    flushMarks.set(mark, mode);
    this.write(mark, callback === undefined ? undefined : () => callback());
  }

  #run(chunk: Uint8Array, mode: number): Buffer {
    if (!this.#frameOpen && this.#dict.kind === DictKind.Prefix) {
      this.#addon.setDict(this.#ctx, this.#dict.kind, this.#dict.arg, this.#dict.type);
    }
    const out = contextCompress(this.#addon, this.#ctx, chunk, mode);
    this.#frameOpen = mode !== 2;
    return out;
  }

  override _transform(chunk: unknown, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#wrote = true;
    try {
      const mode = typeof chunk === 'object' && chunk !== null ? (flushMarks.get(chunk) ?? 0) : 0;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
      const out = this.#run(bytes, mode);
      callback(null, out.byteLength ? out : undefined);
    } catch (error) {
      callback(toZstdError(error, COMPRESS_ACTION) as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      // An empty stream still yields one (empty) frame, so the reader gets valid zstd data.
      const out = this.#frameOpen || !this.#wrote ? this.#run(new Uint8Array(0), 2) : Buffer.alloc(0);
      callback(null, out.byteLength ? out : undefined);
    } catch (error) {
      callback(toZstdError(error, COMPRESS_ACTION) as Error);
    }
  }

  #wrote = false;
}

/** A decompressing Transform: decodes consecutive frames (and skips skippable ones) as the zstd CLI does. */
export class ZstdDecompressStream extends Transform {
  readonly #addon: ZstdAddon;
  readonly #ctx: ZstdHandle;
  readonly #dict: DictSpec;
  #inFrame = false;

  constructor(options: ZstdDecompressOptions & ZstdStreamOptions = {}) {
    checkOptionKeys(options, ['zstdDict', 'options', 'highWaterMark'], 'createDecompressStream');
    const pairs = decompressionPairs(options.options, 'createDecompressStream');
    const dict = decompressionDict(options.zstdDict, 'createDecompressStream');
    const transformOptions: TransformOptions = {};
    if (options.highWaterMark !== undefined) transformOptions.highWaterMark = options.highWaterMark;
    super(transformOptions);
    this.#dict = dict;
    this.#addon = zstdAddon();
    this.#ctx = this.#addon.dctxCreate();
    try {
      this.#addon.configure(this.#ctx, pairs, dict.kind, dict.arg, dict.type);
    } catch (error) {
      throw toZstdError(error, 'Unable to set up the Zstandard decompressor');
    }
  }

  override _transform(chunk: unknown, _encoding: BufferEncoding, callback: TransformCallback): void {
    let input = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
    try {
      for (;;) {
        if (!this.#inFrame && input.byteLength === 0) break;
        const [out, consumed, ended] = contextDecompress(this.#addon, this.#ctx, input, STREAM_OUTPUT_SLICE);
        if (out.byteLength) this.push(out);
        input = input.subarray(consumed);
        if (ended) {
          this.#inFrame = false;
          if (this.#dict.kind === DictKind.Prefix) this.#addon.setDict(this.#ctx, this.#dict.kind, this.#dict.arg, this.#dict.type);
          continue;
        }
        this.#inFrame = true;
        if (input.byteLength === 0 && out.byteLength < STREAM_OUTPUT_SLICE) break;
      }
      callback();
    } catch (error) {
      callback(toZstdError(error, DECOMPRESS_ACTION) as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.#inFrame) {
      callback(new ZstdError('Compressed data ended before the end-of-stream marker was reached', { code: 'ERR_TRUNCATED' }));
      return;
    }
    callback();
  }
}

/**
 * A Transform that compresses what is written to it (backpressure as any Node stream).
 * @example
 * await pipeline(createReadStream('log.txt'), createCompressStream({ level: 6 }), createWriteStream('log.txt.zst'));
 */
export function createCompressStream(options: ZstdCompressOptions & ZstdStreamOptions = {}): ZstdCompressStream {
  return new ZstdCompressStream(options);
}

/**
 * A Transform that decompresses every frame written to it; truncated input fails the stream with ZstdError.
 * @example
 * await pipeline(createReadStream('log.txt.zst'), createDecompressStream(), process.stdout);
 */
export function createDecompressStream(options: ZstdDecompressOptions & ZstdStreamOptions = {}): ZstdDecompressStream {
  return new ZstdDecompressStream(options);
}
