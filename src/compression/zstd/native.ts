// The ts314_zstd addon (libzstd 1.5.7 vendored and compiled by node-gyp): its typed surface and lazy loading.
import { loadAddon } from '../../internal/native-addons.js';
import type { NativeRunResult } from '../core/native.js';
import { ZstdError } from './errors.js';

/** An opaque libzstd object owned by the addon (context or digested dictionary), freed by the GC. */
export type ZstdHandle = { readonly __zstdHandle: unique symbol };

/** How a dictionary is attached: none, digested (CDict/DDict), undigested (loaded per use), prefix. */
export enum DictKind {
  None = 0,
  Digested = 1,
  Undigested = 2,
  Prefix = 3,
}

/** libzstd's ZSTD_dictContentType_e. */
export enum DictContentType {
  Auto = 0,
  Raw = 1,
  Full = 2,
}

/** (parameter, value) pairs, the form the addon applies to a context. */
export type ParamPairs = Int32Array | null;
type DictArg = ZstdHandle | Uint8Array | null;

/**
 * A dictionary as the addon takes it: how it is attached, the handle or bytes, and the content type.
 * It lives here, beside DictKind, so that dict.ts (which makes them) and options.ts (which asks a
 * ZstdDict for one) both depend on this file rather than on each other.
 */
export interface DictSpec {
  readonly kind: DictKind;
  readonly arg: DictArg;
  readonly type: DictContentType;
}

export const NO_DICT: DictSpec = { kind: DictKind.None, arg: null, type: DictContentType.Auto };

export interface ZstdAddon {
  readonly versionString: string;
  readonly versionNumber: number;
  readonly minLevel: number;
  readonly maxLevel: number;
  readonly defaultLevel: number;
  compress(src: Uint8Array, params: ParamPairs, kind: DictKind, dict: DictArg, type: DictContentType): Buffer;
  decompress(src: Uint8Array, params: ParamPairs, kind: DictKind, dict: DictArg, type: DictContentType, maxOut: number): Buffer;
  /** Decodes into `target`; returns the bytes written. */
  decompressInto(src: Uint8Array, params: ParamPairs, kind: DictKind, dict: DictArg, type: DictContentType, target: Uint8Array): number;
  compressAsync(src: Uint8Array, params: ParamPairs, kind: DictKind, dict: DictArg, type: DictContentType): Promise<Buffer>;
  decompressAsync(
    src: Uint8Array,
    params: ParamPairs,
    kind: DictKind,
    dict: DictArg,
    type: DictContentType,
    maxOut: number,
  ): Promise<Buffer>;
  cctxCreate(): ZstdHandle;
  cctxSetPledgedSize(ctx: ZstdHandle, size: number): void;
  dctxCreate(): ZstdHandle;
  /** Full reset of a compression or decompression context, then its parameters and dictionary. */
  configure(ctx: ZstdHandle, params: ParamPairs, kind: DictKind, dict: DictArg, type: DictContentType): void;
  /** Re-attaches a dictionary for the next frame (a prefix lasts one frame). */
  setDict(ctx: ZstdHandle, kind: DictKind, dict: DictArg, type: DictContentType): void;
  /** Drops the current frame; parameters and dictionary stay. */
  reset(ctx: ZstdHandle): void;
  /**
   * codec_stream.h's run over a context, as the bz2 and lzma addons have it: `finish` is libzstd's end
   * directive for a compression context (0 continue, 1 flush, 2 end) and false for a decompression one.
   */
  run(ctx: ZstdHandle, input: Uint8Array, finish: boolean | number, maxOut: number): NativeRunResult;
  runAsync(
    ctx: ZstdHandle,
    input: Uint8Array,
    finish: boolean | number,
    maxOut: number,
    callback: (error: (Error & { code?: string }) | null, result: NativeRunResult | undefined) => void,
  ): void;
  createCDict(content: Uint8Array, type: DictContentType, level: number): ZstdHandle;
  createDDict(content: Uint8Array, type: DictContentType): ZstdHandle;
  dictId(content: Uint8Array): number;
  trainDict(samples: Uint8Array, sizes: Float64Array, dictSize: number): Buffer;
  finalizeDict(content: Uint8Array, samples: Uint8Array, sizes: Float64Array, dictSize: number, level: number): Buffer;
  frameInfo(src: Uint8Array): [contentSize: number, dictId: number];
  frameSize(src: Uint8Array): number;
  paramBounds(compression: boolean, param: number): [number, number];
  errorName(code: number): string;
}

/** The addon's name: binding.gyp's target, build/Release/ts314_zstd.node or its prebuild. */
export const ADDON_NAME = 'ts314_zstd';

/** The addon, or a ZstdError (code ERR_UNAVAILABLE) that says how to get it. */
export function zstdAddon(): ZstdAddon {
  const loaded = loadAddon<ZstdAddon>(ADDON_NAME);
  if (loaded.ok) return loaded.addon;
  throw new ZstdError(`ts314/compression/zstd: the bundled libzstd addon is unavailable: ${loaded.error.message}`, {
    code: 'ERR_UNAVAILABLE',
    cause: loaded.error,
  });
}

/** The addon when it loads, otherwise undefined: for probes that must not throw. */
export function tryZstdAddon(): ZstdAddon | undefined {
  const loaded = loadAddon<ZstdAddon>(ADDON_NAME);
  return loaded.ok ? loaded.addon : undefined;
}

const NOTHING = Buffer.alloc(0);

/**
 * Feeds `src` to a compression context with libzstd's end directive (0 continue, 1 flush a block, 2 end
 * the frame) and returns everything that directive releases; all of `src` is consumed.
 */
export function contextCompress(addon: ZstdAddon, ctx: ZstdHandle, src: Uint8Array, mode: number): Buffer {
  return addon.run(ctx, src, mode, Infinity)[0];
}

/**
 * Decodes at most one frame: stops at its end (`consumed` tells where), when `src` is used up, or when
 * `maxLength` bytes (< 0: unlimited) are out.
 */
export function contextDecompress(
  addon: ZstdAddon,
  ctx: ZstdHandle,
  src: Uint8Array,
  maxLength: number,
): [output: Buffer, consumed: number, frameEnded: boolean] {
  if (maxLength === 0) return [NOTHING, 0, false];
  const [output, consumed, frameEnded] = addon.run(ctx, src, false, maxLength < 0 ? Infinity : maxLength);
  return [output, consumed, frameEnded];
}
