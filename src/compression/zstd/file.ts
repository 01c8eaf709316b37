// ZstdFile and openSync(): reading and writing .zst files synchronously, in binary or text mode (Python's ZstdFile).
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { checkOptionKeys } from '../../internal/validate.js';
import { toBytes, type BytesLike } from '../core/bytes.js';
import { COMPRESS_ACTION, DECOMPRESS_ACTION, ZstdError, toZstdError } from './errors.js';
import { DictKind, contextCompress, contextDecompress, zstdAddon, type DictSpec, type ZstdAddon, type ZstdHandle } from './native.js';
import { compressionDict, compressionSetup, decompressionDict, decompressionPairs } from './options.js';
import type { ZstdCompressOptions, ZstdDecompressOptions } from './one-shot.js';
import type { ZstdFlushMode } from './compressor.js';

/** Bytes read from disk per refill. Why 128 KiB: one zstd block, and large enough to amortise syscalls. */
export const FILE_READ_CHUNK = 128 * 1024;

/** What ZstdFile opens: a path, or an already-open file descriptor (left open on close, like a wrapped file object). */
export type ZstdFileTarget = string | URL | Buffer | number;

/** Binary modes; `t` is only accepted by openSync(). */
export type ZstdFileMode = 'r' | 'rb' | 'w' | 'wb' | 'a' | 'ab' | 'x' | 'xb';

export type ZstdFileOptions = ZstdCompressOptions & ZstdDecompressOptions;

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
  #decoded: Buffer = Buffer.alloc(0);
  #inFrame = false;
  #rawEof = false;
  /** Next byte offset to read when the file was opened by path (positional reads allow seek); null for a caller's fd. */
  #readOffset: number | null = null;

  constructor(file: ZstdFileTarget, mode: ZstdFileMode = 'r', options: ZstdFileOptions = {}) {
    checkOptionKeys(options, ['level', 'options', 'zstdDict'], 'ZstdFile');
    const m = /^([rwax])b?$/.exec(String(mode));
    if (!m) throw new RangeError(`ZstdFile: invalid mode ${JSON.stringify(mode)}; use one of r, rb, w, wb, a, ab, x, xb`);
    const letter = m[1] as 'r' | 'w' | 'a' | 'x';
    this.mode = letter === 'r' ? 'rb' : 'wb';
    this.#addon = zstdAddon();
    if (letter === 'r') {
      if (options.level !== undefined) throw new TypeError('ZstdFile: level is a compression option; it cannot be used in read mode');
      const pairs = decompressionPairs(options.options, 'ZstdFile');
      this.#dict = decompressionDict(options.zstdDict, 'ZstdFile');
      this.#ctx = this.#addon.dctxCreate();
      this.#configure(() => this.#addon.configure(this.#ctx, pairs, this.#dict.kind, this.#dict.arg, this.#dict.type));
    } else {
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
    if (this.mode !== wanted) throw new TypeError(`ZstdFile.${op}: the file is open for ${this.mode === 'rb' ? 'reading' : 'writing'}`);
  }

  // ---- writing ---------------------------------------------------------------------------------

  /** Compresses and writes `data`; returns its uncompressed length. */
  write(data: BytesLike): number {
    this.#checkMode('wb', 'write');
    const bytes = toBytes(data, 'ZstdFile.write');
    this.#emit(bytes, 0);
    this.#position += bytes.byteLength;
    return bytes.byteLength;
  }

  /** Writes out buffered data: FLUSH_BLOCK (default) keeps the frame open, FLUSH_FRAME ends it. No-op when reading. */
  flush(mode: ZstdFlushMode = 1): void {
    this.#checkOpen();
    if (this.mode === 'rb') return;
    if (mode !== 1 && mode !== 2)
      throw new RangeError(`ZstdFile.flush: mode must be FLUSH_BLOCK (1) or FLUSH_FRAME (2), got ${String(mode)}`);
    this.#emit(new Uint8Array(0), mode);
  }

  #frameOpen = false;

  #emit(bytes: Uint8Array, mode: number): void {
    if (!this.#frameOpen && this.#dict.kind === DictKind.Prefix)
      this.#addon.setDict(this.#ctx, this.#dict.kind, this.#dict.arg, this.#dict.type);
    let out: Buffer;
    try {
      out = contextCompress(this.#addon, this.#ctx, bytes, mode);
    } catch (error) {
      throw toZstdError(error, COMPRESS_ACTION);
    }
    this.#frameOpen = mode !== 2;
    for (let off = 0; off < out.byteLength; ) off += writeSync(this.#fd, out, off, out.byteLength - off);
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** Decodes more output into the buffer; false at the clean end of the data. */
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
        this.#decoded = this.#decoded.byteLength ? Buffer.concat([this.#decoded, out]) : out;
        return true;
      }
    }
  }

  #take(n: number): Buffer {
    const out = this.#decoded.subarray(0, n);
    this.#decoded = this.#decoded.subarray(n);
    this.#position += out.byteLength;
    return out;
  }

  /** Reads up to `size` uncompressed bytes (all remaining when -1). Returns an empty Buffer at the end. */
  read(size = -1): Buffer {
    this.#checkMode('rb', 'read');
    if (size < 0) {
      const parts: Buffer[] = [this.#take(this.#decoded.byteLength)];
      while (this.#fill()) parts.push(this.#take(this.#decoded.byteLength));
      return Buffer.concat(parts);
    }
    while (this.#decoded.byteLength < size && this.#fill());
    return this.#take(size);
  }

  /** Reads at most `size` bytes with at most one refill (fewer than asked does not mean the end). */
  read1(size = -1): Buffer {
    this.#checkMode('rb', 'read1');
    if (this.#decoded.byteLength === 0) this.#fill();
    return this.#take(size < 0 ? this.#decoded.byteLength : size);
  }

  /** Returns buffered bytes without consuming them (at least one unless at the end). */
  peek(size = 1): Buffer {
    this.#checkMode('rb', 'peek');
    while (this.#decoded.byteLength < Math.max(1, size) && this.#fill());
    return Buffer.from(this.#decoded);
  }

  /** Reads one line including its '\n' (empty at the end). */
  readline(limit = -1): Buffer {
    this.#checkMode('rb', 'readline');
    for (let scanned = 0; ; ) {
      const at = this.#decoded.indexOf(0x0a, scanned);
      if (at >= 0 && (limit < 0 || at < limit)) return this.#take(at + 1);
      if (limit >= 0 && this.#decoded.byteLength >= limit) return this.#take(limit);
      scanned = this.#decoded.byteLength;
      if (!this.#fill()) return this.#take(this.#decoded.byteLength);
    }
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
    if (!this.#ownsFd) throw new TypeError('ZstdFile.seek: only files opened by path can seek');
    let target = whence === 0 ? offset : whence === 1 ? this.#position + offset : -1;
    if (whence === 2) {
      while (this.#fill()) this.#take(this.#decoded.byteLength);
      this.#take(this.#decoded.byteLength);
      target = this.#position + offset;
    }
    if (target < this.#position) {
      this.#restart();
    }
    while (this.#position < Math.max(0, target)) {
      if (this.#decoded.byteLength === 0 && !this.#fill()) break;
      this.#take(Math.min(this.#decoded.byteLength, target - this.#position));
    }
    return this.#position;
  }

  #restart(): void {
    this.#addon.reset(this.#ctx);
    if (this.#dict.kind === DictKind.Prefix) this.#addon.setDict(this.#ctx, this.#dict.kind, this.#dict.arg, this.#dict.type);
    this.#raw = Buffer.alloc(0);
    this.#decoded = Buffer.alloc(0);
    this.#rawEof = false;
    this.#inFrame = false;
    this.#position = 0;
    this.#readOffset = 0;
  }

  /** Ends the frame (when writing) and closes the file; closing twice is harmless. */
  close(): void {
    if (this.#closed) return;
    try {
      // As in Python, an untouched writer leaves an empty file rather than an empty frame.
      if (this.mode === 'wb' && this.#frameOpen) this.#emit(new Uint8Array(0), 2);
    } finally {
      this.#closed = true;
      if (this.#ownsFd) closeSync(this.#fd);
    }
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
