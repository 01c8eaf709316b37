// Compressed file objects (`gzip.open`, `bz2.open`, `lzma.open` …): a path opened for reading or writing
// through a codec's Transform streams, with Python's modes and an async, disposable API.
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Readable, Transform } from 'node:stream';
import type { PathLike } from 'node:fs';
import { didYouMean } from '../../internal/did-you-mean.js';
import type { CompressionError, CompressionErrorCode, CodecName } from './errors.js';
import { asBuffer, toBytes, type BytesLike } from './bytes.js';
import { ChunkQueue } from './chunk-queue.js';

/** Builds the codec's own error class, so a closed file fails with GzipError, Bz2Error … */
type ErrorFactory = (message: string, code: CompressionErrorCode) => CompressionError;

/** Python's file modes: read, write (truncate), append (a new stream is appended), exclusive create; `b` is implied. */
export type FileMode = 'r' | 'rb' | 'w' | 'wb' | 'a' | 'ab' | 'x' | 'xb';

export const FILE_MODES: readonly FileMode[] = ['r', 'rb', 'w', 'wb', 'a', 'ab', 'x', 'xb'];

/** Checks a mode string, with a suggestion for near misses such as 'rw' or 'wt'. */
export function parseMode(mode: unknown, where: string): 'r' | 'w' | 'a' | 'x' {
  if (typeof mode !== 'string' || !(FILE_MODES as readonly string[]).includes(mode)) {
    const text =
      typeof mode === 'string' && /t/.test(mode)
        ? ' Text modes are not supported: open in binary mode and decode with TextDecoder or file.text().'
        : '';
    throw new RangeError(
      `${where}: invalid mode ${JSON.stringify(mode)}; expected one of ${FILE_MODES.join(', ')}.${typeof mode === 'string' ? didYouMean(mode, FILE_MODES) : ''}${text}`,
    );
  }
  return mode[0] as 'r' | 'w' | 'a' | 'x';
}

const FLAGS = { r: 'r', w: 'w', a: 'a', x: 'wx' } as const;

/**
 * A compressed file open for reading (`mode` 'rb') or writing ('wb'). Close it (or `await using`) to
 * finish the compressed stream; a writer that is never closed leaves a truncated file.
 * @example
 * await using f = await gzip.open('log.gz', 'w');
 * await f.write('line 1\n');
 */
export class CompressedFile implements AsyncDisposable, AsyncIterable<Buffer> {
  /** 'rb' or 'wb', as Python reports it. */
  readonly mode: 'rb' | 'wb';
  readonly name: string;
  readonly codec: CodecName;
  #closed = false;
  #handle: FileHandle;
  #transform: Transform;
  #done: Promise<void>;
  #failure: unknown;
  #reader: AsyncIterator<Buffer> | undefined;
  readonly #buffered = new ChunkQueue();
  #atEnd = false;
  #source: Readable | undefined;
  readonly #makeError: ErrorFactory;

  private constructor(
    codec: CodecName,
    name: string,
    mode: 'rb' | 'wb',
    handle: FileHandle,
    transform: Transform,
    done: Promise<void>,
    source: Readable | undefined,
    makeError: ErrorFactory,
  ) {
    this.#source = source;
    this.#makeError = makeError;
    this.codec = codec;
    this.name = name;
    this.mode = mode;
    this.#handle = handle;
    this.#transform = transform;
    this.#done = done.catch((error: unknown) => {
      this.#failure = error;
    });
  }

  /** @internal Used by each codec's `open()`. */
  static async open(
    codec: CodecName,
    path: PathLike,
    mode: unknown,
    makeTransform: (reading: boolean) => Transform,
    makeError: ErrorFactory,
  ): Promise<CompressedFile> {
    const kind = parseMode(mode, `${codec}.open`);
    const handle = await openFile(path, FLAGS[kind]);
    const reading = kind === 'r';
    const transform = makeTransform(reading);
    const name = typeof path === 'string' ? path : path instanceof URL ? path.pathname : path.toString();
    let done: Promise<void>;
    let source: Readable | undefined;
    if (reading) {
      // Streams made from a FileHandle hold a reference to it until they close, so they own closing it.
      source = handle.createReadStream({ highWaterMark: 256 * 1024 });
      // The decompressed side is consumed by read(), which sees any error of either stream.
      source.on('error', (error) => transform.destroy(error));
      source.pipe(transform);
      done = Promise.resolve();
    } else {
      // The sink closes the FileHandle once everything is flushed; pipeline settles after that.
      const sink = handle.createWriteStream(kind === 'a' ? {} : { start: 0 });
      done = pipeline(transform, sink);
    }
    return new CompressedFile(codec, name, reading ? 'rb' : 'wb', handle, transform, done, source, makeError);
  }

  get closed(): boolean {
    return this.#closed;
  }

  #check(wantMode: 'rb' | 'wb', op: string): void {
    if (this.#closed) throw this.#makeError(`file ${this.name}: ${op} on a closed file`, 'ERR_CLOSED');
    if (this.mode !== wantMode)
      throw new TypeError(
        `${this.codec} file ${this.name}: ${op}() needs a file opened for ${wantMode === 'rb' ? 'reading' : 'writing'}, this one is '${this.mode}'`,
      );
    if (this.#failure !== undefined) throw this.#failure;
  }

  /** Compresses and writes `data`; resolves with the number of uncompressed bytes written. Waits for backpressure. */
  async write(data: BytesLike): Promise<number> {
    this.#check('wb', 'write');
    const bytes = toBytes(data, `${this.codec} file write`);
    if (!this.#transform.write(asBuffer(bytes))) {
      await Promise.race([new Promise((resolve) => this.#transform.once('drain', resolve)), this.#done]);
      if (this.#failure !== undefined) throw this.#failure;
    }
    return bytes.length;
  }

  async #pull(): Promise<boolean> {
    this.#reader ??= (this.#transform as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    const next = await this.#reader.next();
    if (next.done) {
      this.#atEnd = true;
      return false;
    }
    this.#buffered.push(next.value);
    return true;
  }

  /**
   * Reads up to `size` decompressed bytes (all remaining when `size` is negative or omitted); an empty
   * Buffer means end of file. Corrupt or truncated data rejects with the codec's error.
   */
  async read(size = -1): Promise<Buffer> {
    this.#check('rb', 'read');
    const all = size < 0;
    while ((all || this.#buffered.length < size) && !this.#atEnd) await this.#pull();
    return this.#buffered.take(all ? this.#buffered.length : size);
  }

  /** Reads the rest of the file and decodes it as text. */
  async text(encoding: BufferEncoding = 'utf8'): Promise<string> {
    return (await this.read()).toString(encoding);
  }

  /** Decompressed chunks as they arrive. */
  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    this.#check('rb', 'iterate');
    if (this.#buffered.length > 0) yield this.#buffered.take(this.#buffered.length);
    while (!this.#atEnd) {
      if (await this.#pull()) yield this.#buffered.take(this.#buffered.length);
    }
  }

  /** Finishes the compressed stream (writers) and closes the file. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      if (this.mode === 'wb') {
        this.#transform.end();
        await this.#done;
        if (this.#failure !== undefined) throw this.#failure;
      } else {
        this.#transform.destroy();
        this.#source?.destroy();
      }
    } finally {
      // Resolves once the streams above have let go of the handle (a no-op when they closed it already).
      await this.#handle.close();
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
