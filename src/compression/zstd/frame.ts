// Frame inspection without decompressing: the header's content size and dictionary ID, and a frame's length.
import { toBytes, type BytesLike } from '../core/bytes.js';
import { ZstdError, toZstdError } from './errors.js';
import { zstdAddon } from './native.js';

/** What a frame header records (Python's `FrameInfo`). */
export interface FrameInfo {
  /** Decompressed size, or null when the frame does not record it (streamed input). */
  readonly decompressedSize: number | null;
  /** ID of the dictionary needed; 0 means none recorded (no dictionary, or a raw one). */
  readonly dictionaryId: number;
}

/**
 * Reads the frame header at the start of `frameBuffer` (6–18 bytes are enough).
 * @example
 * getFrameInfo(compress(data)); // { decompressedSize: data.length, dictionaryId: 0 }
 */
export function getFrameInfo(frameBuffer: BytesLike): FrameInfo {
  const src = toBytes(frameBuffer, 'getFrameInfo');
  let size: number;
  let dictionaryId: number;
  try {
    [size, dictionaryId] = zstdAddon().frameInfo(src);
  } catch (error) {
    if (error instanceof ZstdError) throw error;
    throw new ZstdError(
      'Error when getting information from the header of a Zstandard frame. Ensure the frameBuffer argument starts from the beginning of a frame, and its length is not less than the frame header (6~18 bytes).',
      { code: 'ERR_FORMAT', cause: error },
    );
  }
  return Object.freeze({ decompressedSize: size < 0 ? null : size, dictionaryId });
}

/**
 * The byte length of the complete frame at the start of `frameBuffer` (checksum included), e.g. to
 * split concatenated frames. The buffer must hold the whole frame.
 * @example
 * const first = frames.subarray(0, getFrameSize(frames));
 */
export function getFrameSize(frameBuffer: BytesLike): number {
  const src = toBytes(frameBuffer, 'getFrameSize');
  try {
    return zstdAddon().frameSize(src);
  } catch (error) {
    const failure = toZstdError(error, 'getFrameSize');
    if (!(failure instanceof ZstdError) || failure.zstdError === undefined) throw failure;
    // CPython's wording, with libzstd's reason at the end.
    throw new ZstdError(
      'Error when finding the compressed size of a Zstandard frame. Ensure the frameBuffer argument starts from the beginning of a frame, ' +
        `and its length is not less than this complete frame. Zstd error message: ${(error as Error).message}.`,
      { code: failure.code, cause: error, zstdError: failure.zstdError },
    );
  }
}
