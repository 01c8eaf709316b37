// ZstdError: the typed failure of every ts314/compression/zstd operation, mapped from libzstd's error codes.
import { CompressionError, type CodecErrorOptions, type CompressionErrorCode } from '../core/errors.js';

/**
 * A Zstandard failure. `code` is ts314's stable reason shared by every codec (`ERR_TRUNCATED`, `ERR_CORRUPT`,
 * `ERR_FORMAT`, `ERR_OUTPUT_LIMIT`, `ERR_INVALID_ARGUMENT`, `ERR_UNAVAILABLE`, `ERR_CLOSED`, `ERR_NO_MEMORY`, `ERR_INTERNAL`); `zstdError`
 * is libzstd's own error name when libzstd reported it (e.g. `dictionary_wrong`, `checksum_wrong`).
 * @example
 * try { zstd.decompress(data); } catch (e) {
 *   if (e instanceof ZstdError && e.code === 'ERR_TRUNCATED') console.log('incomplete download');
 * }
 */
export class ZstdError extends CompressionError {
  override name = 'ZstdError';
  /** libzstd's ZSTD_ErrorCode name, or undefined when the failure was detected by ts314 itself. */
  declare readonly zstdError: string | undefined;
  constructor(message: string, options?: CodecErrorOptions & { zstdError?: string | undefined }) {
    super(message, { zstdError: undefined, ...options, codec: 'zstd' });
  }
}

/** libzstd ZSTD_ErrorCode values (zstd_errors.h; stable since 1.3) → their names and ts314 codes. */
const ZSTD_ERRORS: Record<number, readonly [name: string, code: CompressionErrorCode]> = {
  1: ['GENERIC', 'ERR_INTERNAL'],
  10: ['prefix_unknown', 'ERR_FORMAT'],
  12: ['version_unsupported', 'ERR_FORMAT'],
  14: ['frameParameter_unsupported', 'ERR_CORRUPT'],
  16: ['frameParameter_windowTooLarge', 'ERR_MEMORY_LIMIT'],
  20: ['corruption_detected', 'ERR_CORRUPT'],
  22: ['checksum_wrong', 'ERR_CORRUPT'],
  24: ['literals_headerWrong', 'ERR_CORRUPT'],
  30: ['dictionary_corrupted', 'ERR_CORRUPT'],
  32: ['dictionary_wrong', 'ERR_CORRUPT'],
  34: ['dictionaryCreation_failed', 'ERR_INTERNAL'],
  40: ['parameter_unsupported', 'ERR_INVALID_ARGUMENT'],
  41: ['parameter_combination_unsupported', 'ERR_INVALID_ARGUMENT'],
  42: ['parameter_outOfBound', 'ERR_INVALID_ARGUMENT'],
  44: ['tableLog_tooLarge', 'ERR_CORRUPT'],
  46: ['maxSymbolValue_tooLarge', 'ERR_CORRUPT'],
  48: ['maxSymbolValue_tooSmall', 'ERR_CORRUPT'],
  50: ['stabilityCondition_notRespected', 'ERR_INTERNAL'],
  60: ['stage_wrong', 'ERR_INTERNAL'],
  62: ['init_missing', 'ERR_INTERNAL'],
  64: ['memory_allocation', 'ERR_NO_MEMORY'],
  66: ['workSpace_tooSmall', 'ERR_NO_MEMORY'],
  70: ['dstSize_tooSmall', 'ERR_INTERNAL'],
  72: ['srcSize_wrong', 'ERR_INVALID_ARGUMENT'],
  74: ['dstBuffer_null', 'ERR_INTERNAL'],
  80: ['noForwardProgress_destFull', 'ERR_INTERNAL'],
  82: ['noForwardProgress_inputEmpty', 'ERR_INTERNAL'],
};

/** Extra words for the failures users meet most, so the message says what to do. */
const HINTS: Record<string, string> = {
  prefix_unknown: ' The input is not Zstandard data (wrong codec? zstd frames start with 28 b5 2f fd).',
  dictionary_wrong: ' The frame was compressed with a different dictionary (or one is missing): pass the zstdDict it was made with.',
  checksum_wrong: ' The data is corrupted (content checksum mismatch).',
  corruption_detected: ' The data is corrupted, or was compressed with a different dictionary.',
  frameParameter_windowTooLarge:
    ' The frame needs a larger window than allowed: raise DecompressionParameter.windowLogMax (zstd --long frames need it).',
  srcSize_wrong: ' The size does not match: the data is incomplete, or (when compressing) differs from the pledged input size.',
};

// One-shot and dictionary calls tag failures with zstdKind/zstdCode; stream contexts run through
// codec_stream.h, whose errors carry the same kind as `code` and libzstd's number as `libCode`.
type NativeFailure = Error & { zstdKind?: string; zstdCode?: number; code?: unknown; libCode?: number };

/**
 * Converts an addon failure into a ZstdError; `action` is CPython's prefix ("Unable to decompress
 * Zstandard data"). Errors that are already ts314 errors, or not from the addon, pass through.
 */
export function toZstdError(error: unknown, action: string): unknown {
  if (error instanceof CompressionError) return error;
  const e = error as NativeFailure;
  if (e === null || typeof e !== 'object') return error;
  const kind = e.zstdKind ?? (typeof e.libCode === 'number' ? e.code : undefined);
  if (typeof kind !== 'string') return error;
  switch (kind) {
    case 'truncated':
      return new ZstdError(e.message, { code: 'ERR_TRUNCATED', cause: error });
    case 'limit':
      return new ZstdError(
        `${action}: the decompressed data exceeds maxOutputLength. Pass a larger maxOutputLength (or Infinity) if the input is trusted, or stream it with createDecompressStream().`,
        { code: 'ERR_OUTPUT_LIMIT', cause: error },
      );
    case 'nomem':
    case 'NO_MEMORY':
      return new ZstdError(`${action}: ${e.message}`, { code: 'ERR_NO_MEMORY', cause: error });
    case 'frameinfo':
      return new ZstdError(e.message, { code: 'ERR_FORMAT', cause: error });
    case 'zstd': {
      const [name, mapped] = ZSTD_ERRORS[e.zstdCode ?? e.libCode ?? 1] ?? ['GENERIC', 'ERR_INTERNAL'];
      // Size errors mean different things on each side: a pledge mismatch when compressing, damaged or
      // incomplete frames when reading them.
      const reading = !action.startsWith('Unable to compress');
      const code: CompressionErrorCode =
        reading && name === 'srcSize_wrong' ? 'ERR_TRUNCATED' : reading && name === 'dstSize_tooSmall' ? 'ERR_CORRUPT' : mapped;
      return new ZstdError(`${action}: ${e.message}.${HINTS[name] ?? ''}`, { code, cause: error, zstdError: name });
    }
    default:
      return new ZstdError(`${action}: ${e.message}`, { code: 'ERR_INTERNAL', cause: error });
  }
}

/** Action prefixes, as CPython words them. */
export const COMPRESS_ACTION = 'Unable to compress Zstandard data';
export const DECOMPRESS_ACTION = 'Unable to decompress Zstandard data';
