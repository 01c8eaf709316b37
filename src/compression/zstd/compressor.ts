// ZstdCompressor: incremental compression with explicit flush modes (Python's compression.zstd.ZstdCompressor).
import { InvalidValueError } from '../../internal/errors.js';
import { toBytes, type BytesLike } from '../core/bytes.js';
import { checkOptionKeys } from '../../internal/validate.js';
import { COMPRESS_ACTION, toZstdError } from './errors.js';
import { contextCompress, zstdAddon, type DictSpec, type ZstdAddon, type ZstdHandle } from './native.js';
import { compressionDict, compressionSetup } from './options.js';
import type { ZstdCompressOptions } from './one-shot.js';

/** Flush modes of ZstdCompressor.compress/flush (libzstd's ZSTD_EndDirective). */
export type ZstdFlushMode = 0 | 1 | 2;

const CONTINUE = 0;
const FLUSH_BLOCK = 1;
const FLUSH_FRAME = 2;
const MAX_PLEDGED = 2 ** 64 - 2;

/**
 * Compresses data incrementally. `compress(data, CONTINUE)` may return nothing yet;
 * `FLUSH_BLOCK` makes everything so far decodable while keeping the frame open (logs, sockets);
 * `FLUSH_FRAME` ends the frame. `lastMode` tells whether a frame is open.
 * @example
 * const c = new ZstdCompressor({ level: 5 });
 * const parts = [c.compress(chunk1), c.compress(chunk2, ZstdCompressor.FLUSH_BLOCK), c.flush()];
 */
export class ZstdCompressor {
  /** Collect more input before emitting output. */
  static readonly CONTINUE = CONTINUE;
  /** Emit a complete block: all data so far can be decompressed; the frame stays open. */
  static readonly FLUSH_BLOCK = FLUSH_BLOCK;
  /** End the frame; the next data starts a new frame. */
  static readonly FLUSH_FRAME = FLUSH_FRAME;

  readonly #addon: ZstdAddon;
  readonly #ctx: ZstdHandle;
  /** Held so a prefix's bytes outlive the frame: libzstd only references them. */
  readonly #dict: DictSpec;
  #lastMode: ZstdFlushMode = FLUSH_FRAME;

  constructor(options: ZstdCompressOptions = {}) {
    checkOptionKeys(options, ['level', 'options', 'zstdDict'], 'ZstdCompressor');
    const setup = compressionSetup(options.level, options.options, 'ZstdCompressor');
    this.#dict = compressionDict(options.zstdDict, setup.level, 'ZstdCompressor');
    this.#addon = zstdAddon();
    this.#ctx = this.#addon.cctxCreate();
    try {
      this.#addon.configure(this.#ctx, setup.pairs, this.#dict.kind, this.#dict.arg, this.#dict.type);
    } catch (error) {
      throw toZstdError(error, 'Unable to set up the Zstandard compressor');
    }
  }

  /** The mode of the last compress/flush: FLUSH_FRAME means no frame is open (the initial state). */
  get lastMode(): ZstdFlushMode {
    return this.#lastMode;
  }

  /**
   * Feeds `data`; returns whatever compressed bytes `mode` releases (possibly none for CONTINUE).
   * @example
   * out.push(c.compress(line, ZstdCompressor.FLUSH_BLOCK));
   */
  compress(data: BytesLike, mode: ZstdFlushMode = CONTINUE): Buffer {
    if (mode !== CONTINUE && mode !== FLUSH_BLOCK && mode !== FLUSH_FRAME) {
      throw new InvalidValueError(
        `ZstdCompressor.compress: mode argument wrong value, it should be one of ZstdCompressor.CONTINUE, ZstdCompressor.FLUSH_BLOCK, ZstdCompressor.FLUSH_FRAME. Got ${String(mode)}`,
      );
    }
    return this.#run(toBytes(data, 'ZstdCompressor.compress'), mode);
  }

  /**
   * Flushes buffered data: FLUSH_FRAME (default) ends the frame, FLUSH_BLOCK ends the current block.
   * Flushing when no frame is open writes an empty frame, as libzstd (and Python) do.
   */
  flush(mode: ZstdFlushMode = FLUSH_FRAME): Buffer {
    if (mode !== FLUSH_BLOCK && mode !== FLUSH_FRAME) {
      throw new InvalidValueError(
        `ZstdCompressor.flush: mode argument wrong value, it should be ZstdCompressor.FLUSH_FRAME or ZstdCompressor.FLUSH_BLOCK. Got ${String(mode)}`,
      );
    }
    return this.#run(EMPTY, mode);
  }

  /**
   * Declares the exact size of the next frame's input, so its header records the content size. Only
   * between frames (lastMode === FLUSH_FRAME); `null` means unknown. A different actual size is a ZstdError.
   * @example
   * c.setPledgedInputSize(data.length); c.compress(data, ZstdCompressor.FLUSH_FRAME);
   */
  setPledgedInputSize(size: number | null): void {
    if (this.#lastMode !== FLUSH_FRAME) {
      throw new Error('ZstdCompressor.setPledgedInputSize must be called when lastMode === FLUSH_FRAME (between frames)');
    }
    if (size !== null && (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size >= MAX_PLEDGED)) {
      throw new InvalidValueError(`ZstdCompressor.setPledgedInputSize: size must be a non-negative integer or null, got ${String(size)}`);
    }
    try {
      this.#addon.cctxSetPledgedSize(this.#ctx, size === null ? -1 : size);
    } catch (error) {
      throw toZstdError(error, 'Unable to set the pledged input size');
    }
  }

  // A prefix lasts one frame in libzstd, and is not re-attached for later frames: CPython's compressor
  // does the same, and frames must match its byte for byte. Later frames simply do not use it.
  #run(src: Uint8Array, mode: ZstdFlushMode): Buffer {
    try {
      const out = contextCompress(this.#addon, this.#ctx, src, mode);
      this.#lastMode = mode;
      return out;
    } catch (error) {
      // libzstd's session was reset by the addon; start the next call on a fresh frame, as Python does.
      this.#lastMode = FLUSH_FRAME;
      throw toZstdError(error, COMPRESS_ACTION);
    }
  }
}

const EMPTY = new Uint8Array(0);
