// Loading ts314's own codec addons (libbz2, liblzma) built by node-gyp into build/Release.
import { createRequire } from 'node:module';

/** One incremental codec run: output, input bytes consumed, end of stream seen, output cap hit. */
export type NativeRunResult = [output: Buffer, consumed: number, eof: boolean, limited: boolean];

/** An opaque codec state owned by the addon. */
export type NativeHandle = { readonly __nativeHandle: unique symbol };

/** The surface both addons share (src/compression/native/common/codec_stream.h). */
export interface NativeCodecAddon {
  readonly version: string;
  run(handle: NativeHandle, input: Uint8Array, finish: boolean, maxOut: number): NativeRunResult;
  runAsync(
    handle: NativeHandle,
    input: Uint8Array,
    finish: boolean,
    maxOut: number,
    callback: (error: (Error & { code?: string }) | null, result: NativeRunResult | undefined) => void,
  ): void;
}

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
    result = { ok: true, addon: require(`../../../build/Release/${name}.node`) as unknown };
  } catch (error) {
    result = { ok: false, error: error as Error };
  }
  cache.set(name, result);
  return result as AddonLoad<T>;
}
