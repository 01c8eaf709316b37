// ZstdError: the typed failure of every ts314/compression/zstd operation, mapped from libzstd's error codes.
import { CompressionError, type CompressionErrorCode } from '../core/errors.js';

/**
 * A Zstandard failure. `code` is ts314's stable reason shared by every codec (`TRUNCATED`, `CORRUPT`,
 * `FORMAT`, `OUTPUT_LIMIT`, `OPTIONS`, `UNAVAILABLE`, `CLOSED`, `NO_MEMORY`, `INTERNAL`); `zstdError`
 * is libzstd's own error name when libzstd reported it (e.g. `dictionary_wrong`, `checksum_wrong`).
 * @example
 * try { zstd.decompress(data); } catch (e) {
 *   if (e instanceof ZstdError && e.code === 'TRUNCATED') console.log('incomplete download');
 * }
 */
export class ZstdError extends CompressionError {
  override name = 'ZstdError';
  /** libzstd's ZSTD_ErrorCode name, or undefined when the failure was detected by ts314 itself. */
  readonly zstdError: string | undefined;
  constructor(message: string, options: { code: CompressionErrorCode; cause?: unknown; zstdError?: string }) {
    super(message, { codec: 'zstd', code: options.code, cause: options.cause });
    this.zstdError = options.zstdError;
  }
}

/** libzstd ZSTD_ErrorCode values (zstd_errors.h; stable since 1.3) → their names and ts314 codes. */
const ZSTD_ERRORS: Record<number, readonly [name: string, code: CompressionErrorCode]> = {
  1: ['GENERIC', 'INTERNAL'],
  10: ['prefix_unknown', 'FORMAT'],
  12: ['version_unsupported', 'FORMAT'],
  14: ['frameParameter_unsupported', 'CORRUPT'],
  16: ['frameParameter_windowTooLarge', 'MEMORY_LIMIT'],
  20: ['corruption_detected', 'CORRUPT'],
  22: ['checksum_wrong', 'CORRUPT'],
  24: ['literals_headerWrong', 'CORRUPT'],
  30: ['dictionary_corrupted', 'CORRUPT'],
  32: ['dictionary_wrong', 'CORRUPT'],
  34: ['dictionaryCreation_failed', 'INTERNAL'],
  40: ['parameter_unsupported', 'OPTIONS'],
  41: ['parameter_combination_unsupported', 'OPTIONS'],
  42: ['parameter_outOfBound', 'OPTIONS'],
  44: ['tableLog_tooLarge', 'CORRUPT'],
  46: ['maxSymbolValue_tooLarge', 'CORRUPT'],
  48: ['maxSymbolValue_tooSmall', 'CORRUPT'],
  50: ['stabilityCondition_notRespected', 'INTERNAL'],
  60: ['stage_wrong', 'INTERNAL'],
  62: ['init_missing', 'INTERNAL'],
  64: ['memory_allocation', 'NO_MEMORY'],
  66: ['workSpace_tooSmall', 'NO_MEMORY'],
  70: ['dstSize_tooSmall', 'INTERNAL'],
  72: ['srcSize_wrong', 'OPTIONS'],
  74: ['dstBuffer_null', 'INTERNAL'],
  80: ['noForwardProgress_destFull', 'INTERNAL'],
  82: ['noForwardProgress_inputEmpty', 'INTERNAL'],
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
      return new ZstdError(e.message, { code: 'TRUNCATED', cause: error });
    case 'limit':
      return new ZstdError(
        `${action}: the decompressed data exceeds maxOutputLength. Pass a larger maxOutputLength (or Infinity) if the input is trusted, or stream it with createDecompressStream().`,
        { code: 'OUTPUT_LIMIT', cause: error },
      );
    case 'nomem':
    case 'NO_MEMORY':
      return new ZstdError(`${action}: ${e.message}`, { code: 'NO_MEMORY', cause: error });
    case 'frameinfo':
      return new ZstdError(e.message, { code: 'FORMAT', cause: error });
    case 'zstd': {
      const [name, mapped] = ZSTD_ERRORS[e.zstdCode ?? e.libCode ?? 1] ?? ['GENERIC', 'INTERNAL'];
      // Size errors mean different things on each side: a pledge mismatch when compressing, damaged or
      // incomplete frames when reading them.
      const reading = !action.startsWith('Unable to compress');
      const code: CompressionErrorCode =
        reading && name === 'srcSize_wrong' ? 'TRUNCATED' : reading && name === 'dstSize_tooSmall' ? 'CORRUPT' : mapped;
      return new ZstdError(`${action}: ${e.message}.${HINTS[name] ?? ''}`, { code, cause: error, zstdError: name });
    }
    default:
      return new ZstdError(`${action}: ${e.message}`, { code: 'INTERNAL', cause: error });
  }
}

/** Action prefixes, as CPython words them. */
export const COMPRESS_ACTION = 'Unable to compress Zstandard data';
export const DECOMPRESS_ACTION = 'Unable to decompress Zstandard data';
