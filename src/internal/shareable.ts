// The shareability check: what may cross into another interpreter, with the path of what may not.
import { MessagePort } from 'node:worker_threads';
import { Ts314TypeError, type Ts314ErrorOptions } from './errors.js';

/**
 * Objects that cross by handle rather than by copy (Queue, Lock, …) carry this symbol; its value
 * is a function returning the structured-cloneable handle.
 */
export const SHARE_HANDLE = Symbol.for('ts314.shareHandle');

/**
 * A value cannot cross into another interpreter. Raised before anything is sent; `path` names the
 * offending value, e.g. `args[1].onDone`. A TypeError (a value of the wrong kind), as in Python.
 * Public as ts314/interpreters' (and ts314/futures') `NotShareableError`; it lives here, beside the
 * check that throws it, so internal/ imports nothing public.
 */
export class NotShareableError extends Ts314TypeError<'ERR_NOT_SHAREABLE'> {
  static override readonly code = 'ERR_NOT_SHAREABLE';
  override name = 'NotShareableError';
  /** Where the value sits in what was sent, e.g. `args[1].onDone` ('' when unknown). */
  declare readonly path: string;
  constructor(message: string, options?: Ts314ErrorOptions<'ERR_NOT_SHAREABLE'> & { path?: string }) {
    super(message, { path: '', ...options });
  }
}

/** `${path} is not shareable: ${reason}`, the message of every NotShareableError. */
export function notShareable(path: string, reason: string, options?: { cause?: unknown }): NotShareableError {
  return new NotShareableError(`${path} is not shareable: ${reason}`, { path, ...options });
}

const CLONEABLE_TAGS = new Set([
  'Date',
  'RegExp',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Boolean',
  'Number',
  'String',
  'BigInt',
  'Blob',
  'File',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'Float16Array',
]);

/**
 * Throws NotShareableError naming the first value that cannot cross (functions, symbols, class
 * instances whose methods would be silently lost, promises, weak collections, …). Plain data,
 * Maps, Sets, Dates, errors, (Shared)ArrayBuffers and typed arrays pass; so do SHARE_HANDLE objects.
 * Primitives return at once, so the check costs nothing for tiny tasks.
 */
export function checkShareable(value: unknown, path: string, seen: Set<object> = new Set()): void {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return;
    case 'symbol':
      throw notShareable(path, 'symbols cannot be sent to another interpreter');
    case 'function':
      throw notShareable(
        path,
        `functions cannot be sent as data (${(value as { name?: string }).name || 'anonymous'}); ` +
          'pass the function itself as the callable, or send data and rebuild behaviour on the other side',
      );
  }
  if (value === null) return;
  const object = value as object;
  if (seen.has(object)) return;
  if ((object as Record<symbol, unknown>)[SHARE_HANDLE] !== undefined) return;
  const tag = Object.prototype.toString.call(object).slice(8, -1);
  if (CLONEABLE_TAGS.has(tag) || ArrayBuffer.isView(object)) return;
  // Crosses only when listed in `transfer`; postMessage says so (DataCloneError) when it is not.
  if (object instanceof MessagePort) return;
  seen.add(object);
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length; i++) checkShareable(object[i], `${path}[${i}]`, seen);
    return;
  }
  if (object instanceof Map) {
    let i = 0;
    for (const [k, v] of object) {
      checkShareable(k, `${path}.<key ${i}>`, seen);
      checkShareable(v, `${path}.get(${typeof k === 'string' ? JSON.stringify(k) : `<key ${i}>`})`, seen);
      i++;
    }
    return;
  }
  if (object instanceof Set) {
    let i = 0;
    for (const v of object) checkShareable(v, `${path}.<item ${i++}>`, seen);
    return;
  }
  if (object instanceof Error) return;
  const proto = Object.getPrototypeOf(object) as object | null;
  if (proto !== Object.prototype && proto !== null) {
    const className = (proto as { constructor?: { name?: string } }).constructor?.name ?? tag;
    throw notShareable(
      path,
      `it is a ${className} instance; only plain data crosses an interpreter boundary (its prototype and methods would be lost). ` +
        'Send a plain object and rebuild the instance on the other side',
    );
  }
  for (const key of Object.keys(object)) {
    checkShareable(
      (object as Record<string, unknown>)[key],
      /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`,
      seen,
    );
  }
  for (const sym of Object.getOwnPropertySymbols(object)) {
    if (Object.prototype.propertyIsEnumerable.call(object, sym)) {
      throw notShareable(`${path}[${String(sym)}]`, 'symbol-keyed properties are dropped by structured cloning');
    }
  }
}

/**
 * Whether `value` can be sent to another interpreter (Python's `is_shareable`, with ts314's rules:
 * structured-cloneable data, (Shared)ArrayBuffers and SHARE_HANDLE objects such as Queues).
 * @example
 * isShareable({ a: [1, 2n, new Uint8Array(4)] }); // true
 * isShareable({ onDone() {} });                    // false
 */
export function isShareable(value: unknown): boolean {
  try {
    checkShareable(value, 'value');
    return true;
  } catch (error) {
    if (error instanceof NotShareableError) return false;
    throw error;
  }
}
