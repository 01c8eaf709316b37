// ZstdFile and openSync(): reading and writing .zst files synchronously, in binary or text mode (Python's ZstdFile).
import { InvalidArgumentError, InvalidValueError } from '../../internal/errors.js';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { checkOptionKeys } from '../../internal/validate.js';
import { toBytes, writableBytes, type BytesLike } from '../core/bytes.js';
import { ChunkQueue } from '../core/chunk-queue.js';
import { UnsupportedOperation } from '../core/errors.js';
import { COMPRESS_ACTION, DECOMPRESS_ACTION, ZstdError, toZstdError } from './errors.js';
import { DictKind, contextCompress, contextDecompress, zstdAddon, type DictSpec, type ZstdAddon, type ZstdHandle } from './native.js';
import { compressionDict, compressionSetup, decompressionDict, decompressionPairs } from './options.js';
import type { ZstdCompressOptions, ZstdDecompressOptions } from './one-shot.js';
import type { ZstdFlushMode } from './compressor.js';

/**
 * Bytes read from disk per refill: libzstd's ZSTD_DStreamInSize() (one block and its header), which is
 * what CPython's ZstdFile reads too. The same reads give the same frames a one-pass decode, so a damaged
 * file fails with CPython's reason.
 */
export const FILE_READ_CHUNK = 128 * 1024 + 3;

/** What ZstdFile opens: a path, or an already-open file descriptor (left open on close, like a wrapped file object). */
export type ZstdFileTarget = string | URL | Buffer | number;

/** Binary modes; `t` is only accepted by openSync(). */
export type ZstdFileMode = 'r' | 'rb' | 'w' | 'wb' | 'a' | 'ab' | 'x' | 'xb';

/**
 * Longest line `readline()` and line iteration return, in bytes, unless `maxLineLength` says otherwise.
 * Why 256 MiB: far beyond any real line, half V8's longest string (so a line always fits one in text
 * mode), and reached in well under a second, so newline-free input fails fast instead of exhausting memory.
 */
export const DEFAULT_MAX_LINE_LENGTH = 256 * 1024 * 1024;

export type ZstdFileOptions = ZstdCompressOptions &
  ZstdDecompressOptions & {
    /**
     * Reading: the longest line `readline()` (without a limit) and iteration return; a longer one is a
     * ZstdError with code ERR_OUTPUT_LIMIT (the bytes stay readable with `read()`). Default
     * DEFAULT_MAX_LINE_LENGTH; `Infinity` reads lines of any length, as Python does.
     */
    readonly maxLineLength?: number;
  };

const FLAGS: Record<string, string> = { r: 'r', w: 'w', a: 'a', x: 'wx' };

/**
 * A Zstandard-compressed file, read or written through libzstd (Python's `ZstdFile`). Reading decodes
 * every frame in the file; writing produces one frame, ended by close(). Synchronous, like Python's;
 * use the streams for non-blocking pipelines.
 * @example
 * using f = new ZstdFile('data.zst', 'w', { level: 10 });
 * f.write(Buffer.from('hello'));
 */
export class ZstdFile {
  /** 'rb' or 'wb', as Python reports it. */
  readonly mode: 'rb' | 'wb';
  /** The path given, or the file descriptor. */
  readonly name: string | number;
  readonly #fd: number;
  readonly #ownsFd: boolean;
  readonly #addon: ZstdAddon;
  readonly #ctx: ZstdHandle;
  readonly #dict: DictSpec;
  #closed = false;
  #position = 0;
  // read state
  #raw: Buffer = Buffer.alloc(0);
  readonly #decoded = new ChunkQueue();
  readonly #maxLineLength: number;
  #inFrame = false;
  #rawEof = false;
  /** Next byte offset to read when the file was opened by path (positional reads allow seek); null for a caller's fd. */
  #readOffset: number | null = null;

  constructor(file: ZstdFileTarget, mode: ZstdFileMode = 'r', options: ZstdFileOptions = {}) {
    checkOptionKeys(options, ['level', 'options', 'zstdDict', 'maxLineLength'], 'ZstdFile');
    const m = /^([rwax])b?$/.exec(String(mode));
    if (!m) throw new InvalidValueError(`ZstdFile: invalid mode ${JSON.stringify(mode)}; use one of r, rb, w, wb, a, ab, x, xb`);
    const letter = m[1] as 'r' | 'w' | 'a' | 'x';
    this.mode = letter === 'r' ? 'rb' : 'wb';
    this.#addon = zstdAddon();
    if (letter === 'r') {
      if (options.level !== undefined)
        throw new InvalidArgumentError('ZstdFile: level is a compression option; it cannot be used in read mode');
      this.#maxLineLength = options.maxLineLength === undefined ? DEFAULT_MAX_LINE_LENGTH : checkMaxLineLength(options.maxLineLength);
      const pairs = decompressionPairs(options.options, 'ZstdFile');
      this.#dict = decompressionDict(options.zstdDict, 'ZstdFile');
      this.#ctx = this.#addon.dctxCreate();
      this.#configure(() => this.#addon.configure(this.#ctx, pairs, this.#dict.kind, this.#dict.arg, this.#dict.type));
    } else {
      if (options.maxLineLength !== undefined)
        throw new InvalidArgumentError('ZstdFile: maxLineLength is a reading option; it cannot be used in write mode');
      this.#maxLineLength = DEFAULT_MAX_LINE_LENGTH;
      const setup = compressionSetup(options.level, options.options, 'ZstdFile');
      this.#dict = compressionDict(options.zstdDict, setup.level, 'ZstdFile');
      this.#ctx = this.#addon.cctxCreate();
      this.#configure(() => this.#addon.configure(this.#ctx, setup.pairs, this.#dict.kind, this.#dict.arg, this.#dict.type));
    }
    if (typeof file === 'number') {
      this.#fd = file;
      this.#ownsFd = false;
      this.name = file;
    } else {
      this.#fd = openSync(file, FLAGS[letter] as string);
      this.#ownsFd = true;
      this.#readOffset = 0;
      this.name = file instanceof URL ? file.pathname : String(file);
    }
  }

  #configure(apply: () => void): void {
    try {
      apply();
    } catch (error) {
      throw toZstdError(error, 'Unable to set up Zstandard');
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  readable(): boolean {
    this.#checkOpen();
    return this.mode === 'rb';
  }

  writable(): boolean {
    this.#checkOpen();
    return this.mode === 'wb';
  }

  seekable(): boolean {
    return this.readable() && this.#ownsFd;
  }

  fileno(): number {
    this.#checkOpen();
    return this.#fd;
  }

  /** Uncompressed position: bytes read or written so far. */
  tell(): number {
    this.#checkOpen();
    return this.#position;
  }

  #checkOpen(): void {
    if (this.#closed) throw new ZstdError('I/O operation on a closed ZstdFile', { code: 'ERR_CLOSED' });
  }

  #checkMode(wanted: 'rb' | 'wb', op: string): void {
    this.#checkOpen();
    if (this.mode !== wanted)
      throw new InvalidArgumentError(`ZstdFile.${op}: the file is open for ${this.mode === 'rb' ? 'reading' : 'writing'}`);
  }

  // ---- writing ---------------------------------------------------------------------------------

  /** Flush mode for `flush()`: end the current block, keeping the frame open (Python's `ZstdFile.FLUSH_BLOCK`). */
  static readonly FLUSH_BLOCK = 1;
  /** Flush mode for `flush()`: end the frame; later writes start a new one (Python's `ZstdFile.FLUSH_FRAME`). */
  static readonly FLUSH_FRAME = 2;

  /** Compresses and writes `data`; returns its uncompressed length. */
  write(data: BytesLike): number {
    this.#checkMode('wb', 'write');
    const bytes = toBytes(data, 'ZstdFile.write');
    this.#emit(bytes, 0);
    this.#position += bytes.byteLength;
    return bytes.byteLength;
  }

  /**
   * Writes each buffer of `lines` in turn (Python's `writelines`: no separators are added).
   * @example
   * f.writelines(records.map((r) => Buffer.from(`${JSON.stringify(r)}\n`)));
   */
  writelines(lines: Iterable<BytesLike>): void {
    this.#checkMode('wb', 'writelines');
    if (lines === null || typeof (lines as Iterable<unknown>)?.[Symbol.iterator] !== 'function' || typeof lines === 'string') {
      throw new InvalidArgumentError('ZstdFile.writelines: lines must be an iterable of byte buffers');
    }
    for (const line of lines) this.write(line);
  }

  /**
   * Writes out buffered data: FLUSH_BLOCK (default) keeps the frame open, FLUSH_FRAME ends it. As in
   * Python, a flush in the mode of the last one does nothing, and flushing when reading does nothing.
   */
  flush(mode: ZstdFlushMode = ZstdFile.FLUSH_BLOCK): void {
    if (this.mode === 'rb') return;
    this.#checkOpen();
    if (mode !== ZstdFile.FLUSH_BLOCK && mode !== ZstdFile.FLUSH_FRAME)
      throw new InvalidValueError(`ZstdFile.flush: mode must be ZstdFile.FLUSH_BLOCK or ZstdFile.FLUSH_FRAME, got ${String(mode)}`);
    if (this.#lastMode === mode) return;
    this.#emit(new Uint8Array(0), mode);
  }

  /** The compressor's last mode, as CPython tracks it: FLUSH_FRAME means no frame is open. */
  #lastMode: number = ZstdFile.FLUSH_FRAME;

  // A prefix serves the first frame only, as in ZstdCompressor (and CPython).
  #emit(bytes: Uint8Array, mode: number): void {
    let out: Buffer;
    try {
      out = contextCompress(this.#addon, this.#ctx, bytes, mode);
    } catch (error) {
      this.#lastMode = ZstdFile.FLUSH_FRAME;
      throw toZstdError(error, COMPRESS_ACTION);
    }
    this.#lastMode = mode;
    for (let off = 0; off < out.byteLength; ) off += writeSync(this.#fd, out, off, out.byteLength - off);
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** Decodes more output into the queue; false at the clean end of the data. */
  #fill(): boolean {
    for (;;) {
      if (this.#raw.byteLength === 0 && !this.#rawEof) {
        const chunk = Buffer.allocUnsafe(FILE_READ_CHUNK);
        const n = readSync(this.#fd, chunk, 0, chunk.byteLength, this.#readOffset);
        if (this.#readOffset !== null) this.#readOffset += n;
        if (n === 0) this.#rawEof = true;
        else this.#raw = chunk.subarray(0, n);
      }
      if (this.#raw.byteLength === 0 && this.#rawEof) {
        if (this.#inFrame) {
          throw new ZstdError('Compressed file ended before the end-of-stream marker was reached', { code: 'ERR_TRUNCATED' });
        }
        return false;
      }
      let out: Buffer;
      let consumed: number;
      let ended: boolean;
      try {
        [out, consumed, ended] = contextDecompress(this.#addon, this.#ctx, this.#raw, FILE_READ_CHUNK * 4);
      } catch (error) {
        throw toZstdError(error, DECOMPRESS_ACTION);
      }
      this.#raw = this.#raw.subarray(consumed);
      if (ended) {
        this.#inFrame = false;
        if (this.#dict.kind === DictKind.Prefix) this.#addon.setDict(this.#ctx, this.#dict.kind, this.#dict.arg, this.#dict.type);
      } else this.#inFrame = true;
      if (out.byteLength) {
        this.#decoded.push(out);
        return true;
      }
    }
  }

  #take(n: number): Buffer {
    const out = this.#decoded.take(n);
    this.#position += out.byteLength;
    return out;
  }

  /** Reads up to `size` uncompressed bytes (all remaining when -1). Returns an empty Buffer at the end. */
  read(size = -1): Buffer {
    this.#checkMode('rb', 'read');
    if (size < 0) {
      while (this.#fill());
      return this.#take(this.#decoded.length);
    }
    while (this.#decoded.length < size && this.#fill());
    return this.#take(size);
  }

  /** Reads at most `size` bytes with at most one refill (fewer than asked does not mean the end). */
  read1(size = -1): Buffer {
    this.#checkMode('rb', 'read1');
    if (this.#decoded.length === 0) this.#fill();
    return this.#take(size < 0 ? this.#decoded.length : size);
  }

  /**
   * Reads into `buffer` until it is full or the data ends; returns the number of bytes read (0 at the end).
   * @example
   * const buf = new Uint8Array(65536);
   * for (let n = f.readinto(buf); n > 0; n = f.readinto(buf)) sink(buf.subarray(0, n));
   */
  readinto(buffer: ArrayBufferView): number {
    this.#checkMode('rb', 'readinto');
    const target = writableBytes(buffer, 'ZstdFile.readinto');
    while (this.#decoded.length < target.byteLength && this.#fill());
    return this.#takeInto(target);
  }

  /** Like `readinto`, with at most one refill: fewer bytes than fit does not mean the end. */
  readinto1(buffer: ArrayBufferView): number {
    this.#checkMode('rb', 'readinto1');
    const target = writableBytes(buffer, 'ZstdFile.readinto1');
    if (this.#decoded.length === 0 && target.byteLength > 0) this.#fill();
    return this.#takeInto(target);
  }

  #takeInto(target: Uint8Array): number {
    const n = this.#decoded.takeInto(target);
    this.#position += n;
    return n;
  }

  /** Returns buffered bytes without consuming them (at least one unless at the end). */
  peek(size = 1): Buffer {
    this.#checkMode('rb', 'peek');
    while (this.#decoded.length < Math.max(1, size) && this.#fill());
    return this.#decoded.peekAll();
  }

  /**
   * Reads one line including its '\n' (empty at the end), or at most `limit` bytes of it. Without a
   * limit, a line longer than `maxLineLength` is a ZstdError (ERR_OUTPUT_LIMIT), never a silent cut.
   */
  readline(limit = -1): Buffer {
    this.#checkMode('rb', 'readline');
    for (let scanned = 0; ; ) {
      const at = this.#decoded.indexOf(0x0a, scanned);
      if (at >= 0 && (limit < 0 || at < limit)) return this.#checkedLine(at + 1, limit);
      if (limit >= 0 && this.#decoded.length >= limit) return this.#take(limit);
      scanned = this.#decoded.length;
      if (limit < 0 && scanned > this.#maxLineLength) this.#checkedLine(scanned, limit);
      if (!this.#fill()) return this.#checkedLine(this.#decoded.length, limit);
    }
  }

  #checkedLine(length: number, limit: number): Buffer {
    if (limit < 0 && length > this.#maxLineLength) {
      throw new ZstdError(
        `ZstdFile.readline: a line is longer than maxLineLength (${this.#maxLineLength} bytes) and has no '\\n' within it. ` +
          'Read it with read(size) or readline(limit), or open the file with a larger maxLineLength (Infinity for no limit).',
        { code: 'ERR_OUTPUT_LIMIT' },
      );
    }
    return this.#take(length);
  }

  /** Reads the remaining lines. */
  readlines(): Buffer[] {
    const lines: Buffer[] = [];
    for (let line = this.readline(); line.byteLength; line = this.readline()) lines.push(line);
    return lines;
  }

  *[Symbol.iterator](): IterableIterator<Buffer> {
    for (let line = this.readline(); line.byteLength; line = this.readline()) yield line;
  }

  /**
   * Moves the uncompressed read position (whence 0: start, 1: current, 2: end). Emulated as in Python:
   * seeking backwards restarts decoding from the beginning, so it is slow.
   */
  seek(offset: number, whence: 0 | 1 | 2 = 0): number {
    this.#checkMode('rb', 'seek');
    if (!this.#ownsFd) throw new InvalidArgumentError('ZstdFile.seek: only files opened by path can seek');
    let target = whence === 0 ? offset : whence === 1 ? this.#position + offset : -1;
    if (whence === 2) {
      do this.#take(this.#decoded.length);
      while (this.#fill());
      target = this.#position + offset;
    }
    if (target < this.#position) {
      this.#restart();
    }
    while (this.#position < Math.max(0, target)) {
      if (this.#decoded.length === 0 && !this.#fill()) break;
      this.#take(Math.min(this.#decoded.length, target - this.#position));
    }
    return this.#position;
  }

  #restart(): void {
    this.#addon.reset(this.#ctx);
    if (this.#dict.kind === DictKind.Prefix) this.#addon.setDict(this.#ctx, this.#dict.kind, this.#dict.arg, this.#dict.type);
    this.#raw = Buffer.alloc(0);
    this.#decoded.clear();
    this.#rawEof = false;
    this.#inFrame = false;
    this.#position = 0;
    this.#readOffset = 0;
  }

  /** False: a compressed file is never an interactive terminal (Python's `isatty`). */
  isatty(): boolean {
    this.#checkOpen();
    return false;
  }

  /** Always throws UnsupportedOperation, as Python's ZstdFile does: a compressed stream cannot be cut at an uncompressed offset. */
  truncate(_size?: number): never {
    this.#checkOpen();
    throw new UnsupportedOperation('ZstdFile.truncate: a Zstandard file cannot be truncated; rewrite it instead', { codec: 'zstd' });
  }

  /** Always throws UnsupportedOperation, as Python's ZstdFile does: there is no separate raw stream to hand over. */
  detach(): never {
    this.#checkOpen();
    throw new UnsupportedOperation('ZstdFile.detach: a ZstdFile has no underlying raw stream to detach', { codec: 'zstd' });
  }

  /** Ends the frame (when writing) and closes the file; closing twice is harmless. */
  close(): void {
    if (this.#closed) return;
    try {
      // As in Python, an untouched writer leaves an empty file rather than an empty frame.
      if (this.mode === 'wb') this.flush(ZstdFile.FLUSH_FRAME);
    } finally {
      this.#closed = true;
      if (this.#ownsFd) closeSync(this.#fd);
    }
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

/** Validates a `maxLineLength` option (Infinity: no limit). */
export function checkMaxLineLength(value: unknown): number {
  if (value === Infinity) return Number.MAX_SAFE_INTEGER;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidValueError(`ZstdFile: maxLineLength must be a positive integer number of bytes or Infinity, got ${String(value)}`);
  }
  return value;
}
