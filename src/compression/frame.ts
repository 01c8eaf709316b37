// The seed guide's graceful helpers: compress with zstd where it works, gzip otherwise; decode either.
import { toBytes, type BytesLike } from './core/bytes.js';
import { isGzip, isZstd } from './core/magic.js';
import { isAvailable } from './available.js';
import { moduleFor } from './package.js';
import { UnrecognizedFormatError } from './errors.js';

/** The seed's `zstd.compress(data, level=3)`: zstd's default level, its speed/ratio sweet spot. */
export const FRAME_ZSTD_LEVEL = 3;

/**
 * The seed's `compress_frame`: zstd (level 3) when this runtime has it, else gzip (Python's default
 * level 9). Either way {@link decompressFrame} — here or in a process without zstd — can tell which.
 * @example
 * const stored = compressFrame(frameBytes);
 * decompressFrame(stored).equals(frameBytes); // true
 */
export function compressFrame(data: BytesLike): Buffer {
  const bytes = toBytes(data, 'compressFrame');
  return isAvailable('zstd') ? moduleFor('zstd').compress(bytes, { level: FRAME_ZSTD_LEVEL }) : moduleFor('gzip').compress(bytes);
}

/**
 * The seed's `decompress_frame`, made symmetric: decodes a zstd or a gzip frame, whichever side wrote it,
 * by its magic bytes. zstd data where zstd is unavailable fails with the codec's ERR_UNAVAILABLE error.
 * @example
 * decompressFrame(compressFrame('frame')).toString(); // 'frame'
 */
export function decompressFrame(data: BytesLike): Buffer {
  const bytes = toBytes(data, 'decompressFrame');
  if (isZstd(bytes)) return moduleFor('zstd').decompress(bytes);
  if (isGzip(bytes)) return moduleFor('gzip').decompress(bytes);
  throw new UnrecognizedFormatError(
    `decompressFrame: not a zstd or gzip frame (${bytes.length} bytes); compressFrame writes only those two`,
  );
}
