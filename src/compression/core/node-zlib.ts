// Shared plumbing of the node:zlib-backed codecs (gzip, zlib, brotli): error mapping, output limits, streams.
import type { Transform } from 'node:stream';
import { constants as bufferConstants } from 'node:buffer';
import type { CompressionError, CompressionErrorCode } from './errors.js';
import { TRUNCATED_MESSAGE } from './errors.js';

type ErrorFactory = (message: string, code: CompressionErrorCode, cause?: unknown) => CompressionError;

/** node:zlib refuses a maxOutputLength above the largest Buffer; no output could exceed that anyway. */
export function zlibOutputLimit(maxOutputLength: number): number {
  return Math.min(maxOutputLength, bufferConstants.MAX_LENGTH);
}

/** Classifies a node:zlib error into a stable reason code. */
export function zlibErrorCode(error: unknown): CompressionErrorCode {
  const e = error as { code?: string; message?: string };
  const code = e.code ?? '';
  const message = e.message ?? '';
  if (code === 'ERR_BUFFER_TOO_LARGE') return 'ERR_OUTPUT_LIMIT';
  if (code === 'Z_BUF_ERROR') return 'ERR_TRUNCATED';
  if (code === 'Z_MEM_ERROR' || code === 'ERR_MEMORY_ALLOCATION_FAILED') return 'ERR_NO_MEMORY';
  if (code.startsWith('ERR_OUT_OF_RANGE') || code.startsWith('ERR_INVALID_ARG')) return 'ERR_INVALID_ARGUMENT';
  if (/header|unknown compression method|invalid window size/i.test(message)) return 'ERR_FORMAT';
  return 'ERR_CORRUPT';
}

/** Re-throws a node:zlib error as the codec's typed error, keeping the original as `cause`. */
export function wrapZlibError(error: unknown, makeError: ErrorFactory, maxOutputLength: number): CompressionError {
  const code = zlibErrorCode(error);
  const original = (error as Error).message;
  const message =
    code === 'ERR_OUTPUT_LIMIT'
      ? `decompressed data exceeds maxOutputLength (${maxOutputLength} bytes); pass a larger maxOutputLength, or stream it with createDecompressStream()/open()`
      : code === 'ERR_TRUNCATED'
        ? `${TRUNCATED_MESSAGE} (${original})`
        : original;
  return makeError(message, code, error);
}

/** Runs a sync node:zlib call, translating its errors. */
export function callSync<T>(fn: () => T, makeError: ErrorFactory, maxOutputLength = 0): T {
  try {
    return fn();
  } catch (error) {
    throw wrapZlibError(error, makeError, maxOutputLength);
  }
}

/** Promisifies a node:zlib callback call, translating its errors. */
export function callAsync(
  fn: (callback: (error: Error | null, result: Buffer) => void) => void,
  makeError: ErrorFactory,
  maxOutputLength = 0,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    try {
      fn((error, result) => (error ? reject(wrapZlibError(error, makeError, maxOutputLength)) : resolve(result)));
    } catch (error) {
      reject(wrapZlibError(error, makeError, maxOutputLength));
    }
  });
}

/** Makes a node:zlib Transform emit the codec's typed errors instead of raw zlib ones. */
export function typedErrors<T extends Transform>(stream: T, makeError: ErrorFactory): T {
  const destroy = stream.destroy.bind(stream);
  // node:zlib reports failures by destroying itself with the raw error; intercept that single path.
  (stream as { destroy: (error?: Error) => unknown }).destroy = (error?: Error) =>
    destroy(error ? wrapZlibError(error, makeError, 0) : error);
  return stream;
}
