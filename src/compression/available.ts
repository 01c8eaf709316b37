// Which codecs work in this runtime and through which backend, found by trying each one.
import type { CodecName } from './core/errors.js';
import { CODECS, MODULES } from './codecs.js';
import { bz2Backend } from './bz2/backend.js';
import { lzmaBackend } from './lzma/backend.js';
import { zstdBackend } from './zstd/backend.js';

/** One codec's status: usable with a named backend, or not, with the reason. */
export type CodecAvailability =
  | { readonly codec: CodecName; readonly available: true; readonly backend: string }
  | { readonly codec: CodecName; readonly available: false; readonly reason: string };

const PROBE = Buffer.from('ts314 availability probe');

function backendOf(codec: CodecName): string {
  switch (codec) {
    case 'gzip':
    case 'zlib':
      return `node:zlib (zlib ${process.versions.zlib})`;
    case 'brotli':
      return `node:zlib (brotli ${process.versions.brotli ?? 'built in'})`;
    case 'bz2':
      return bz2Backend() ?? 'libbz2';
    case 'lzma':
      return lzmaBackend() ?? 'liblzma';
    case 'zstd':
      return zstdBackend() ?? 'ts314/compression/zstd';
  }
}

let cached: readonly CodecAvailability[] | undefined;

/**
 * Every codec with whether it works here: each is proven by a real round trip, not assumed.
 * @example
 * for (const c of available()) console.log(c.codec, c.available ? c.backend : `missing: ${c.reason}`);
 */
export function available(): readonly CodecAvailability[] {
  if (cached) return cached;
  cached = CODECS.map((codec): CodecAvailability => {
    const mod = MODULES[codec];
    if (!mod) return { codec, available: false, reason: `ts314/compression/${codec} is not part of this build` };
    try {
      const back = mod.decompress(mod.compress(PROBE));
      if (!PROBE.equals(back)) return { codec, available: false, reason: 'round trip returned different bytes' };
      return { codec, available: true, backend: backendOf(codec) };
    } catch (error) {
      return { codec, available: false, reason: (error as Error).message };
    }
  });
  return cached;
}

/** True when `codec` round-trips in this runtime. */
export function isAvailable(codec: CodecName): boolean {
  return available().some((c) => c.codec === codec && c.available);
}
