// Feature detection: what this runtime offers ts314, probed directly, never inferred from version strings.
import zlib from 'node:zlib';
import { Worker } from 'node:worker_threads';
import { PerformanceObserver } from 'node:perf_hooks';
// Only internal/: loading ts314/futures (which asks features()) must not load ts314/compression.
import { nativeBackend } from '../internal/native-addons.js';

/** One detected capability: whether it is there, what was seen, and what ts314 does without it. */
export interface FeatureStatus {
  readonly name: FeatureName;
  readonly available: boolean;
  /** What the probe saw, e.g. the zstd version or the type-stripping mode. */
  readonly detail: string | undefined;
  /** What ts314 falls back to when the feature is missing. */
  readonly fallback: string;
  /**
   * True when ts314 works the same without it (it is reported for information): its absence is not
   * a failure. `ts314 info` and `ts314 bench` mark such a missing feature `–` rather than `✗`.
   */
  readonly optional: boolean;
}

interface FeatureProbe {
  readonly name: string;
  readonly fallback: string;
  /** ts314 loses nothing without it. */
  readonly optional?: true;
  /** true/false, or a string detail meaning "available". */
  readonly detect: () => boolean | string;
}

function compiles(source: string): boolean {
  try {
    // Syntax support can only be learnt by asking the parser; nothing is executed.
    new Function(source);
    return true;
  } catch {
    return false;
  }
}

const PROBES = [
  {
    name: 'workerThreads',
    fallback: 'ts314/futures falls back to child processes, then to sequential execution',
    detect: () => typeof Worker === 'function',
  },
  {
    name: 'sharedArrayBuffer',
    fallback: 'shared-memory primitives are unavailable; data is copied between workers',
    detect: () => typeof SharedArrayBuffer === 'function',
  },
  {
    name: 'atomicsWait',
    fallback: 'blocking waits spin instead of sleeping',
    detect: () => typeof Atomics.wait === 'function',
  },
  {
    name: 'atomicsWaitAsync',
    fallback: 'async waits on the main thread poll shared memory instead of being woken',
    detect: () => typeof (Atomics as { waitAsync?: unknown }).waitAsync === 'function',
  },
  {
    name: 'sharedMemoryParallelism',
    fallback:
      'ts314/threading cannot share memory: parallelFor/SharedArray/SharedQueue need worker_threads, SharedArrayBuffer and Atomics.wait; use ts314/futures, which copies data to workers',
    // Synchronous by contract, so no worker is started: a real zero-timeout Atomics.wait on a
    // SharedArrayBuffer proves this agent may block (browsers' main threads throw here), and
    // worker_threads must exist for the memory to be shared with anyone.
    detect: () => {
      if (typeof Worker !== 'function' || typeof SharedArrayBuffer !== 'function' || typeof Atomics.wait !== 'function') return false;
      return Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 0) === 'timed-out'
        ? 'worker_threads + SharedArrayBuffer + Atomics.wait'
        : false;
    },
  },
  {
    name: 'nativeZstd',
    fallback: "ts314/compression/zstd always uses its bundled libzstd (node:zlib's zstd lacks training, frame info and prefixes)",
    optional: true,
    detect: () => typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync === 'function',
  },
  {
    name: 'zstd',
    fallback: 'ts314/compression/zstd throws ZstdError (code UNAVAILABLE); `npm rebuild ts314` compiles the addon',
    detect: () => nativeBackend('zstd') ?? false,
  },
  {
    name: 'bz2',
    fallback: 'ts314/compression/bz2 throws Bz2Error (UNAVAILABLE); `npm rebuild ts314` compiles the addon',
    detect: () => nativeBackend('bz2') ?? false,
  },
  {
    name: 'lzma',
    fallback: 'ts314/compression/lzma throws LZMAError (UNAVAILABLE); `npm rebuild ts314` compiles the addon (with liblzma-dev)',
    detect: () => nativeBackend('lzma') ?? false,
  },
  {
    name: 'explicitResourceManagement',
    fallback: 'call close()/shutdown() yourself, or compile `await using` with TypeScript',
    detect: () =>
      typeof Symbol.asyncDispose === 'symbol' && compiles('return async () => { await using x = null; };')
        ? 'native `using` syntax'
        : false,
  },
  {
    name: 'typeStripping',
    fallback: 'run .ts worker modules through a loader such as tsx',
    detect: () => {
      const mode = (process.features as { typescript?: string | false }).typescript;
      return typeof mode === 'string' ? mode : false;
    },
  },
  {
    name: 'gcPerformanceEntries',
    fallback: 'GC pauses cannot be observed: ts314/gc monitor() records none; collect() and getStats() still work',
    detect: () => ((PerformanceObserver as { supportedEntryTypes?: readonly string[] }).supportedEntryTypes ?? []).includes('gc'),
  },
  {
    name: 'exposedGc',
    fallback: 'ts314/gc enables --expose-gc at run time through V8 flags',
    optional: true,
    detect: () => typeof (globalThis as { gc?: unknown }).gc === 'function',
  },
  {
    name: 'promiseWithResolvers',
    fallback: 'an equivalent helper is used',
    optional: true,
    detect: () => typeof (Promise as { withResolvers?: unknown }).withResolvers === 'function',
  },
  {
    name: 'iteratorHelpers',
    fallback: 'AsyncIterables are consumed with for-await loops',
    optional: true,
    detect: () => typeof (globalThis as { Iterator?: { prototype?: { map?: unknown } } }).Iterator?.prototype?.map === 'function',
  },
] as const satisfies readonly FeatureProbe[];

export type FeatureName = (typeof PROBES)[number]['name'];
export type Features = { readonly [K in FeatureName]: FeatureStatus };

let cached: Features | undefined;

/**
 * Every capability ts314 can use, detected once per process.
 * @example
 * if (!features().workerThreads.available) console.warn(features().workerThreads.fallback);
 */
export function features(): Features {
  if (cached) return cached;
  const result: Record<string, FeatureStatus> = {};
  for (const probe of PROBES as readonly FeatureProbe[]) {
    let seen: boolean | string;
    try {
      seen = probe.detect();
    } catch {
      seen = false;
    }
    result[probe.name] = {
      name: probe.name as FeatureName,
      available: seen !== false,
      detail: typeof seen === 'string' ? seen : undefined,
      fallback: probe.fallback,
      optional: probe.optional === true,
    };
  }
  cached = result as Features;
  return cached;
}
