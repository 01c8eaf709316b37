// PEP 750's convert(): the !s, !r and !a conversions, with Python-like str/repr/ascii of JS values.
import { floatText } from './dtoa.js';

/** A conversion as PEP 750 records it: `!s`, `!r`, `!a`, or none. */
export type Conversion = 's' | 'r' | 'a';

/**
 * Implement `[repr](): string` on a class to choose its `!r` text, like Python's `__repr__`.
 * @example
 * class Point { constructor(public x: number) {} [repr]() { return `Point(${this.x})`; } }
 * convert(new Point(1), 'r'); // 'Point(1)'
 */
export const repr: unique symbol = Symbol.for('ts314.templatelib.repr');

/**
 * Whether a JS number is shown as a Python `int`: safe integers (except -0) are; everything else
 * (fractions, -0, NaN, ±Infinity and integers beyond 2^53, which JS cannot hold exactly) is a float.
 */
export function isIntLike(x: number): boolean {
  return Number.isSafeInteger(x) && !Object.is(x, -0);
}

/** Python's str() of a JS number: `3`, `3.5`, `1e+16`, `-0.0`, `nan`, `inf`. */
export function numberStr(x: number): string {
  if (isIntLike(x)) return String(x);
  // Where CPython's repr uses fixed notation and JS's String() does too, both print the same
  // shortest digits; only an integral float needs Python's '.0'.
  const ax = x < 0 ? -x : x;
  if (ax >= 1e-4 && ax < 1e16) return Number.isInteger(x) ? `${String(x)}.0` : String(x);
  return floatText(x, 'r', 0, false, true, false);
}

// Python's str.isprintable(): everything but "Other" and "Separator" categories, space excepted.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const NEEDS_ESCAPE = /[\\'"\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

function escapeCodePoint(code: number): string {
  if (code < 0x100) return `\\x${hex(code, 2)}`;
  if (code < 0x10000) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

/** Python's repr() of a str: quote choice and escapes as CPython's unicode_repr. */
export function stringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  if (!NEEDS_ESCAPE.test(s)) return quote + s + quote;
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) out += escapeCodePoint(code);
    else out += ch;
  }
  return out + quote;
}

/**
 * Python's ascii(): repr with every non-ASCII code point escaped (`\xe9`, `\u20ac`, `\U0001f600`).
 * @example
 * asciiOf('café'); // "'caf\\xe9'"
 */
export function asciiOf(value: unknown): string {
  const text = reprOf(value);
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code < 0x80 ? ch : escapeCodePoint(code);
  }
  return out;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A Python tuple's repr of already-repr'd items: `()`, `(a,)`, `(a, b)`. */
export function tupleRepr(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/**
 * Python's repr() of a JS value, as documented in docs/templatelib.md: strings quoted like Python,
 * numbers as int/float, booleans `True`/`False`, null/undefined `None`, arrays and typed arrays as
 * lists, plain objects and Maps as dicts, Sets as sets, class instances as `Name(key=value, …)`.
 * @example
 * reprOf({ a: [1, 'x', null] }); // "{'a': [1, 'x', None]}"
 */
export function reprOf(value: unknown, seen: Set<object> = new Set()): string {
  switch (typeof value) {
    case 'string':
      return stringRepr(value);
    case 'number':
      return numberStr(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'symbol':
      return value.toString();
    case 'function':
      return `<function ${value.name || '<anonymous>'}>`;
  }
  if (value === null) return 'None';
  const obj = value as object;
  const custom = (obj as { [repr]?: unknown })[repr];
  if (typeof custom === 'function') return String(custom.call(obj));
  if (seen.has(obj)) return Array.isArray(obj) ? '[...]' : '{...}';
  seen.add(obj);
  try {
    if (Array.isArray(obj)) return `[${obj.map((v) => reprOf(v, seen)).join(', ')}]`;
    if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
      return `[${Array.from(obj as unknown as ArrayLike<number | bigint>, (v) => reprOf(v, seen)).join(', ')}]`;
    }
    if (obj instanceof Map) return `{${[...obj].map(([k, v]) => `${reprOf(k, seen)}: ${reprOf(v, seen)}`).join(', ')}}`;
    if (obj instanceof Set) return obj.size === 0 ? 'set()' : `{${[...obj].map((v) => reprOf(v, seen)).join(', ')}}`;
    if (obj instanceof Date) return `Date(${stringRepr(Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString())})`;
    if (obj instanceof Error) return `${obj.name}(${stringRepr(obj.message)})`;
    if (isPlainObject(obj)) {
      return `{${Object.entries(obj)
        .map(([k, v]) => `${stringRepr(k)}: ${reprOf(v, seen)}`)
        .join(', ')}}`;
    }
    const name = (obj.constructor as { name?: string } | undefined)?.name || 'object';
    if (obj.toString !== Object.prototype.toString) return `${name}(${stringRepr(String(obj))})`;
    return `${name}(${Object.entries(obj)
      .map(([k, v]) => `${k}=${reprOf(v, seen)}`)
      .join(', ')})`;
  } finally {
    seen.delete(obj);
  }
}

/**
 * Python's str() of a JS value: strings as they are, numbers/booleans/None as Python prints them,
 * Dates as ISO 8601, objects with their own toString() through it, containers as their repr.
 * @example
 * strOf(true); // 'True'
 */
export function strOf(value: unknown): string {
  // Only strings print differently from their repr; every other primitive, null included, is alike.
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !isPlainObject(value) &&
    typeof (value as { [repr]?: unknown })[repr] !== 'function'
  ) {
    if (value.toString !== Object.prototype.toString && !(value instanceof Map) && !(value instanceof Set) && !ArrayBuffer.isView(value)) {
      return String(value);
    }
  }
  return reprOf(value);
}

/**
 * PEP 750's `convert(obj, conversion)`: `null` returns the value untouched, `'s'` gives str(),
 * `'r'` repr() and `'a'` ascii() — Python's texts for JS values (see docs/templatelib.md).
 * Any other conversion throws RangeError (Python's ValueError) `invalid conversion specifier: X`.
 * @example
 * convert('café', 'r'); // "'café'"
 * convert('café', 'a'); // "'caf\\xe9'"
 * convert([1, 'a', null], 's'); // "[1, 'a', None]"
 */
export function convert(value: unknown, conversion: Conversion | null | undefined): unknown {
  if (conversion === null || conversion === undefined) return value;
  switch (conversion) {
    case 's':
      return strOf(value);
    case 'r':
      return reprOf(value);
    case 'a':
      return asciiOf(value);
  }
  throw new RangeError(`invalid conversion specifier: ${String(conversion)}`);
}
