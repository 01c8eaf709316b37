// Drives a native incremental codec (libbz2, liblzma): Python-style compressor/decompressor objects,
// one-shot multi-stream decoding with the output limit, and Node Transform streams.
import { Transform, type TransformCallback } from 'node:stream';
import type { NativeCodecAddon, NativeHandle, NativeRunResult } from './native.js';
import { CompressionError, EOFError, TRUNCATED_MESSAGE, type CodecName, type CompressionErrorCode } from './errors.js';
import { toBytes, type BytesLike } from './bytes.js';

/** What one codec module tells this driver: how to reach its addon and how to shape its errors. */
export interface NativeCodecSpec {
  readonly codec: CodecName;
  /** The addon, or a codec error with code ERR_UNAVAILABLE explaining why not. */
  addon(): NativeCodecAddon;
  makeError(message: string, code: CompressionErrorCode, cause?: unknown): CompressionError;
  /** True when `bytes` begins like another stream of this codec (its magic), so errors there are real. */
  looksLikeStream(bytes: Uint8Array): boolean;
  /** Python returns b'' for empty input to bz2.decompress but raises for lzma. */
  readonly emptyInputIsEmptyOutput: boolean;
}

const NO_LIMIT = Number.MAX_SAFE_INTEGER;
const EMPTY = new Uint8Array(0);
/** Streams hand out at most this much per push so one small input chunk cannot balloon a single buffer. */
const STREAM_OUTPUT_SLICE = 1024 * 1024;

function nativeError(spec: NativeCodecSpec, error: unknown): CompressionError {
  if (error instanceof CompressionError) return error;
  const e = error as Error & { code?: string };
  const known: readonly CompressionErrorCode[] = [
    'ERR_CORRUPT',
    'ERR_FORMAT',
    'ERR_MEMORY_LIMIT',
    'ERR_INVALID_ARGUMENT',
    'ERR_NO_MEMORY',
    'ERR_INTERNAL',
  ];
  // The addons name their reasons without the prefix (OPTIONS for a bad argument).
  const named = e.code === 'OPTIONS' ? 'ERR_INVALID_ARGUMENT' : `ERR_${e.code ?? ''}`;
  const code = known.includes(named as CompressionErrorCode) ? (named as CompressionErrorCode) : 'ERR_INTERNAL';
  return spec.makeError(e.message, code, error);
}

function runSync(spec: NativeCodecSpec, handle: NativeHandle, input: Uint8Array, finish: boolean, maxOut: number): NativeRunResult {
  try {
    return spec.addon().run(handle, input, finish, maxOut);
  } catch (error) {
    throw nativeError(spec, error);
  }
}

function runAsync(
  spec: NativeCodecSpec,
  handle: NativeHandle,
  input: Uint8Array,
  finish: boolean,
  maxOut: number,
): Promise<NativeRunResult> {
  return new Promise((resolve, reject) => {
    try {
      spec.addon().runAsync(handle, input, finish, maxOut, (error, result) => {
        if (error) reject(nativeError(spec, error));
        else resolve(result!);
      });
    } catch (error) {
      reject(nativeError(spec, error));
    }
  });
}

type Step = { handle: NativeHandle; input: Uint8Array; finish: boolean; maxOut: number };

/**
 * One-shot decoding of concatenated streams, written once as a generator of native steps so the sync
 * and async forms cannot drift apart. Trailing bytes that do not start like a stream are ignored, as
 * CPython does; a later stream that does start like one must decode fully, so damage is never hidden.
 */
function* decodeAllSteps(
  spec: NativeCodecSpec,
  data: Uint8Array,
  newDecoder: () => NativeHandle,
  maxOutputLength: number,
): Generator<Step, Buffer, NativeRunResult> {
  if (data.length === 0) {
    if (spec.emptyInputIsEmptyOutput) return Buffer.alloc(0);
    throw spec.makeError(`${TRUNCATED_MESSAGE} (the input is empty)`, 'ERR_TRUNCATED');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let rest = data;
  while (rest.length > 0) {
    const later = chunks.length > 0 || total > 0;
    if (later && !spec.looksLikeStream(rest)) break;
    const handle = newDecoder();
    // One byte over the limit tells "exactly at the limit" apart from "would exceed it".
    const [out, consumed, eof] = yield { handle, input: rest, finish: false, maxOut: maxOutputLength - total + 1 };
    total += out.length;
    if (total > maxOutputLength) {
      throw spec.makeError(
        `decompressed data exceeds maxOutputLength (${maxOutputLength} bytes); pass a larger maxOutputLength, or stream it with createDecompressStream()/open()`,
        'ERR_OUTPUT_LIMIT',
      );
    }
    chunks.push(out);
    if (!eof) throw spec.makeError(TRUNCATED_MESSAGE, 'ERR_TRUNCATED');
    rest = rest.subarray(consumed);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

export function decodeAllSync(spec: NativeCodecSpec, data: Uint8Array, newDecoder: () => NativeHandle, maxOutputLength: number): Buffer {
  const steps = decodeAllSteps(spec, data, newDecoder, maxOutputLength);
  let next = steps.next();
  while (!next.done) {
    const s = next.value;
    next = steps.next(runSync(spec, s.handle, s.input, s.finish, s.maxOut));
  }
  return next.value;
}

export async function decodeAllAsync(
  spec: NativeCodecSpec,
  data: Uint8Array,
  newDecoder: () => NativeHandle,
  maxOutputLength: number,
): Promise<Buffer> {
  const steps = decodeAllSteps(spec, data, newDecoder, maxOutputLength);
  let next = steps.next();
  while (!next.done) {
    const s = next.value;
    next = steps.next(await runAsync(spec, s.handle, s.input, s.finish, s.maxOut));
  }
  return next.value;
}

export function encodeAllSync(spec: NativeCodecSpec, data: Uint8Array, handle: NativeHandle): Buffer {
  const [out, , eof] = runSync(spec, handle, data, true, NO_LIMIT);
  if (!eof) throw spec.makeError('the encoder did not finish its stream', 'ERR_INTERNAL');
  return out;
}

export async function encodeAllAsync(spec: NativeCodecSpec, data: Uint8Array, handle: NativeHandle): Promise<Buffer> {
  const [out, , eof] = await runAsync(spec, handle, data, true, NO_LIMIT);
  if (!eof) throw spec.makeError('the encoder did not finish its stream', 'ERR_INTERNAL');
  return out;
}

/** Incremental compressor in CPython's shape (`BZ2Compressor`, `LZMACompressor`): compress() then flush(). */
export class NativeCompressor {
  #finished = false;
  readonly #spec: NativeCodecSpec;
  readonly #handle: NativeHandle;
  constructor(spec: NativeCodecSpec, handle: NativeHandle) {
    this.#spec = spec;
    this.#handle = handle;
  }
  /** Feeds data; returns whatever compressed bytes are ready (often empty until enough is buffered). */
  compress(data: BytesLike): Buffer {
    if (this.#finished) throw this.#spec.makeError('Compressor has been flushed', 'ERR_CLOSED');
    return runSync(this.#spec, this.#handle, toBytes(data, `${this.#spec.codec} compressor`), false, NO_LIMIT)[0];
  }
  /** Finishes the stream and returns the remaining compressed bytes; the compressor cannot be reused. */
  flush(): Buffer {
    if (this.#finished) throw this.#spec.makeError('Repeated call to flush()', 'ERR_CLOSED');
    this.#finished = true;
    return encodeAllSync(this.#spec, EMPTY, this.#handle);
  }
}

/**
 * Incremental decompressor in CPython's shape (`BZ2Decompressor`, `LZMADecompressor`): one stream,
 * `decompress(data, maxLength)`, `eof`, `needsInput`, `unusedData`.
 */
export class NativeDecompressor {
  #eof = false;
  #needsInput = true;
  #pending: Uint8Array = EMPTY;
  #unused: Buffer = Buffer.alloc(0);
  readonly #spec: NativeCodecSpec;
  readonly #handle: NativeHandle;
  constructor(spec: NativeCodecSpec, handle: NativeHandle) {
    this.#spec = spec;
    this.#handle = handle;
  }
  /** True once the end-of-stream marker has been reached. */
  get eof(): boolean {
    return this.#eof;
  }
  /** False when output is still pending after `maxLength` cut it short: call again with empty data. */
  get needsInput(): boolean {
    return this.#needsInput;
  }
  /** Bytes found after the end of the stream (empty until `eof`). */
  get unusedData(): Buffer {
    return this.#unused;
  }
  /** Decompresses `data`, returning at most `maxLength` bytes (-1: no limit); extra input is kept for later calls. */
  decompress(data: BytesLike, maxLength = -1): Buffer {
    if (this.#eof) throw new EOFError('End of stream already reached', { codec: this.#spec.codec });
    const fresh = toBytes(data, `${this.#spec.codec} decompressor`);
    const input = this.#pending.length === 0 ? fresh : Buffer.concat([this.#pending, fresh]);
    const cap = maxLength < 0 ? NO_LIMIT : maxLength;
    if (cap === 0) {
      this.#pending = Buffer.from(input);
      this.#needsInput = false;
      return Buffer.alloc(0);
    }
    const [out, consumed, eof, limited] = runSync(this.#spec, this.#handle, input, false, cap);
    const left = input.subarray(consumed);
    if (eof) {
      this.#eof = true;
      this.#unused = Buffer.from(left);
      this.#pending = EMPTY;
      this.#needsInput = false;
    } else {
      // Copy: the caller may reuse its buffer before the next call.
      this.#pending = left.length > 0 ? Buffer.from(left) : EMPTY;
      this.#needsInput = !limited && left.length === 0;
    }
    return out;
  }
}

export { EOFError } from './errors.js';

/** A compressing Transform: each chunk is compressed on the libuv thread pool, so the event loop stays free. */
export function createEncodeStream(spec: NativeCodecSpec, newEncoder: () => NativeHandle): Transform {
  let handle: NativeHandle | undefined;
  const get = (): NativeHandle => (handle ??= newEncoder());
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      runAsync(spec, get(), chunk, false, NO_LIMIT).then(
        ([out]) => callback(null, out.length > 0 ? out : undefined),
        (error: unknown) => callback(error as Error),
      );
    },
    flush(callback: TransformCallback) {
      runAsync(spec, get(), EMPTY, true, NO_LIMIT).then(
        ([out]) => callback(null, out),
        (error: unknown) => callback(error as Error),
      );
    },
  });
}

/**
 * A decompressing Transform over concatenated streams. Output is pushed in slices of at most
 * STREAM_OUTPUT_SLICE, and decoding waits while the reader's buffer is full, so a small bomb read
 * slowly (or not at all) holds about one slice beyond the highWaterMark, not its whole output.
 * Truncated input fails the stream with ERR_TRUNCATED at its end.
 */
export function createDecodeStream(spec: NativeCodecSpec, newDecoder: () => NativeHandle): Transform {
  let handle: NativeHandle | undefined;
  let inStream = false; // a stream has begun and not yet reached its end marker
  let sawAny = false;
  let ignoring = false; // trailing non-stream bytes after a complete stream
  let pending: Buffer = Buffer.alloc(0); // a short tail kept until its first bytes can be judged
  let resume: (() => void) | undefined; // set while decoding waits for the reader to take what it has
  async function feed(stream: Transform, input: Uint8Array): Promise<void> {
    let rest = input;
    while (rest.length > 0 || inStream) {
      if (ignoring) return;
      if (!inStream) {
        if (sawAny && !spec.looksLikeStream(rest)) {
          // Too little to judge yet? Keep it, the magic may arrive with the next chunk.
          if (rest.length < 6 && pending.length === 0) {
            pending = Buffer.from(rest);
            return;
          }
          ignoring = true;
          return;
        }
        handle = newDecoder();
        inStream = true;
        sawAny = true;
      }
      const [out, consumed, eof, limited] = await runAsync(spec, handle!, rest, false, STREAM_OUTPUT_SLICE);
      rest = rest.subarray(consumed);
      if (out.length > 0 && !stream.push(out)) {
        await new Promise<void>((wake) => {
          resume = wake;
        });
      }
      if (eof) {
        inStream = false;
        continue;
      }
      if (!limited) return;
    }
  }
  const stream = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      const input = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      pending = Buffer.alloc(0);
      feed(this, input).then(
        () => callback(),
        (error: unknown) => callback(error as Error),
      );
    },
    flush(callback: TransformCallback) {
      const finish = async (): Promise<void> => {
        if (pending.length > 0 && !ignoring && !inStream) {
          const tail = pending;
          pending = Buffer.alloc(0);
          if (spec.looksLikeStream(tail)) await feed(this, tail);
        }
        if (inStream) throw spec.makeError(TRUNCATED_MESSAGE, 'ERR_TRUNCATED');
        if (!sawAny && !spec.emptyInputIsEmptyOutput) throw spec.makeError(`${TRUNCATED_MESSAGE} (the input is empty)`, 'ERR_TRUNCATED');
      };
      finish().then(
        () => callback(),
        (error: unknown) => callback(error as Error),
      );
    },
  });
  // The reader wants more: a decode waiting for room goes on (Transform's own _read still runs).
  const transformRead = stream._read.bind(stream);
  stream._read = (size: number): void => {
    const wake = resume;
    resume = undefined;
    wake?.();
    transformRead(size);
  };
  return stream;
}
