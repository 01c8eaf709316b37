// The lzma backend: ts314's own N-API addon over liblzma (XZ Utils, the library the `xz` CLI uses).
import { loadAddon, nativeBackend } from '../../internal/native-addons.js';
import type { NativeCodecAddon, NativeHandle } from '../core/native.js';
import type { NativeCodecSpec } from '../core/native-codec.js';
import { lzmaError } from './errors.js';

export interface LzmaAddon extends NativeCodecAddon {
  createEncoder(format: number, check: number, preset: number, filters: BigInt64Array | null): NativeHandle;
  createDecoder(format: number, memlimit: number, filters: BigInt64Array | null): NativeHandle;
  isCheckSupported(check: number): boolean;
}

/** The addon, or LZMAError ERR_UNAVAILABLE saying how to get it. */
export function lzmaAddon(): LzmaAddon {
  const load = loadAddon<LzmaAddon>('ts314_lzma');
  if (load.ok) return load.addon;
  throw lzmaError(`the native lzma backend is unavailable: ${load.error.message}`, 'ERR_UNAVAILABLE', load.error);
}

/** Which backend serves lzma here: a description, or undefined when none loads. */
export function lzmaBackend(): string | undefined {
  return nativeBackend('lzma');
}

const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];

export const LZMA_SPEC: NativeCodecSpec = {
  codec: 'lzma',
  addon: lzmaAddon,
  makeError: lzmaError,
  looksLikeStream: (b) => b.length >= 6 && XZ_MAGIC.every((v, i) => b[i] === v),
  emptyInputIsEmptyOutput: false,
};
