// The package's N-API addons: found (a local build, else the prebuild for this platform), loaded once each, their backends described.
// It sits in internal/ so that runtime's feature probes can ask about the addons without importing ts314/compression.
import { createRequire } from 'node:module';

export type AddonLoad<T> = { readonly ok: true; readonly addon: T } | { readonly ok: false; readonly error: Error };

/** What makes a missing or broken addon work again in an installed package: it recompiles from the shipped sources. */
const REBUILD_HINT = 'run `npm rebuild ts314` (needs a C compiler, make and python3)';

const require = createRequire(import.meta.url);
const cache = new Map<string, AddonLoad<unknown>>();

interface PrebuildTag {
  readonly dir: string;
  readonly libc?: 'glibc' | 'musl';
}

let tag: PrebuildTag | undefined;

/**
 * The prebuilt binaries' folder and file tag for this process, e.g. { dir: 'linux-x64', libc: 'glibc' }: Linux builds are
 * tagged with their C library, since a glibc build does not load on musl (Alpine) and the reverse.
 */
function prebuildTag(): PrebuildTag {
  if (!tag) {
    const dir = `${process.platform}-${process.arch}`;
    // Node built against glibc reports its version; a musl build of Node does not.
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    tag = process.platform === 'linux' ? { dir, libc: header?.glibcVersionRuntime ? 'glibc' : 'musl' } : { dir };
  }
  return tag;
}

/**
 * The files tried for addon `name`, relative to this module (src/ and dist/ sit at the same depth): a local build
 * first (`npm rebuild ts314` makes one), then the prebuild shipped in the package for this platform.
 */
function addonCandidates(name: string): string[] {
  const { dir, libc } = prebuildTag();
  return [`../../build/Release/${name}.node`, `../../prebuilds/${dir}/${name}${libc ? `.${libc}` : ''}.node`];
}

/** Loads addon `name` once per process. A missing build is reported, not thrown, so the rest of ts314 keeps working. */
export function loadAddon<T>(name: string): AddonLoad<T> {
  const hit = cache.get(name);
  if (hit) return hit as AddonLoad<T>;
  const failures: string[] = [];
  let result: AddonLoad<unknown> | undefined;
  let cause: Error | undefined;
  for (const candidate of addonCandidates(name)) {
    try {
      result = { ok: true, addon: require(candidate) as unknown };
      break;
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      const file = candidate.slice('../../'.length);
      // A file that exists but fails to load says more than one that is absent: it leads, and is the cause.
      if (e.code === 'MODULE_NOT_FOUND') {
        failures.push(`${file} is absent`);
        cause ??= e;
      } else {
        failures.unshift(`${file}: ${e.message.split('\n')[0]}`);
        cause = e;
      }
    }
  }
  result ??= {
    ok: false,
    error: new Error(`no ${name} addon loads on ${prebuildTag().dir} (${failures.join('; ')}); ${REBUILD_HINT}`, { cause }),
  };
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
