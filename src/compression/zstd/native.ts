// The ts314_zstd addon (libzstd 1.5.7 vendored and compiled by node-gyp): its typed surface and lazy loading.
import { loadAddon } from '../core/native.js';
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

export interface ZstdAddon {
  readonly versionString: string;
  readonly versionNumber: number;
  readonly minLevel: number;
  readonly maxLevel: number;
  readonly defaultLevel: number;
  compress(src: Uint8Array, params: ParamPairs, kind: DictKind, dict: DictArg, type: DictContentType): Buffer;
  decompress(src: Uint8Array, params: ParamPairs, kind: DictKind, dict: DictArg, type: DictContentType, maxOut: number): Buffer;
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
  cctxConfigure(ctx: ZstdHandle, params: ParamPairs, kind: DictKind, dict: DictArg, type: DictContentType): void;
  cctxSetDict(ctx: ZstdHandle, kind: DictKind, dict: DictArg, type: DictContentType): void;
  cctxCompress(ctx: ZstdHandle, src: Uint8Array, endOp: number): Buffer;
  cctxReset(ctx: ZstdHandle): void;
  cctxSetPledgedSize(ctx: ZstdHandle, size: number): void;
  dctxCreate(): ZstdHandle;
  dctxConfigure(ctx: ZstdHandle, params: ParamPairs, kind: DictKind, dict: DictArg, type: DictContentType): void;
  dctxSetDict(ctx: ZstdHandle, kind: DictKind, dict: DictArg, type: DictContentType): void;
  dctxDecompress(ctx: ZstdHandle, src: Uint8Array, maxLength: number): [output: Buffer, consumed: number, frameEnded: boolean];
  dctxReset(ctx: ZstdHandle): void;
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

/** The file node-gyp builds from binding.gyp (target ts314_zstd). */
export const ADDON_NAME = 'ts314_zstd';

/** The addon, or a ZstdError (code ERR_UNAVAILABLE) that says how to build it. */
export function zstdAddon(): ZstdAddon {
  const loaded = loadAddon<ZstdAddon>(ADDON_NAME);
  if (loaded.ok) return loaded.addon;
  throw new ZstdError(
    `ts314/compression/zstd: the native libzstd addon (build/Release/${ADDON_NAME}.node) could not be loaded: ` +
      `${loaded.error.message}. Build it with \`npm run build:native\` (node-gyp and a C compiler are needed).`,
    { code: 'ERR_UNAVAILABLE', cause: loaded.error },
  );
}

/** The addon when it loads, otherwise undefined: for probes that must not throw. */
export function tryZstdAddon(): ZstdAddon | undefined {
  const loaded = loadAddon<ZstdAddon>(ADDON_NAME);
  return loaded.ok ? loaded.addon : undefined;
}
