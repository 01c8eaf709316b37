// Frame inspection without decompressing: the header's content size and dictionary ID, and a frame's length.
import { toBytes, type BytesLike } from '../core/bytes.js';
import { toZstdError } from './errors.js';
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
  try {
    const [size, dictionaryId] = zstdAddon().frameInfo(src);
    return Object.freeze({ decompressedSize: size < 0 ? null : size, dictionaryId });
  } catch (error) {
    throw toZstdError(error, 'getFrameInfo');
  }
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
    throw toZstdError(error, 'Unable to get the Zstandard frame size');
  }
}
