// The bz2 backend: ts314's own N-API addon over libbz2 (the library the `bzip2` CLI uses).
import { loadAddon, nativeBackend } from '../../internal/native-addons.js';
import type { NativeCodecAddon, NativeHandle } from '../core/native.js';
import type { NativeCodecSpec } from '../core/native-codec.js';
import { bz2Error } from './errors.js';

export interface Bz2Addon extends NativeCodecAddon {
  createEncoder(level: number): NativeHandle;
  createDecoder(): NativeHandle;
}

/** The addon, or Bz2Error ERR_UNAVAILABLE saying how to get it. */
export function bz2Addon(): Bz2Addon {
  const load = loadAddon<Bz2Addon>('ts314_bz2');
  if (load.ok) return load.addon;
  throw bz2Error(`the native bz2 backend is unavailable: ${load.error.message}`, 'ERR_UNAVAILABLE', load.error);
}

/** Which backend serves bz2 here: a description, or undefined when none loads. */
export function bz2Backend(): string | undefined {
  return nativeBackend('bz2');
}

export const BZ2_SPEC: NativeCodecSpec = {
  codec: 'bz2',
  addon: bz2Addon,
  makeError: bz2Error,
  looksLikeStream: (b) => b.length >= 3 && b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68,
  emptyInputIsEmptyOutput: true,
};
