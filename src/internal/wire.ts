// How call arguments cross into a worker: checked before sending, shared handles revived on arrival.
import { checkShareable, SHARE_HANDLE } from './shareable.js';
import { importModule } from './worker/boot-data.js';

/**
 * The plain-data form of an object that crosses by handle (Queue, Lock, …). `module` is the URL of
 * the module that defines it; that module exports `reviveHandle(state)`, so a worker can rebuild the
 * object without a registry that must be imported first.
 */
export interface SharedHandle {
  readonly __ts314Handle: string;
  readonly module: string;
  readonly state: unknown;
}

export interface EncodedArgs {
  readonly payload: unknown[];
  /** Whether decodeArgs must walk the payload to revive handles (false for plain data: no walk). */
  readonly hasHandles: boolean;
}

export function isSharedHandle(value: unknown): value is SharedHandle {
  return typeof value === 'object' && value !== null && typeof (value as SharedHandle).__ts314Handle === 'string';
}

/** Whether `value` holds, at any depth, an object that crosses by handle (a Queue, a Lock, …). */
export function containsHandle(value: unknown): boolean {
  return hasHandle(value, new Set());
}

function hasHandle(value: unknown, seen: Set<object>): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  if ((value as Record<symbol, unknown>)[SHARE_HANDLE] !== undefined) return true;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return false;
  seen.add(value);
  const items = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
  return items.some((item) => hasHandle(item, seen));
}

function replaceHandles(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const toHandle = (value as Record<symbol, unknown>)[SHARE_HANDLE];
  if (typeof toHandle === 'function') return (toHandle as () => SharedHandle).call(value);
  if (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    value instanceof SharedArrayBuffer ||
    value instanceof Date ||
    value instanceof RegExp ||
    value instanceof Error
  )
    return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(replaceHandles(item, seen));
    return out;
  }
  if (value instanceof Map) {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value) out.set(replaceHandles(k, seen), replaceHandles(v, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    seen.set(value, out);
    for (const v of value) out.add(replaceHandles(v, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = replaceHandles(v, seen);
  return out;
}

/**
 * Sender side: throws NotShareableError (naming `args[i]…`) for anything that cannot cross, and
 * swaps shared objects for their handles. Plain data is passed through untouched.
 */
export function encodeArgs(args: readonly unknown[], pathPrefix = 'args'): EncodedArgs {
  let handles = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (typeof arg !== 'object' || arg === null) {
      if (typeof arg === 'function' || typeof arg === 'symbol') checkShareable(arg, `${pathPrefix}[${i}]`);
      continue;
    }
    checkShareable(arg, `${pathPrefix}[${i}]`);
    if (!handles && hasHandle(arg, new Set())) handles = true;
  }
  if (!handles) return { payload: args as unknown[], hasHandles: false };
  return { payload: args.map((arg) => replaceHandles(arg, new Map())), hasHandles: true };
}

/**
 * Sender side for one value with its own path (a call's result, a prepareMain binding): the
 * EncodedArgs holds `[value]`, and errors name `path` itself, e.g. `result.items[2]`.
 */
export function encodeValue(value: unknown, path: string): EncodedArgs {
  checkShareable(value, path);
  if (!hasHandle(value, new Set())) return { payload: [value], hasHandles: false };
  return { payload: [replaceHandles(value, new Map())], hasHandles: true };
}

async function reviveIn(value: unknown, seen: Set<object>): Promise<unknown> {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  if (isSharedHandle(value)) {
    const mod = (await importModule(value.module)) as { reviveHandle?: (state: unknown, kind: string) => unknown };
    if (typeof mod.reviveHandle !== 'function') throw new TypeError(`module ${value.module} cannot revive a ${value.__ts314Handle} handle`);
    return mod.reviveHandle(value.state, value.__ts314Handle);
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = await reviveIn(value[i], seen);
  } else if (value instanceof Map) {
    // Keys may be handles too (encodeArgs replaced them), so entries are rebuilt in order.
    const entries = [...value];
    value.clear();
    for (const [k, v] of entries) value.set(await reviveIn(k, seen), await reviveIn(v, seen));
  } else if (value instanceof Set) {
    // Sets are rebuilt in order so a revived handle takes its placeholder's place.
    const items = [...value];
    value.clear();
    for (const item of items) value.add(await reviveIn(item, seen));
  } else {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = await reviveIn(v, seen);
  }
  return value;
}

/** Receiver side: rebuilds shared objects from their handles (in place: the payload is a fresh clone). */
export async function decodeArgs(encoded: EncodedArgs): Promise<unknown[]> {
  if (!encoded.hasHandles) return encoded.payload;
  return (await reviveIn(encoded.payload, new Set())) as unknown[];
}
