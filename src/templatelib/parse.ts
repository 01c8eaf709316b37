// Template.parse: Python t-string syntax read from a runtime string, resolving names/attribute/index paths in a scope.
import { didYouMean } from '../internal/did-you-mean.js';
import { convert, type Conversion } from './convert.js';
import { TemplateLookupError, TemplateSyntaxError } from './errors.js';
import { formatValue } from './format.js';
import { Interpolation } from './interpolation.js';
import { type ParseScope, setParseImplementation, Template } from './template.js';

/** Python nests replacement fields inside format specs at most this deep ("expressions nested too deeply"). */
const MAX_SPEC_NESTING = 2;

/** Properties that would walk from data into code; never reachable through a path. */
const FORBIDDEN = new Set([
  '__proto__',
  'prototype',
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

const ID_START = /[\p{L}\p{Nl}_]/u;
const ID_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]/u;

function pyType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'object': {
      const proto = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) return 'dict';
      return (value.constructor as { name?: string } | undefined)?.name || 'object';
    }
  }
  return typeof value;
}

function attributeNames(value: object): string[] {
  const names = new Set<string>();
  let obj: object | null = value;
  while (obj !== null && obj !== Object.prototype && obj !== Function.prototype) {
    for (const key of Object.getOwnPropertyNames(obj)) if (!FORBIDDEN.has(key)) names.add(key);
    obj = Object.getPrototypeOf(obj) as object | null;
  }
  return [...names];
}

/** A `name(.attr | [index])*` path as read, resolved only once the whole source is valid syntax. */
interface PathNode {
  name: string;
  at: number;
  steps: (
    | { kind: 'attr'; name: string; at: number; end: number }
    | { kind: 'index'; key: string | number | PathNode; at: number; end: number }
  )[];
}

/** A replacement field as read: its path, conversion, and format spec as literal text and nested fields. */
interface FieldNode {
  path: PathNode;
  expression: string;
  debugText: string;
  conversion: Conversion | null;
  spec: (string | FieldNode)[];
}

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(problem: string, at = this.pos): never {
    throw new TemplateSyntaxError(problem, { source: this.src, offset: at });
  }

  /** Phase one: the whole source is read (and its syntax checked) before anything is looked up. */
  parse(): { strings: string[]; fields: FieldNode[] } {
    const strings: string[] = [];
    const fields: FieldNode[] = [];
    let text = '';
    const src = this.src;
    while (this.pos < src.length) {
      const ch = src[this.pos]!;
      if (ch === '{') {
        if (src[this.pos + 1] === '{') {
          text += '{';
          this.pos += 2;
          continue;
        }
        const field = this.field(0);
        text += field.debugText;
        strings.push(text);
        text = '';
        fields.push(field);
      } else if (ch === '}') {
        if (src[this.pos + 1] === '}') {
          text += '}';
          this.pos += 2;
          continue;
        }
        this.fail("single '}' is not allowed");
      } else {
        text += ch;
        this.pos++;
      }
    }
    strings.push(text);
    return { strings, fields };
  }

  skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }

  /** One `{…}` field; `this.pos` is at its `{`. */
  field(depth: number): FieldNode {
    const open = this.pos;
    this.pos++;
    const exprStart = this.pos;
    this.skipSpace();
    if (this.pos >= this.src.length) this.fail("expecting '}'", open);
    const c = this.src[this.pos]!;
    if (c === '}' || c === '!' || c === ':' || c === '=') {
      this.fail(`valid expression required before '${c}'`);
    }
    const path = this.path();
    this.skipSpace();
    let exprEnd = this.pos;
    let debugText = '';
    let conversion: Conversion | null = null;
    let spec: (string | FieldNode)[] = [];
    let debug = false;
    if (this.src[this.pos] === '=') {
      debug = true;
      this.pos++;
      this.skipSpace();
      debugText = this.src.slice(exprStart, this.pos);
      exprEnd = debugText.lastIndexOf('=') + exprStart;
    }
    const expression = this.src.slice(exprStart, exprEnd);
    if (this.pos >= this.src.length) this.fail("expecting '}'", open);
    if (this.src[this.pos] === '!') {
      const bang = this.pos;
      this.pos++;
      const conv = this.src[this.pos];
      if (conv === undefined || conv === ':' || conv === '}') this.fail('missing conversion character', bang + 1);
      if (conv !== 's' && conv !== 'r' && conv !== 'a') {
        this.fail(`invalid conversion character '${conv}': expected 's', 'r', or 'a'`);
      }
      conversion = conv;
      this.pos++;
      if (this.pos < this.src.length && this.src[this.pos] !== ':' && this.src[this.pos] !== '}') {
        this.fail("expecting '}' after the conversion character");
      }
    }
    if (this.src[this.pos] === ':') {
      this.pos++;
      spec = this.formatSpec(depth);
    }
    if (this.pos >= this.src.length) this.fail("expecting '}'", open);
    if (this.src[this.pos] !== '}') {
      this.fail(
        `only names, attributes (.name) and indexes ([0], ['key']) are allowed; expecting '}' but found ${JSON.stringify(this.src[this.pos])}`,
      );
    }
    this.pos++;
    if (debug && conversion === null && spec.length === 0) conversion = 'r';
    return { path, expression, debugText, conversion, spec };
  }

  /** A format spec up to (not including) its closing `}`: literal text and nested fields. */
  formatSpec(depth: number): (string | FieldNode)[] {
    const parts: (string | FieldNode)[] = [];
    let text = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      if (ch === '}') break;
      if (ch === '{') {
        if (depth + 1 >= MAX_SPEC_NESTING) this.fail('expressions nested too deeply');
        if (text) parts.push(text);
        text = '';
        parts.push(this.field(depth + 1));
        continue;
      }
      text += ch;
      this.pos++;
    }
    if (text) parts.push(text);
    return parts;
  }

  identifier(): string {
    const start = this.pos;
    const first = this.src[this.pos];
    if (first === undefined || !ID_START.test(first)) {
      this.fail(
        first === undefined
          ? "expecting '}'"
          : `only names, attributes (.name) and indexes ([0], ['key']) are allowed; found ${JSON.stringify(first)}`,
      );
    }
    this.pos++;
    while (this.pos < this.src.length && ID_CONTINUE.test(this.src[this.pos]!)) this.pos++;
    return this.src.slice(start, this.pos);
  }

  path(): PathNode {
    const at = this.pos;
    const node: PathNode = { name: this.identifier(), at, steps: [] };
    for (;;) {
      const save = this.pos;
      this.skipSpace();
      const ch = this.src[this.pos];
      if (ch === '.') {
        this.pos++;
        this.skipSpace();
        const stepAt = this.pos;
        const name = this.identifier();
        node.steps.push({ kind: 'attr', name, at: stepAt, end: this.pos });
      } else if (ch === '[') {
        this.pos++;
        this.skipSpace();
        const stepAt = this.pos;
        const key = this.indexKey();
        this.skipSpace();
        if (this.src[this.pos] !== ']') this.fail("expecting ']'");
        this.pos++;
        node.steps.push({ kind: 'index', key, at: stepAt, end: this.pos });
      } else {
        this.pos = save;
        return node;
      }
    }
  }

  indexKey(): string | number | PathNode {
    const ch = this.src[this.pos];
    if (ch === "'" || ch === '"') {
      const open = this.pos;
      const end = this.src.indexOf(ch, this.pos + 1);
      if (end === -1) this.fail('unterminated string literal', open);
      const key = this.src.slice(this.pos + 1, end);
      if (key.includes('\\')) this.fail('backslashes are not allowed in index strings', open);
      this.pos = end + 1;
      return key;
    }
    const m = /^-?\d+/.exec(this.src.slice(this.pos));
    if (m) {
      this.pos += m[0].length;
      return Number(m[0]);
    }
    if (ch !== undefined && ID_START.test(ch)) return this.path();
    this.fail(`an index must be an integer, a quoted string or a name; found ${JSON.stringify(ch ?? '')}`);
  }
}

/** Phase two: looks paths up in the scope and renders nested format-spec fields eagerly. */
class Resolver {
  constructor(
    readonly src: string,
    readonly scope: ParseScope,
  ) {}

  interpolation(field: FieldNode): Interpolation {
    const value = this.resolve(field.path);
    let formatSpec = '';
    for (const part of field.spec) {
      if (typeof part === 'string') formatSpec += part;
      else {
        const nested = this.interpolation(part);
        const v = nested.conversion === null ? nested.value : convert(nested.value, nested.conversion);
        formatSpec += part.debugText + formatValue(v, nested.formatSpec);
      }
    }
    return new Interpolation(value, field.expression, field.conversion, formatSpec);
  }

  resolve(path: PathNode): unknown {
    let value = this.lookupName(path.name, path.at);
    for (const step of path.steps) {
      const text = this.src.slice(path.at, step.end);
      if (step.kind === 'attr') value = this.attribute(value, step.name, text, step.at);
      else {
        let key = step.key;
        if (typeof key === 'object') {
          const resolved = this.resolve(key);
          if (typeof resolved !== 'string' && !(typeof resolved === 'number' && Number.isInteger(resolved))) {
            throw new TemplateSyntaxError(`an index must be an int or a str, not ${pyType(resolved)}`, {
              source: this.src,
              offset: step.at,
            });
          }
          key = resolved;
        }
        value = this.index(value, key, text, step.at);
      }
    }
    return value;
  }

  lookupName(name: string, at: number): unknown {
    const scope = this.scope;
    if (scope instanceof Map) {
      if (scope.has(name)) return scope.get(name);
      throw new TemplateLookupError(`name '${name}' is not defined${hint(name, scope.keys())}`, {
        kind: 'name',
        path: name,
        source: this.src,
        offset: at,
      });
    }
    if (Object.hasOwn(scope, name) && !FORBIDDEN.has(name)) return (scope as Record<string, unknown>)[name];
    throw new TemplateLookupError(`name '${name}' is not defined${hint(name, Object.keys(scope))}`, {
      kind: 'name',
      path: name,
      source: this.src,
      offset: at,
    });
  }

  attribute(value: unknown, attr: string, path: string, at: number): unknown {
    if (value !== null && value !== undefined && !FORBIDDEN.has(attr) && !(value instanceof Map)) {
      const obj = Object(value) as Record<string, unknown>;
      // Own data and class getters only: nothing inherited from Object.prototype or Function.prototype.
      if (attr in obj && attributeNames(obj).includes(attr)) return obj[attr];
    }
    const candidates = value !== null && value !== undefined ? attributeNames(Object(value) as object) : [];
    throw new TemplateLookupError(`'${pyType(value)}' object has no attribute '${attr}'${hint(attr, candidates)}`, {
      kind: 'attribute',
      path: path,
      source: this.src,
      offset: at,
    });
  }

  index(value: unknown, key: string | number, path: string, at: number): unknown {
    if (value instanceof Map) {
      if (value.has(key)) return value.get(key);
      throw new TemplateLookupError(`KeyError: ${JSON.stringify(key)}${hint(String(key), [...value.keys()].map(String))}`, {
        kind: 'index',
        path: path,
        source: this.src,
        offset: at,
      });
    }
    if (typeof key === 'number') {
      if (Array.isArray(value) || typeof value === 'string' || ArrayBuffer.isView(value)) {
        // Python indexes a str by code point.
        const seq = (typeof value === 'string' ? Array.from(value) : value) as ArrayLike<unknown>;
        const i = key < 0 ? seq.length + key : key;
        if (i >= 0 && i < seq.length) return seq[i];
        throw new TemplateLookupError(`${pyType(value)} index out of range (index ${key}, length ${seq.length})`, {
          kind: 'index',
          path: path,
          source: this.src,
          offset: at,
        });
      }
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const k = String(key);
      if (!FORBIDDEN.has(k) && Object.hasOwn(value, k)) return (value as Record<string, unknown>)[k];
      throw new TemplateLookupError(`KeyError: ${JSON.stringify(key)}${hint(k, Object.keys(value))}`, {
        kind: 'index',
        path: path,
        source: this.src,
        offset: at,
      });
    }
    throw new TemplateLookupError(`'${pyType(value)}' object is not subscriptable with ${JSON.stringify(key)}`, {
      kind: 'index',
      path: path,
      source: this.src,
      offset: at,
    });
  }
}

/** ". Did you mean 'x'?" or nothing. */
function hint(name: string, candidates: Iterable<string>): string {
  const suggestion = didYouMean(name, candidates);
  return suggestion ? `.${suggestion}` : '';
}

/** Implements `Template.parse`; see there. */
export function parseTemplate(source: string, scope: ParseScope): Template {
  if (typeof source !== 'string') throw new TypeError(`Template.parse() source must be a string, got ${typeof source}`);
  if (scope === null || typeof scope !== 'object') throw new TypeError('Template.parse() scope must be an object or a Map');
  const { strings, fields } = new Parser(source).parse();
  const resolver = new Resolver(source, scope);
  const interpolations = fields.map((f) => resolver.interpolation(f));
  return Template.fromParts(Object.freeze(strings), Object.freeze(interpolations));
}

setParseImplementation(parseTemplate);
