// Which zstd implementation ts314 runs on, for features() and diagnostics.
import { nativeBackend } from '../../internal/native-addons.js';

/**
 * Describes the backend: always ts314's bundled libzstd, compiled from the vendored source by
 * node-gyp. node:zlib's zstd (Node >= 22.15) lacks dictionary training, frame inspection, prefixes and
 * the parameter bounds, so it is not used even where present. Undefined when the addon is not built.
 * @example
 * zstdBackend(); // 'bundled libzstd 1.5.7 (N-API addon, multithreaded)'
 */
export function zstdBackend(): string | undefined {
  return nativeBackend('zstd');
}
