// The package's N-API addons (build/Release/*.node, built by node-gyp): loaded once each, and the codec backends they carry described.
// It sits in internal/ so that runtime's feature probes can ask about the addons without importing ts314/compression.
import { createRequire } from 'node:module';

export type AddonLoad<T> = { readonly ok: true; readonly addon: T } | { readonly ok: false; readonly error: Error };

const require = createRequire(import.meta.url);
const cache = new Map<string, AddonLoad<unknown>>();

/**
 * Loads build/Release/<name>.node relative to the package root (src/ and dist/ sit at the same depth),
 * once per process. A missing build is reported, not thrown, so the rest of ts314 keeps working.
 */
export function loadAddon<T>(name: string): AddonLoad<T> {
  const hit = cache.get(name);
  if (hit) return hit as AddonLoad<T>;
  let result: AddonLoad<unknown>;
  try {
    result = { ok: true, addon: require(`../../build/Release/${name}.node`) as unknown };
  } catch (error) {
    result = { ok: false, error: error as Error };
  }
  cache.set(name, result);
  return result as AddonLoad<T>;
}

/** The codecs ts314 serves from its own addons. */
export type NativeBackendCodec = 'zstd' | 'bz2' | 'lzma';

const BACKENDS: Readonly<
  Record<NativeBackendCodec, { readonly addon: string; readonly describe: (addon: Record<string, unknown>) => string }>
> = {
  zstd: { addon: 'ts314_zstd', describe: (a) => `bundled libzstd ${String(a.versionString)} (N-API addon, multithreaded)` },
  bz2: { addon: 'ts314_bz2', describe: (a) => `libbz2 ${String(a.version).split(',')[0]} (ts314 native addon)` },
  lzma: { addon: 'ts314_lzma', describe: (a) => `liblzma ${String(a.version)} (ts314 native addon)` },
};

/**
 * Which backend serves `codec` here, e.g. 'liblzma 5.4.1 (ts314 native addon)', or undefined when its
 * addon does not load. Never throws: features() and available() call it as a probe.
 */
export function nativeBackend(codec: NativeBackendCodec): string | undefined {
  const { addon, describe } = BACKENDS[codec];
  const load = loadAddon<Record<string, unknown>>(addon);
  return load.ok ? describe(load.addon) : undefined;
}
