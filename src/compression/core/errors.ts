// The error family every ts314 compression codec throws: one base class with a stable reason code.
import { Ts314Error, type Ts314ErrorOptions } from '../../internal/errors.js';
export { InvalidArgumentError, InvalidValueError } from '../../internal/errors.js';

/**
 * Why a compression operation failed, stable across versions so callers can branch on it:
 * - `ERR_TRUNCATED`: the input ended before the end-of-stream marker.
 * - `ERR_CORRUPT`: the data is damaged (bad checksum, impossible structure).
 * - `ERR_FORMAT`: the input is not this codec's format (wrong magic/header) — often the wrong codec.
 * - `ERR_OUTPUT_LIMIT`: decompressing would exceed `maxOutputLength` (decompression-bomb guard).
 * - `ERR_MEMORY_LIMIT`: the decoder would need more memory than `memlimit` allows (lzma).
 * - `ERR_INVALID_ARGUMENT`: an option value the codec rejects.
 * - `ERR_UNAVAILABLE`: this codec's backend cannot be loaded in this runtime.
 * - `ERR_CLOSED`: the file or stream was already closed.
 * - `ERR_UNSUPPORTED_OPERATION`: the file cannot do this at all (`truncate`, `detach`).
 * - `ERR_NO_MEMORY`, `ERR_INTERNAL`: the library itself failed.
 */
export type CompressionErrorCode =
  | 'ERR_TRUNCATED'
  | 'ERR_CORRUPT'
  | 'ERR_FORMAT'
  | 'ERR_OUTPUT_LIMIT'
  | 'ERR_MEMORY_LIMIT'
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_UNAVAILABLE'
  | 'ERR_CLOSED'
  | 'ERR_UNSUPPORTED_OPERATION'
  | 'ERR_NO_MEMORY'
  | 'ERR_INTERNAL';

/** Every codec name ts314/compression knows. */
export type CodecName = 'zstd' | 'gzip' | 'zlib' | 'bz2' | 'lzma' | 'brotli';

/**
 * Base class of GzipError, ZlibError, Bz2Error, LzmaError and BrotliError: `codec` says which codec
 * failed, `code` why (see {@link CompressionErrorCode}), `cause` carries the library's own error.
 * @example
 * try { bz2.decompress(data); } catch (e) { if (e instanceof CompressionError && e.code === 'ERR_TRUNCATED') retry(); }
 */
export class CompressionError extends Ts314Error<CompressionErrorCode> {
  static override readonly code: CompressionErrorCode = 'ERR_INTERNAL';
  override name = 'CompressionError';
  /** The codec that failed; undefined for package-level errors (an unknown codec name, undetectable input). */
  declare readonly codec: CodecName | undefined;
  constructor(message: string, options?: Ts314ErrorOptions<CompressionErrorCode> & { codec?: CodecName | undefined }) {
    super(message, { codec: undefined, ...options });
  }
}

/** The options of a codec's own error class: its codec is fixed, so only the reason and the cause. */
export type CodecErrorOptions = Ts314ErrorOptions<CompressionErrorCode>;

/**
 * Python's `EOFError` from a bz2/lzma decompressor used after its end of stream: a CompressionError
 * with code ERR_CLOSED, as ZstdDecompressor reports the same misuse.
 */
export class EOFError extends CompressionError {
  static override readonly code: CompressionErrorCode = 'ERR_CLOSED';
  override name = 'EOFError';
}

/**
 * Python's `io.UnsupportedOperation`: a file method the file cannot support (ZstdFile's `truncate`,
 * `detach`), as opposed to one that failed this time.
 */
export class UnsupportedOperation extends CompressionError {
  static override readonly code: CompressionErrorCode = 'ERR_UNSUPPORTED_OPERATION';
  override name = 'UnsupportedOperation';
}

/** The messages CPython uses for the same failures, so logs read alike in both languages. */
export const TRUNCATED_MESSAGE = 'Compressed data ended before the end-of-stream marker was reached';
