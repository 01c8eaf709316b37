// The json() processor: every interpolation serialized as JSON where it stands; the result is always valid JSON.
import { checkOptionKeys } from '../internal/validate.js';
import { convert } from './convert.js';
import { JsonTemplateError } from './errors.js';
import { formatValue } from './format.js';
import { Template, templateOf } from './template.js';

/** What to write for NaN and ±Infinity, which JSON cannot express. */
export type NonFinitePolicy = 'error' | 'null' | 'string';

/** Options of {@link json}. */
export interface JsonOptions {
  /**
   * NaN/±Infinity: `'error'` (default) refuses them, `'null'` writes null (as JSON.stringify does),
   * `'string'` writes `"NaN"`, `"Infinity"`, `"-Infinity"`.
   */
  nonFinite?: NonFinitePolicy;
}

/** Refusing NaN by default keeps the promise that the output is valid JSON *and* means what the data said. */
export const DEFAULT_NON_FINITE: NonFinitePolicy = 'error';

const OPTION_KEYS = ['nonFinite'] as const;

class Unserializable extends Error {}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (value === undefined) return 'undefined';
  return typeof value;
}

/**
 * JSON text of a JS value: typed arrays → arrays, bigint → exact integer, Date → ISO string,
 * Map → object (string/number keys), Set → array, `toJSON()` honoured, nested Templates through json().
 * Throws on functions, symbols, cycles, invalid Dates and (by policy) non-finite numbers.
 * @example
 * toJson(new Map([['a', new Uint8Array([1, 2])]])); // '{"a":[1,2]}'
 */
export function toJson(
  value: unknown,
  nonFinite: NonFinitePolicy = DEFAULT_NON_FINITE,
  path = 'value',
  seen: Set<object> = new Set(),
): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'number':
      if (Number.isFinite(value)) return JSON.stringify(value);
      if (nonFinite === 'null') return 'null';
      if (nonFinite === 'string') return JSON.stringify(String(value));
      throw new Unserializable(`${path}: ${value} is not valid JSON (choose { nonFinite: 'null' } or 'string' to write it)`);
    case 'undefined':
    case 'function':
    case 'symbol':
      throw new Unserializable(`${path}: ${describe(value)} has no JSON form`);
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (obj instanceof Template) return json(obj, { nonFinite });
  if (obj instanceof Date) {
    if (Number.isNaN(obj.getTime())) throw new Unserializable(`${path}: an invalid Date has no JSON form`);
    return JSON.stringify(obj.toISOString());
  }
  if (seen.has(obj)) throw new Unserializable(`${path}: a cycle has no JSON form`);
  seen.add(obj);
  try {
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return toJson(toJSON.call(obj), nonFinite, path, seen);
    if (Array.isArray(obj)) {
      return `[${obj.map((v, i) => (v === undefined ? 'null' : toJson(v, nonFinite, `${path}[${i}]`, seen))).join(',')}]`;
    }
    if (ArrayBuffer.isView(obj)) {
      if (obj instanceof DataView) throw new Unserializable(`${path}: a DataView has no JSON form (use a typed array)`);
      return `[${Array.from(obj as unknown as ArrayLike<number | bigint>, (v, i) => toJson(v, nonFinite, `${path}[${i}]`, seen)).join(',')}]`;
    }
    if (obj instanceof ArrayBuffer) throw new Unserializable(`${path}: an ArrayBuffer has no JSON form (wrap it in a Uint8Array)`);
    if (obj instanceof Set) return `[${[...obj].map((v, i) => toJson(v, nonFinite, `${path}[${i}]`, seen)).join(',')}]`;
    if (obj instanceof Map) {
      const parts: string[] = [];
      for (const [k, v] of obj) {
        if (typeof k !== 'string' && typeof k !== 'number' && typeof k !== 'bigint') {
          throw new Unserializable(`${path}: a Map key of type ${typeof k} cannot be a JSON object key`);
        }
        if (v === undefined) continue;
        parts.push(`${JSON.stringify(String(k))}:${toJson(v, nonFinite, `${path}.get(${JSON.stringify(k)})`, seen)}`);
      }
      return `{${parts.join(',')}}`;
    }
    const parts: string[] = [];
    for (const key of Object.keys(obj)) {
      const v = (obj as Record<string, unknown>)[key];
      if (v === undefined) continue; // as JSON.stringify: an absent optional property
      parts.push(`${JSON.stringify(key)}:${toJson(v, nonFinite, `${path}.${key}`, seen)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}

/** Where an interpolation sits in the JSON text. */
enum Spot {
  Value,
  Key,
  InString,
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The JSON lexical position of each interpolation (cached per static strings). */
function analyzeJson(strings: readonly string[]): Spot[] {
  const spots: Spot[] = [];
  let inString = false;
  let escaped = false;
  const stack: string[] = [];
  let expectKey = false;
  for (let k = 0; k < strings.length; k++) {
    const s = strings[k]!;
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') {
        inString = true;
        expectKey = false;
      } else if (c === '{') {
        stack.push('{');
        expectKey = true;
      } else if (c === '[') {
        stack.push('[');
        expectKey = false;
      } else if (c === '}' || c === ']') {
        stack.pop();
        expectKey = false;
      } else if (c === ',') expectKey = stack[stack.length - 1] === '{';
      else if (c === ':') expectKey = false;
    }
    if (k < strings.length - 1) {
      spots.push(inString ? Spot.InString : expectKey ? Spot.Key : Spot.Value);
      if (!inString) expectKey = false;
    }
  }
  return spots;
}

const spotCache = new WeakMap<readonly string[], Spot[]>();

function label(index: number, expression: string): string {
  return `interpolation #${index}${expression ? ` {${expression}}` : ''}`;
}

/**
 * Renders a Template whose static text is JSON: an interpolation inside a JSON string is inserted as
 * escaped text (after its conversion/format spec); at a key position it becomes a JSON string; at a
 * value position it is serialized with {@link toJson} — or, when it has a format spec, written as the
 * formatted number (`{avg:.3f}` → `0.535`) or else as a JSON string. The result is checked with
 * JSON.parse; any failure is a JsonTemplateError naming the interpolation.
 * @example
 * json(t`{"user": ${{ name: 'Ada' }}, "tags": ${new Set(['a'])}}`); // '{"user": {"name":"Ada"}, "tags": ["a"]}'
 */
export function json(template: Template, options?: JsonOptions): string;
export function json(strings: TemplateStringsArray, ...values: unknown[]): string;
export function json(template: Template | TemplateStringsArray, ...rest: unknown[]): string {
  let options: JsonOptions = {};
  let values = rest;
  if (template instanceof Template && rest.length === 1 && typeof rest[0] === 'object' && rest[0] !== null) {
    options = rest[0] as JsonOptions;
    values = [];
  }
  checkOptionKeys(options, OPTION_KEYS, 'json()');
  const nonFinite = options.nonFinite ?? DEFAULT_NON_FINITE;
  if (nonFinite !== 'error' && nonFinite !== 'null' && nonFinite !== 'string') {
    throw new TypeError(`json(): nonFinite must be 'error', 'null' or 'string', got ${JSON.stringify(nonFinite)}`);
  }
  const tpl = templateOf(template, values, 'json');
  const { strings, interpolations } = tpl;
  let spots = spotCache.get(strings);
  if (spots === undefined) spotCache.set(strings, (spots = analyzeJson(strings)));
  let out = strings[0]!;
  const starts: number[] = [];
  for (let i = 0; i < interpolations.length; i++) {
    const item = interpolations[i]!;
    starts.push(out.length);
    let piece: string;
    try {
      const formatted = item.conversion !== null || item.formatSpec !== '';
      const text = () => formatValue(item.conversion === null ? item.value : convert(item.value, item.conversion), item.formatSpec);
      switch (spots[i]!) {
        case Spot.InString:
          piece = JSON.stringify(text()).slice(1, -1);
          break;
        case Spot.Key:
          piece = JSON.stringify(text());
          break;
        default:
          if (formatted) {
            const t = text();
            piece = JSON_NUMBER.test(t) ? t : JSON.stringify(t);
          } else piece = toJson(item.value, nonFinite);
      }
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new JsonTemplateError(`json(): ${label(i, item.expression)}: ${detail}`, { index: i, expression: item.expression, cause: e });
    }
    out += piece + strings[i + 1]!;
  }
  try {
    JSON.parse(out);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const at = m ? Number(m[1]) : -1;
    let index = -1;
    for (let i = 0; i < starts.length; i++) if (at >= starts[i]!) index = i;
    const where = index >= 0 ? `, after ${label(index, interpolations[index]!.expression)}` : ' in the static text';
    throw new JsonTemplateError(`json(): the result is not valid JSON (${(e as Error).message})${where}`, {
      index: index,
      expression: index >= 0 ? interpolations[index]!.expression : '',
      cause: e,
    });
  }
  return out;
}

/**
 * {@link json} then JSON.parse: the seed's `json_response` handler, returning the parsed value.
 * @example
 * json.parse(t`{"n": ${1n}}`); // { n: 1 }
 */
json.parse = function parse(template: Template, options?: JsonOptions): unknown {
  return JSON.parse(options === undefined ? json(template) : json(template, options));
};
