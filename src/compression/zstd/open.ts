// open() and openSync(): the async CompressedFile every codec's open() returns, and Python's synchronous
// compression.zstd.open — a ZstdFile in binary mode, a ZstdTextFile (decoded strings) in text mode.
import { InvalidArgumentError, InvalidValueError } from '../../internal/errors.js';
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import type { PathLike } from 'node:fs';
import { checkOptionKeys } from '../../internal/validate.js';
import { CompressedFile } from '../core/file.js';
import { checkOptions } from '../core/options.js';
import {
  DEFAULT_MAX_LINE_LENGTH,
  ZstdFile,
  checkMaxLineLength,
  type ZstdFileOptions,
  type ZstdFileTarget,
  type ZstdFileMode,
} from './file.js';
import type { ZstdFlushMode } from './compressor.js';
import type { CompressionOptions, DecompressionOptions, ZstdDictArgument } from './options.js';
import { createCompressStream, createDecompressStream } from './stream.js';
import type { CompressionErrorCode } from '../core/errors.js';
import { ZstdError } from './errors.js';

/** Text encodings open() supports in text mode: the ones Node can both encode and decode incrementally. */
export type ZstdTextEncoding = 'utf-8' | 'utf8' | 'utf-16le' | 'utf16le' | 'latin1' | 'ascii';

/** Text-mode options; `encoding`, `errors` and `newline` are rejected in binary mode, as in Python. */
export interface ZstdOpenOptions extends ZstdFileOptions {
  /** Default 'utf-8'. */
  readonly encoding?: ZstdTextEncoding;
  /** 'strict' (default): invalid UTF-8 throws a TypeError; 'replace': it becomes U+FFFD. */
  readonly errors?: 'strict' | 'replace';
  /**
   * undefined (default): universal newlines — '\r\n' and '\r' read as '\n'; '\n' written as is.
   * '': no translation. '\n', '\r\n', '\r': lines end with it; '\n' is written as it.
   */
  readonly newline?: '' | '\n' | '\r\n' | '\r';
}

export type ZstdOpenMode = ZstdFileMode | 'rt' | 'wt' | 'at' | 'xt';

const ENCODINGS: Record<string, BufferEncoding> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  'utf-16le': 'utf16le',
  utf16le: 'utf16le',
  latin1: 'latin1',
  ascii: 'ascii',
};

/**
 * A text view of a Zstandard file: strings in, strings out, decoded incrementally.
 * @example
 * using f = openSync('log.txt.zst', 'rt');
 * for (const line of f) console.log(line.trimEnd());
 */
export class ZstdTextFile {
  readonly #file: ZstdFile;
  readonly #encoding: BufferEncoding;
  readonly #fatal: TextDecoder | undefined;
  readonly #decoder: StringDecoder;
  readonly #newline: ZstdOpenOptions['newline'];
  readonly #maxLineLength: number;
  #text = '';
  #pendingCr = false;
  #ended = false;

  constructor(file: ZstdFile, options: ZstdOpenOptions) {
    this.#file = file;
    const enc = ENCODINGS[options.encoding ?? 'utf-8'];
    if (!enc)
      throw new InvalidValueError(
        `open: unsupported encoding ${String(options.encoding)}; use one of ${Object.keys(ENCODINGS).join(', ')}`,
      );
    this.#encoding = enc;
    if (options.errors !== undefined && options.errors !== 'strict' && options.errors !== 'replace') {
      throw new InvalidValueError(`open: errors must be 'strict' or 'replace', got ${String(options.errors)}`);
    }
    this.#fatal = (options.errors ?? 'strict') === 'strict' && enc === 'utf8' ? new TextDecoder('utf-8', { fatal: true }) : undefined;
    this.#decoder = new StringDecoder(enc);
    if (options.newline !== undefined && !['', '\n', '\r\n', '\r'].includes(options.newline)) {
      throw new InvalidValueError(`open: newline must be undefined, '', '\\n', '\\r\\n' or '\\r', got ${JSON.stringify(options.newline)}`);
    }
    this.#newline = options.newline;
    this.#maxLineLength = options.maxLineLength === undefined ? DEFAULT_MAX_LINE_LENGTH : checkMaxLineLength(options.maxLineLength);
  }

  get mode(): string {
    return this.#file.mode === 'rb' ? 'rt' : 'wt';
  }

  get closed(): boolean {
    return this.#file.closed;
  }

  get name(): string | number {
    return this.#file.name;
  }

  /** The binary ZstdFile underneath. */
  get buffer(): ZstdFile {
    return this.#file;
  }

  #decode(bytes: Buffer, final: boolean): string {
    let s = this.#fatal
      ? (() => {
          try {
            return this.#fatal.decode(bytes, { stream: !final });
          } catch (error) {
            throw new TypeError(`open: the file is not valid UTF-8 (pass errors: 'replace' to substitute U+FFFD)`, { cause: error });
          }
        })()
      : final
        ? this.#decoder.write(bytes) + this.#decoder.end()
        : this.#decoder.write(bytes);
    if (this.#newline === undefined) {
      if (this.#pendingCr) s = `\r${s}`;
      this.#pendingCr = !final && s.endsWith('\r');
      if (this.#pendingCr) s = s.slice(0, -1);
      s = s.replace(/\r\n?/g, '\n');
    }
    return s;
  }

  #more(): boolean {
    if (this.#ended) return false;
    const chunk = this.#file.read1(64 * 1024);
    if (chunk.byteLength === 0) {
      this.#ended = true;
      this.#text += this.#decode(Buffer.alloc(0), true);
      return this.#text.length > 0;
    }
    this.#text += this.#decode(chunk, false);
    return true;
  }

  /** Reads up to `size` characters (UTF-16 code units), or everything when -1. */
  read(size = -1): string {
    while ((size < 0 || this.#text.length < size) && this.#more());
    const n = size < 0 ? this.#text.length : size;
    const out = this.#text.slice(0, n);
    this.#text = this.#text.slice(n);
    return out;
  }

  /**
   * Reads one line including its terminator ('' at the end). A line longer than `maxLineLength`
   * characters is a ZstdError (ERR_OUTPUT_LIMIT); `read(size)` still reads it.
   */
  readline(): string {
    const terminator = this.#newline === '\r\n' || this.#newline === '\r' ? this.#newline : '\n';
    // Text already searched moves to `parts`, so each character is scanned once and the line is joined
    // once (searching one growing string would flatten and rescan it on every refill).
    const parts: string[] = [];
    let partsLength = 0;
    for (;;) {
      const text = this.#text;
      const at = this.#newline === '' ? anyNewline(text) : text.indexOf(terminator);
      if (at >= 0) {
        const len = this.#newline === '' ? (text.startsWith('\r\n', at) ? 2 : 1) : terminator.length;
        parts.push(text.slice(0, at + len));
        this.#text = text.slice(at + len);
        return parts.join('');
      }
      // A trailing '\r' may begin a '\r\n' that the next chunk completes: keep it unsearched.
      const keep = text.endsWith('\r') && (this.#newline === '' || this.#newline === '\r\n') ? 1 : 0;
      parts.push(text.slice(0, text.length - keep));
      partsLength += text.length - keep;
      this.#text = text.slice(text.length - keep);
      if (partsLength > this.#maxLineLength) {
        this.#text = parts.join('') + this.#text;
        throw new ZstdError(
          `ZstdTextFile.readline: a line is longer than maxLineLength (${this.#maxLineLength} characters). ` +
            'Read it with read(size), or open the file with a larger maxLineLength (Infinity for no limit).',
          { code: 'ERR_OUTPUT_LIMIT' },
        );
      }
      if (!this.#more()) {
        const rest = parts.join('') + this.#text;
        this.#text = '';
        return rest;
      }
    }
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (let line = this.readline(); line; line = this.readline()) yield line;
  }

  /** Writes each string of `lines` in turn (no separators are added), as Python's `writelines`. */
  writelines(lines: Iterable<string>): void {
    for (const line of lines) this.write(line);
  }

  /** Encodes and writes `text`; returns its length in characters. */
  write(text: string): number {
    if (typeof text !== 'string') throw new InvalidArgumentError(`ZstdTextFile.write: expected a string, got ${typeof text}`);
    const translated = this.#newline === '\r\n' || this.#newline === '\r' ? text.replace(/\n/g, this.#newline) : text;
    this.#file.write(Buffer.from(translated, this.#encoding));
    return text.length;
  }

  flush(mode?: ZstdFlushMode): void {
    this.#file.flush(mode);
  }

  close(): void {
    this.#file.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

const ANY_NEWLINE = /\r\n|\r(?!$)|\n/g;

/** Where the first '\r\n', '\r' (not last: a '\n' may follow) or '\n' starts, or -1. */
function anyNewline(text: string): number {
  ANY_NEWLINE.lastIndex = 0;
  return ANY_NEWLINE.exec(text)?.index ?? -1;
}

/** Options of the async {@link open}: `level` only when writing; `options` are compression or decompression parameters by mode. */
export interface ZstdAsyncOpenOptions {
  readonly level?: number;
  readonly options?: CompressionOptions | DecompressionOptions;
  readonly zstdDict?: ZstdDictArgument;
}

function zstdFileError(message: string, code: CompressionErrorCode): ZstdError {
  return new ZstdError(message, { code });
}

/**
 * Opens a .zst file the way every ts314 codec's `open()` does: async, disposable, Python's binary modes
 * ('r'/'rb', 'w'/'wb', 'a'/'ab' appends a frame, 'x'/'xb'). Writing takes `{ level, options, zstdDict }`;
 * reading takes `{ options, zstdDict }` (decompression parameters) and decodes every frame.
 * For Python's synchronous `ZstdFile` and text modes, use {@link openSync}.
 * @example
 * await using f = await zstd.open('events.zst', 'w', { level: 10 });
 * await f.write(bytes);
 */
export async function open(path: PathLike, mode: string = 'rb', options?: ZstdAsyncOpenOptions): Promise<CompressedFile> {
  const { level, options: parameters, zstdDict } = checkOptions(options, ['level', 'options', 'zstdDict'], 'zstd.open');
  if (typeof mode === 'string' && mode.includes('t')) {
    throw new InvalidValueError(
      `zstd.open: invalid mode ${JSON.stringify(mode)}. Text modes are not supported by the async open(): ` +
        `openSync(path, ${JSON.stringify(mode)}) gives a synchronous ZstdTextFile, or read binary and call file.text().`,
    );
  }
  const reading = typeof mode === 'string' && mode.startsWith('r');
  if (reading && level !== undefined) throw new InvalidArgumentError("zstd.open: 'level' applies only when writing");
  return CompressedFile.open(
    'zstd',
    path,
    mode,
    (decoding) =>
      decoding
        ? createDecompressStream({ options: parameters as DecompressionOptions | undefined, zstdDict })
        : createCompressStream({ level, options: parameters as CompressionOptions | undefined, zstdDict }),
    zstdFileError,
  );
}

/**
 * Opens a Zstandard file synchronously, like Python's `compression.zstd.open`: binary modes ('rb', 'wb',
 * 'ab', 'xb', or without 'b') give a ZstdFile; text modes ('rt', 'wt', 'at', 'xt') give a ZstdTextFile.
 * @example
 * using out = openSync('notes.txt.zst', 'wt', { level: 10 });
 * out.write('héllo\n');
 */
export function openSync(
  file: ZstdFileTarget,
  mode: 'r' | 'rb' | 'w' | 'wb' | 'a' | 'ab' | 'x' | 'xb',
  options?: ZstdFileOptions,
): ZstdFile;
export function openSync(file: ZstdFileTarget, mode: 'rt' | 'wt' | 'at' | 'xt', options?: ZstdOpenOptions): ZstdTextFile;
export function openSync(file: ZstdFileTarget, mode?: ZstdOpenMode, options?: ZstdOpenOptions): ZstdFile | ZstdTextFile;
export function openSync(file: ZstdFileTarget, mode: ZstdOpenMode = 'rb', options: ZstdOpenOptions = {}): ZstdFile | ZstdTextFile {
  checkOptionKeys(options, ['level', 'options', 'zstdDict', 'maxLineLength', 'encoding', 'errors', 'newline'], 'openSync');
  const text = String(mode).includes('t');
  if (text && String(mode).includes('b'))
    throw new InvalidValueError(`openSync: invalid mode ${JSON.stringify(mode)}: 'b' and 't' cannot be combined`);
  const { encoding, errors, newline, ...fileOptions } = options;
  if (!text) {
    for (const [key, value] of Object.entries({ encoding, errors, newline })) {
      if (value !== undefined)
        throw new InvalidArgumentError(`openSync: argument '${key}' is only for text mode ('rt', 'wt', …), not ${JSON.stringify(mode)}`);
    }
    return new ZstdFile(file, mode as ZstdFileMode, fileOptions);
  }
  const textFile = new ZstdTextFile(new ZstdFile(file, String(mode).replace('t', '') as ZstdFileMode, fileOptions), options);
  return textFile;
}
