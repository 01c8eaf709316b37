// How Queue items become bytes: a compact fast path for plain data, v8 serialization for the rest.
import v8 from 'node:v8';

/**
 * v8.serialize costs about 6 µs for a small object here and v8.deserialize 3 µs; most queue
 * traffic is small plain data (numbers, strings, arrays, plain objects), which this encoder writes
 * in well under a microsecond. Anything else — BigInt, Date, Map, typed arrays, sparse arrays,
 * shared or cyclic references, objects with prototypes — goes through v8 whole, so the copy is
 * always exactly what structured cloning would give.
 */
const CODEC_V8 = 0;
const CODEC_FAST = 1;

const T_UNDEFINED = 0;
const T_NULL = 1;
const T_FALSE = 2;
const T_TRUE = 3;
const T_INT32 = 4;
const T_FLOAT64 = 5;
const T_STRING = 6;
const T_ASCII = 7;
const T_ARRAY = 8;
const T_OBJECT = 9;

/** Deeper than this, the item goes through v8 (which also handles cycles). */
const MAX_FAST_DEPTH = 32;
/** Objects tracked by linear scan to spot shared references; more than this and v8 takes over. */
const MAX_FAST_OBJECTS = 64;

class Bail extends Error {}
const BAIL = new Bail();

const encoder = new TextEncoder();
const decoder = new TextDecoder();

let scratch = new Uint8Array(4096);
let view = new DataView(scratch.buffer);
let pos = 0;
const seen: object[] = [];

function ensure(extra: number): void {
  if (pos + extra <= scratch.length) return;
  let size = scratch.length * 2;
  while (size < pos + extra) size *= 2;
  const bigger = new Uint8Array(size);
  bigger.set(scratch.subarray(0, pos));
  scratch = bigger;
  view = new DataView(scratch.buffer);
}

function writeVarint(n: number): void {
  ensure(5);
  while (n >= 0x80) {
    scratch[pos++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  scratch[pos++] = n;
}

const nativeIsWellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;
const isWellFormed: (s: string) => boolean = nativeIsWellFormed
  ? (s) => nativeIsWellFormed.call(s)
  : (s) => !/[\ud800-\udfff]/.test(s) || /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/.test(s);

function writeString(s: string): void {
  const length = s.length;
  if (length <= 64) {
    let ascii = true;
    for (let i = 0; i < length; i++) {
      if (s.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      ensure(6 + length);
      scratch[pos++] = T_ASCII;
      writeVarint(length);
      for (let i = 0; i < length; i++) scratch[pos++] = s.charCodeAt(i);
      return;
    }
  }
  // UTF-8 cannot carry a lone surrogate, which structured cloning keeps: such strings go through v8.
  if (!isWellFormed(s)) throw BAIL;
  ensure(6 + length * 3);
  scratch[pos++] = T_STRING;
  const start = pos;
  pos += 5;
  const { written } = encoder.encodeInto(s, scratch.subarray(pos));
  // The length goes in a fixed 5-byte varint slot so the bytes need not move.
  let n = written;
  for (let i = 0; i < 4; i++) {
    scratch[start + i] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  scratch[start + 4] = n;
  pos += written;
}

function writeValue(value: unknown, depth: number): void {
  switch (typeof value) {
    case 'undefined':
      ensure(1);
      scratch[pos++] = T_UNDEFINED;
      return;
    case 'boolean':
      ensure(1);
      scratch[pos++] = value ? T_TRUE : T_FALSE;
      return;
    case 'number':
      ensure(9);
      if ((value | 0) === value && !Object.is(value, -0)) {
        scratch[pos++] = T_INT32;
        view.setInt32(pos, value, true);
        pos += 4;
      } else {
        scratch[pos++] = T_FLOAT64;
        view.setFloat64(pos, value, true);
        pos += 8;
      }
      return;
    case 'string':
      writeString(value);
      return;
    case 'object':
      break;
    default:
      throw BAIL;
  }
  if (value === null) {
    ensure(1);
    scratch[pos++] = T_NULL;
    return;
  }
  if (depth >= MAX_FAST_DEPTH || seen.length >= MAX_FAST_OBJECTS || seen.includes(value)) throw BAIL;
  seen.push(value);
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) throw BAIL;
    const length = value.length;
    // Holes and extra named properties survive only through v8.
    if (Object.keys(value).length !== length) throw BAIL;
    ensure(1);
    scratch[pos++] = T_ARRAY;
    writeVarint(length);
    for (let i = 0; i < length; i++) writeValue(value[i], depth + 1);
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) throw BAIL;
  // Symbol keys would vanish silently; the checked path refuses them, as it does for call() arguments.
  if (Object.getOwnPropertySymbols(value).length > 0) throw BAIL;
  const keys = Object.keys(value);
  ensure(1);
  scratch[pos++] = T_OBJECT;
  writeVarint(keys.length);
  for (const key of keys) {
    writeString(key);
    writeValue((value as Record<string, unknown>)[key], depth + 1);
  }
}

/**
 * The fast encoding of `value`, or undefined when it holds anything but plain data (then use
 * encodeItemV8). Everything the fast path accepts is shareable, so it needs no separate check.
 */
export function encodeItemFast(value: unknown): Uint8Array | undefined {
  pos = 0;
  seen.length = 0;
  try {
    ensure(1);
    scratch[pos++] = CODEC_FAST;
    writeValue(value, 0);
    return scratch.slice(0, pos);
  } catch (error) {
    if (error !== BAIL) throw error;
    return undefined;
  } finally {
    seen.length = 0;
  }
}

/** The v8 encoding of `value` (throws what v8.serialize throws, e.g. for a SharedArrayBuffer). */
export function encodeItemV8(value: unknown): Uint8Array {
  const body = v8.serialize(value);
  const out = new Uint8Array(body.length + 1);
  out[0] = CODEC_V8;
  out.set(body, 1);
  return out;
}

let input: Uint8Array = new Uint8Array(0);
let inputView = new DataView(input.buffer);
let at = 0;

function readVarint(): number {
  let n = 0;
  let shift = 0;
  for (;;) {
    const byte = input[at++]!;
    n += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return n;
    shift += 7;
  }
}

function readValue(): unknown {
  const tag = input[at++];
  switch (tag) {
    case T_UNDEFINED:
      return undefined;
    case T_NULL:
      return null;
    case T_FALSE:
      return false;
    case T_TRUE:
      return true;
    case T_INT32: {
      const n = inputView.getInt32(at, true);
      at += 4;
      return n;
    }
    case T_FLOAT64: {
      const n = inputView.getFloat64(at, true);
      at += 8;
      return n;
    }
    case T_ASCII: {
      const length = readVarint();
      let s = '';
      for (let i = 0; i < length; i++) s += String.fromCharCode(input[at + i]!);
      at += length;
      return s;
    }
    case T_STRING: {
      const length = readVarint();
      const s = decoder.decode(input.subarray(at, at + length));
      at += length;
      return s;
    }
    case T_ARRAY: {
      const length = readVarint();
      const out = new Array<unknown>(length);
      for (let i = 0; i < length; i++) out[i] = readValue();
      return out;
    }
    case T_OBJECT: {
      const count = readVarint();
      const out: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) {
        const key = readValue() as string;
        // A key named __proto__ must stay an own property, as structured cloning keeps it.
        if (key === '__proto__')
          Object.defineProperty(out, key, { value: readValue(), writable: true, enumerable: true, configurable: true });
        else out[key] = readValue();
      }
      return out;
    }
    default:
      throw new Error(`corrupt Queue item: unknown tag ${String(tag)} at byte ${at - 1}`);
  }
}

/** Rebuilds an item written by encodeItem(). */
export function decodeItem(bytes: Uint8Array): unknown {
  if (bytes[0] === CODEC_V8) return v8.deserialize(bytes.subarray(1));
  input = bytes;
  inputView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  at = 1;
  try {
    return readValue();
  } finally {
    input = new Uint8Array(0);
  }
}
