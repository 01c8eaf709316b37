// Input normalisation: every bytes-like value a codec accepts, viewed as a Uint8Array without copying.
import { InvalidArgumentError } from '../../internal/errors.js';

/** What the codecs accept as data: bytes in any view, or a string (encoded as UTF-8, as node:zlib does). */
export type BytesLike = Uint8Array | ArrayBuffer | ArrayBufferView | string;

/** A Uint8Array view of `data` (no copy), or a TypeError naming what was passed instead. */
export function toBytes(data: unknown, where: string): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && data instanceof SharedArrayBuffer)) {
    return new Uint8Array(data);
  }
  const got = data === null ? 'null' : typeof data === 'object' ? (data.constructor?.name ?? 'object') : typeof data;
  throw new InvalidArgumentError(`${where}: data must be a Uint8Array, Buffer, ArrayBuffer, typed array or string, got ${got}`);
}

/** A Buffer sharing memory with `bytes` (Buffers are what Node's stream and file APIs hand back). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A Uint8Array over the bytes of `buffer` for a codec to write into, or a TypeError naming what was passed instead. */
export function writableBytes(buffer: unknown, where: string): Uint8Array {
  if (!ArrayBuffer.isView(buffer)) {
    throw new InvalidArgumentError(
      `${where}: expected a Buffer, typed array or DataView to read into, got ${buffer === null ? 'null' : typeof buffer}`,
    );
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
