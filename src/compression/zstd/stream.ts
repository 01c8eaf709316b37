// Node Transform streams over libzstd: compressing (with on-demand flushes) and multi-frame decompressing.
import { InvalidValueError } from '../../internal/errors.js';
import { Transform, type TransformCallback, type TransformOptions } from 'node:stream';
import { checkOptionKeys } from '../../internal/validate.js';
import { resolveMaxOutputLength } from '../core/limits.js';
import { COMPRESS_ACTION, DECOMPRESS_ACTION, ZstdError, toZstdError } from './errors.js';
import { DictKind, contextCompress, contextDecompress, zstdAddon, type DictSpec, type ZstdAddon, type ZstdHandle } from './native.js';
import { compressionDict, compressionSetup, decompressionDict, decompressionPairs } from './options.js';
import type { ZstdCompressOptions, ZstdDecompressOptions } from './one-shot.js';
import type { ZstdFlushMode } from './compressor.js';

/**
 * Largest Buffer a decompress stream pushes at once (it pushes its readable highWaterMark, at least
 * 64 KiB, up to this). Why 1 MiB: big enough that per-push overhead is noise, small enough that a highly
 * compressible chunk never becomes one huge allocation.
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
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: never read, held so a prefix's bytes outlive the frame (libzstd only references them).
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
      throw new InvalidValueError(`ZstdCompressStream.flush: mode must be FLUSH_BLOCK (1) or FLUSH_FRAME (2), got ${String(mode)}`);
    const mark = Buffer.alloc(0);
    flushMarks.set(mark, mode);
    this.write(mark, callback === undefined ? undefined : () => callback());
  }

  // As ZstdCompressor (and CPython): a prefix serves the first frame only.
  #run(chunk: Uint8Array, mode: number): Buffer {
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

/** Decompress stream options: adds an optional cap on the total output. */
export interface ZstdDecompressStreamOptions extends ZstdDecompressOptions, ZstdStreamOptions {
  /**
   * Largest total output, in bytes; more fails the stream with a ZstdError (code ERR_OUTPUT_LIMIT).
   * Default: no limit — backpressure already keeps memory bounded, so only a consumer that reads
   * everything sees everything. Set it when whoever reads the stream keeps all of it.
   */
  readonly maxOutputLength?: number;
}

/** Smallest decode slice: below this, per-call overhead shows, and one zstd block is 128 KiB anyway. */
const MIN_STREAM_SLICE = 64 * 1024;

/**
 * A decompressing Transform: decodes consecutive frames (and skips skippable ones) as the zstd CLI does.
 * Output is produced only as it is read, as Node's zlib streams do: when the readable side is full,
 * decoding stops mid-chunk and resumes from `_read`, so a decompression bomb written to a stream nobody
 * reads holds at most about one slice plus the highWaterMark.
 */
export class ZstdDecompressStream extends Transform {
  readonly #addon: ZstdAddon;
  readonly #ctx: ZstdHandle;
  readonly #dict: DictSpec;
  readonly #maxOutput: number;
  readonly #slice: number;
  #inFrame = false;
  #produced = 0;
  /** Input of the chunk being decoded, while decoding waits for the reader. */
  #input: Uint8Array | undefined;
  #done: TransformCallback | undefined;
  #waiting = false;

  constructor(options: ZstdDecompressStreamOptions = {}) {
    checkOptionKeys(options, ['zstdDict', 'options', 'highWaterMark', 'maxOutputLength'], 'createDecompressStream');
    const pairs = decompressionPairs(options.options, 'createDecompressStream');
    const dict = decompressionDict(options.zstdDict, 'createDecompressStream');
    const maxOutput =
      options.maxOutputLength === undefined
        ? Number.MAX_SAFE_INTEGER
        : resolveMaxOutputLength(options.maxOutputLength, 'createDecompressStream');
    const transformOptions: TransformOptions = {};
    if (options.highWaterMark !== undefined) transformOptions.highWaterMark = options.highWaterMark;
    super(transformOptions);
    this.#maxOutput = maxOutput;
    this.#slice = Math.min(STREAM_OUTPUT_SLICE, Math.max(MIN_STREAM_SLICE, this.readableHighWaterMark));
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
    this.#input = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
    this.#done = callback;
    this.#decode();
  }

  override _read(size: number): void {
    if (this.#waiting) {
      this.#waiting = false;
      this.#decode();
      if (this.#waiting) return;
    }
    // Lets Transform release a write callback it held back (the chunk may have just finished): without
    // it, a _read that pushed nothing leaves the stream waiting for a push that never comes.
    super._read(size);
  }

  /** Decodes the current chunk until it is used up, or until the reader has enough (then waits for `_read`). */
  #decode(): void {
    let input = this.#input as Uint8Array;
    try {
      for (;;) {
        if (!this.#inFrame && input.byteLength === 0) break;
        const [out, consumed, ended] = contextDecompress(this.#addon, this.#ctx, input, this.#slice);
        input = input.subarray(consumed);
        this.#produced += out.byteLength;
        if (this.#produced > this.#maxOutput) {
          throw new ZstdError(
            `${DECOMPRESS_ACTION}: the decompressed data exceeds maxOutputLength (${this.#maxOutput} bytes). Pass a larger maxOutputLength if the input is trusted.`,
            { code: 'ERR_OUTPUT_LIMIT' },
          );
        }
        const wantsMore = out.byteLength === 0 || this.push(out);
        if (ended) {
          this.#inFrame = false;
          if (this.#dict.kind === DictKind.Prefix) this.#addon.setDict(this.#ctx, this.#dict.kind, this.#dict.arg, this.#dict.type);
        } else {
          this.#inFrame = true;
          if (input.byteLength === 0 && out.byteLength < this.#slice) break;
        }
        if (!wantsMore) {
          this.#input = input;
          this.#waiting = true;
          return;
        }
      }
    } catch (error) {
      this.#finishChunk(toZstdError(error, DECOMPRESS_ACTION) as Error);
      return;
    }
    this.#finishChunk(null);
  }

  #finishChunk(error: Error | null): void {
    const callback = this.#done as TransformCallback;
    this.#input = undefined;
    this.#done = undefined;
    callback(error);
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
 * It decodes only as fast as it is read (bounded memory), and `maxOutputLength` caps the total output.
 * @example
 * await pipeline(createReadStream('log.txt.zst'), createDecompressStream(), process.stdout);
 */
export function createDecompressStream(options: ZstdDecompressStreamOptions = {}): ZstdDecompressStream {
  return new ZstdDecompressStream(options);
}
