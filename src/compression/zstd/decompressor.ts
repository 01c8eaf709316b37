// ZstdDecompressor: incremental decoding of one frame with an output cap (Python's ZstdDecompressor).
import { InvalidArgumentError } from '../../internal/errors.js';
import { toBytes, type BytesLike } from '../core/bytes.js';
import { checkOptionKeys } from '../../internal/validate.js';
import { DECOMPRESS_ACTION, ZstdError, toZstdError } from './errors.js';
import { contextDecompress, zstdAddon, type ZstdAddon, type ZstdHandle } from './native.js';
import { decompressionDict, decompressionPairs } from './options.js';
import type { ZstdDecompressOptions } from './one-shot.js';

const EMPTY = Buffer.alloc(0);

/**
 * Decompresses one frame incrementally. Feed chunks to `decompress`; `maxLength` caps each call's
 * output (then `needsInput` is false and you call again with an empty buffer to get the rest). After
 * the frame ends `eof` is true and any bytes after it are in `unusedData` (decode them with a new
 * ZstdDecompressor: this mirrors Python, which handles one frame per decompressor).
 * @example
 * const d = new ZstdDecompressor();
 * for await (const chunk of socket) { sink.write(d.decompress(chunk)); if (d.eof) break; }
 */
export class ZstdDecompressor {
  readonly #addon: ZstdAddon;
  readonly #ctx: ZstdHandle;
  #pending: Buffer = EMPTY;
  #eof = false;
  #needsInput = true;
  #unusedData: Buffer = EMPTY;

  constructor(options: ZstdDecompressOptions = {}) {
    checkOptionKeys(options, ['zstdDict', 'options'], 'ZstdDecompressor');
    const pairs = decompressionPairs(options.options, 'ZstdDecompressor');
    const dict = decompressionDict(options.zstdDict, 'ZstdDecompressor');
    this.#addon = zstdAddon();
    this.#ctx = this.#addon.dctxCreate();
    try {
      this.#addon.configure(this.#ctx, pairs, dict.kind, dict.arg, dict.type);
    } catch (error) {
      throw toZstdError(error, 'Unable to set up the Zstandard decompressor');
    }
  }

  /** True once the end of the frame was reached. */
  get eof(): boolean {
    return this.#eof;
  }

  /** False when output is still buffered after hitting maxLength: call `decompress(empty)` to get it. */
  get needsInput(): boolean {
    return this.#needsInput;
  }

  /** Bytes found after the end of the frame (empty until `eof`). */
  get unusedData(): Buffer {
    return this.#unusedData;
  }

  /**
   * Decodes `data` (after any input kept from earlier calls), returning at most `maxLength` bytes
   * (-1: no limit). Throws ZstdError for corrupt input, and once `eof` is reached.
   */
  decompress(data: BytesLike, maxLength = -1): Buffer {
    if (typeof maxLength !== 'number' || !Number.isInteger(maxLength)) {
      throw new InvalidArgumentError(`ZstdDecompressor.decompress: maxLength must be an integer, got ${String(maxLength)}`);
    }
    if (this.#eof) {
      throw new ZstdError('Already at the end of a Zstandard frame.', { code: 'ERR_CLOSED' });
    }
    const bytes = toBytes(data, 'ZstdDecompressor.decompress');
    const input = this.#pending.byteLength ? Buffer.concat([this.#pending, bytes]) : bytes;
    let output: Buffer;
    let consumed: number;
    let ended: boolean;
    try {
      [output, consumed, ended] = contextDecompress(this.#addon, this.#ctx, input, maxLength);
    } catch (error) {
      this.#pending = EMPTY;
      throw toZstdError(error, DECOMPRESS_ACTION);
    }
    if (ended) {
      this.#eof = true;
      this.#needsInput = false;
      this.#unusedData = Buffer.from(input.subarray(consumed));
      this.#pending = EMPTY;
    } else if (consumed === input.byteLength) {
      this.#pending = EMPTY;
      this.#needsInput = !(maxLength >= 0 && output.byteLength === maxLength);
    } else {
      // Output reached maxLength first: keep the rest (copied, the caller may reuse its buffer).
      this.#pending = Buffer.from(input.subarray(consumed));
      this.#needsInput = false;
    }
    return output;
  }
}
