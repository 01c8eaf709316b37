// Template.parse: Python t-string syntax read from a runtime string, resolving names/attribute/index paths in a scope.
import { didYouMean } from '../internal/did-you-mean.js';
import { convert, type Conversion } from './convert.js';
import { TemplateLookupError, TemplateSyntaxError, type LookupPythonType } from './errors.js';
import { formatValue } from './format.js';
import {
  MAX_BRACKET_LEVEL,
  MAX_FIELD_NESTING,
  NAME_CHAR,
  NON_PRINTABLE,
  scanTokens,
  skipNumber,
  skipString,
  tokenEnd,
} from './parse-scan.js';
import { Interpolation } from './interpolation.js';
import { type ParseScope, setParseImplementation, Template } from './template.js';

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

/** Python's hard keywords: never a name. `None`, `True`, `False` are literals, outside the path subset. */
const KEYWORDS = new Set(
  'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);
const LITERAL_NAMES = new Set(['None', 'True', 'False']);
const EXPRESSION_KEYWORDS = new Set(['lambda', 'not', 'await', 'yield']);
/** Keywords that sit between operands (`a if b else c`, `x in y`): they are not operands themselves. */
const OPERATOR_KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'for', 'async', 'await', 'lambda', 'yield', 'from']);

const XID_START = /^[\p{XID_Start}_]$/u;
const XID_CONTINUE = /^\p{XID_Continue}$/u;

const SUBSET = "Template.parse reads names, attributes (.name) and indexes ([0], ['key'], [name]) only, never other expressions";

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
      if (proto === Object.prototype || proto === null || value instanceof Map) return 'dict';
      return (value.constructor as { name?: string } | undefined)?.name || 'object';
    }
  }
  return typeof value;
}

/** Whether `name` is an own property of `obj` or of a prototype below Object.prototype / Function.prototype. */
function hasAttribute(obj: object, name: string): boolean {
  for (
    let o: object | null = obj;
    o !== null && o !== Object.prototype && o !== Function.prototype;
    o = Object.getPrototypeOf(o) as object | null
  ) {
    if (Object.hasOwn(o, name)) return true;
  }
  return false;
}

/** Attribute names to suggest from; element indexes of arrays and strings are not names, so they are skipped unread. */
function attributeNames(value: object): string[] {
  const names = new Set<string>();
  const indexed = Array.isArray(value) || ArrayBuffer.isView(value) || value instanceof String;
  for (
    let o: object | null = value;
    o !== null && o !== Object.prototype && o !== Function.prototype;
    o = Object.getPrototypeOf(o) as object | null
  ) {
    const own = indexed && o === value ? ['length'] : Object.getOwnPropertyNames(o);
    for (const key of own) if (!FORBIDDEN.has(key)) names.add(key);
  }
  return [...names];
}

/** The code point at Python index `i` of `s`, walking only as far as the index (never the whole string). */
function codePointAt(s: string, i: number): string | undefined {
  if (i >= 0) {
    let k = 0;
    for (let u = 0; u < s.length; k++) {
      const cp = s.codePointAt(u)!;
      const width = cp > 0xffff ? 2 : 1;
      if (k === i) return s.slice(u, u + width);
      u += width;
    }
    return undefined;
  }
  let k = -1;
  for (let u = s.length - 1; u >= 0; k--) {
    const low = s.charCodeAt(u);
    const width = low >= 0xdc00 && low <= 0xdfff && u > 0 && (s.charCodeAt(u - 1) & 0xfc00) === 0xd800 ? 2 : 1;
    if (k === i) return s.slice(u - width + 1, u + 1);
    u -= width;
  }
  return undefined;
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
  /** The `x = ` text a `=` field adds to the preceding string ('' without `=`). */
  debugText: string;
  conversion: Conversion | null;
  spec: (string | FieldNode)[];
}

/** CPython's tokenizer copy of a field's text with comments cut (up to, not including, each newline). */
function withoutComments(text: string): string {
  if (!text.includes('#')) return text;
  return text.replace(/#[^\n]*/g, '');
}

/** CPython's _strip_interpolation_expr: trailing whitespace and `=` removed. */
function stripExpression(text: string): string {
  let end = text.length;
  while (end > 0 && /[\s=]/u.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

const JUXTAPOSED = 'invalid syntax. Perhaps you forgot a comma?';

/** Errors CPython's tokenizer raises as it reads; every other SyntaxError comes from its grammar. */
const TOKENIZER_ERROR =
  /^(?:t-string: single|t-string: expressions nested|too many nested|invalid non-printable|invalid character|unexpected character after line|leading zeros|invalid (?:decimal|hexadecimal|octal|binary) literal|invalid digit|unterminated|t-string: unmatched|closing parenthesis|t-string: expecting '}'$|'.' was never closed)/;

function lineOf(src: string, offset: number): number {
  let line = 1;
  for (let i = src.indexOf('\n'); i !== -1 && i < offset; i = src.indexOf('\n', i + 1)) line++;
  return line;
}

/** Thrown inside the parser when an expression leaves the path subset; the field catches it (see `field`). */
class OutsideSubset {
  constructor(readonly error: TemplateSyntaxError) {}
}

function hex4(cp: number): string {
  return cp.toString(16).toUpperCase().padStart(4, '0');
}

class Parser {
  pos = 0;
  /** Where the text of the string literal being read starts (after its opening quote). */
  literalStart = 0;
  /** Where the last token read by `skipExpression` starts. */
  lastToken = 0;
  /** Whether an expression beyond paths is being skipped (see `skipExpression`). */
  skipping = false;
  /** Whether the token just skipped was a string literal (adjacent ones join, so may follow each other). */
  lastWasString = false;
  /** The first expression found outside the path subset, thrown once the whole source has been read. */
  deferred: TemplateSyntaxError | undefined;
  /** Where the brackets open now start: fields' `{`, indexes' `[`, parentheses. */
  brackets: number[] = [];
  constructor(readonly src: string) {}

  /**
   * Throws CPython's SyntaxError for `problem`. A grammar error (not one of the tokenizer's) is
   * reported as CPython reports it: the token the parser was looking at, if malformed, gives the
   * tokenizer's error; then the rest of the source is tokenized, and a bracket it leaves open becomes
   * "'{' was never closed" when the grammar error is on a later line than that bracket. (A tokenizer
   * error further on, inside the t-string, does not replace the grammar error.)
   */
  fail(problem: string, at = this.pos, read?: number): never {
    // Inside an expression beyond paths, which ts314 does not parse as Python, a grammar error may be
    // worded otherwise by CPython: the refusal of the expression stands.
    if (this.skipping && !TOKENIZER_ERROR.test(problem)) throw this.deferred!;
    if (!TOKENIZER_ERROR.test(problem)) {
      const lastToken = read ?? this.nextToken();
      const scan = scanTokens(this.src);
      // Two expressions side by side: CPython's parser reads the second one and the token after it.
      const horizon = problem === JUXTAPOSED ? this.nextToken(tokenEnd(this.src, lastToken)) : lastToken;
      if (scan.kind === 'error' && scan.offset >= lastToken && scan.offset <= horizon) {
        throw new TemplateSyntaxError(scan.message, { source: this.src, offset: scan.offset });
      }
      if (scan.kind === 'open' && lineOf(this.src, lastToken) > scan.line) {
        throw new TemplateSyntaxError(`'${scan.bracket}' was never closed`, { source: this.src, offset: scan.offset });
      }
    }
    throw new TemplateSyntaxError(problem, { source: this.src, offset: at });
  }

  /** The expression here is not a path: refused, but only once the rest of the source is syntax-checked. */
  outside(detail: string, at: number): never {
    throw new OutsideSubset(new TemplateSyntaxError(`${SUBSET}; ${detail}`, { source: this.src, offset: at }));
  }

  /**
   * Skips a field's expression (from `this.pos`) the way CPython's tokenizer reads it, up to the
   * `=`, `!`, `:` or `}` that ends it, raising the tokenizer's errors on the way.
   */
  skipExpression(): void {
    const src = this.src;
    const floor = this.brackets.length;
    // Whether the last token ends an operand (a name, literal or closing bracket): another operand
    // right after it is two expressions side by side.
    let operand = false;
    for (;;) {
      this.skipSpace();
      const c = src[this.pos];
      if (c !== ')' && c !== ']' && c !== '}') this.lastToken = this.pos;
      const startsOperand =
        c !== undefined &&
        (c === '{' || c === "'" || c === '"' || NAME_CHAR.test(c) || (c === '.' && /[0-9]/.test(src[this.pos + 1] ?? '')));
      const isString = c === "'" || c === '"' || (c !== undefined && this.stringAt() !== null);
      if (operand && startsOperand && !(isString && this.lastWasString) && !OPERATOR_KEYWORDS.has(this.peekName())) {
        this.fail(c === '{' ? "t-string: expecting '=', or '!', or ':', or '}'" : JUXTAPOSED);
      }
      this.lastWasString = false;
      if (c === undefined) this.fail("t-string: expecting '}'");
      const depth = this.brackets.length - floor;
      if (c === '(' || c === '[' || c === '{') {
        this.open(this.pos);
        this.pos++;
        operand = false;
      } else if (c === ')' || c === ']' || c === '}') {
        // `(-)`, `[x.]`: an operator or dot right before a closing bracket (`()`, `[]` are fine).
        if (!operand && !'([{'.includes(src[this.lastToken] ?? '')) this.endExpression(operand);
        if (depth === 0) {
          if (c === '}') {
            this.endExpression(operand);
            return;
          }
          this.fail(`t-string: unmatched '${c}'`);
        }
        const opening = src[this.brackets[this.brackets.length - 1]!]!;
        if ({ '(': ')', '[': ']', '{': '}' }[opening] !== c) {
          const line = lineOf(src, this.brackets[this.brackets.length - 1]!);
          const here = lineOf(src, this.pos);
          this.fail(`closing parenthesis '${c}' does not match opening parenthesis '${opening}'${line !== here ? ` on line ${line}` : ''}`);
        }
        this.brackets.pop();
        this.pos++;
        operand = true;
      } else if ('<>=!'.includes(c) && src[this.pos + 1] === '=') {
        this.pos += 2;
        operand = false;
      } else if (c === '=' || c === '!' || (c === ':' && depth === 0)) {
        if (depth === 0) {
          this.endExpression(operand);
          return;
        }
        // Inside an open bracket, a lone `=` or `!` ends no Python expression: CPython's grammar stops here.
        this.fail("t-string: expecting '=', or '!', or ':', or '}'");
      } else if (c === "'" || c === '"' || /[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[this.pos + 1] ?? ''))) {
        const end = c === "'" || c === '"' ? skipString(src, this.pos) : skipNumber(src, this.pos);
        if (typeof end === 'string') this.fail(end);
        this.pos = end;
        operand = true;
        this.lastWasString = c === "'" || c === '"';
      } else if (NAME_CHAR.test(c)) {
        const literal = this.stringAt();
        if (literal !== null) {
          this.pos += literal.prefix;
          continue;
        }
        const word = this.name();
        if (word === null) this.pos++;
        operand = word === null || !OPERATOR_KEYWORDS.has(word);
      } else {
        // `.name` needs something before the dot.
        if (c === '.' && !operand) this.endExpression(operand);
        operand = false;
        const cp = src.codePointAt(this.pos)!;
        if (NON_PRINTABLE.test(String.fromCodePoint(cp))) this.unexpected();
        this.pos += cp > 0xffff ? 2 : 1;
      }
    }
  }

  /** An expression that ends on an operator or a dot is incomplete: a grammar error, worded by CPython. */
  endExpression(operand: boolean): void {
    if (!operand) this.fail('an incomplete expression');
  }

  /** The name starting here, without moving. */
  peekName(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos, this.pos + 20));
    return m?.[0] ?? '';
  }

  /** Where the token after the current position starts: the furthest CPython's parser has read when it fails. */
  nextToken(from = this.pos): number {
    const save = this.pos;
    let at = from;
    this.pos = from;
    try {
      this.skipSpace();
      at = this.pos;
    } catch {
      // A bad continuation is the scan's business; the current position will do.
    }
    this.pos = save;
    return at;
  }

  /** Phase one: the whole source is read (and its syntax checked) before anything is looked up. */
  parse(): { strings: string[]; fields: FieldNode[] } {
    const strings: string[] = [];
    const fields: FieldNode[] = [];
    let text = '';
    const src = this.src;
    let start = 0;
    while (this.pos < src.length) {
      const ch = src.charCodeAt(this.pos);
      if (ch === 123 /* { */) {
        text += src.slice(start, this.pos);
        if (src.charCodeAt(this.pos + 1) === 123) {
          text += '{';
          this.pos += 2;
        } else {
          const field = this.field(0);
          strings.push(text + field.debugText);
          text = '';
          fields.push(field);
        }
        start = this.pos;
      } else if (ch === 125 /* } */) {
        if (src.charCodeAt(this.pos + 1) !== 125) this.fail("t-string: single '}' is not allowed");
        text += `${src.slice(start, this.pos)}}`;
        this.pos += 2;
        start = this.pos;
      } else this.pos++;
    }
    strings.push(text + src.slice(start));
    if (this.deferred !== undefined) throw this.deferred;
    return { strings, fields };
  }

  /** Whitespace between tokens: spaces, tabs, form feeds, newlines, comments and `\`-newline continuations. */
  skipSpace(): void {
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (c === ' ' || c === '\t' || c === '\f' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#') {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
        // The comment runs over the closing quotes of the t-string, so CPython meets the end of input.
        const innermost = this.brackets[this.brackets.length - 1];
        if (this.pos >= src.length && innermost !== undefined) this.fail(`'${src[innermost]}' was never closed`, innermost);
      } else if (c === '\\') {
        const next = src[this.pos + 1] === '\r' && src[this.pos + 2] === '\n' ? 2 : 1;
        if (src[this.pos + next] !== '\n' && src[this.pos + next] !== '\r') {
          this.fail('unexpected character after line continuation character', this.pos + 1);
        }
        this.pos += next + 1;
      } else return;
    }
  }

  open(at: number): void {
    if (this.brackets.length >= MAX_BRACKET_LEVEL) this.fail('too many nested parentheses', at);
    this.brackets.push(at);
  }

  /** CPython's message for a character no token starts with, or the subset message. */
  unexpected(at = this.pos): never {
    const cp = this.src.codePointAt(at);
    if (cp === undefined) this.fail("t-string: expecting '}'", at);
    const ch = String.fromCodePoint(cp);
    if (NON_PRINTABLE.test(ch) && ch !== ' ') this.fail(`invalid non-printable character U+${hex4(cp)}`, at);
    if (cp >= 0x80 && !XID_START.test(ch.normalize('NFKC')[0] ?? '')) this.fail(`invalid character '${ch}' (U+${hex4(cp)})`, at);
    if (ch === ']' || ch === ')') this.fail(`t-string: unmatched '${ch}'`, at);
    this.outside(`found ${JSON.stringify(ch)}`, at);
  }

  /** One `{…}` field; `this.pos` is at its `{`. */
  field(depth: number): FieldNode {
    const open = this.pos;
    if (depth >= MAX_FIELD_NESTING) this.fail('t-string: expressions nested too deeply');
    this.open(open);
    this.pos++;
    const exprStart = this.pos;
    const src = this.src;
    this.skipSpace();
    if (this.pos >= src.length) this.fail("t-string: expecting '}'", open);
    const c = src[this.pos]!;
    if (c === '}' || c === '!' || c === ':' || c === '=') this.fail(`t-string: valid expression required before '${c}'`);
    if (c === '.' && !/[0-9]/.test(src[this.pos + 1] ?? ''))
      this.fail("t-string: expecting a valid expression after '{'", this.pos, this.pos);
    let path: PathNode;
    const bracketsHere = this.brackets.length;
    try {
      path = this.path(true);
      this.skipSpace();
      const next = src[this.pos];
      const ends = next === undefined || next === ':' || next === '}' || ((next === '=' || next === '!') && src[this.pos + 1] !== '=');
      if (!ends) this.afterExpression();
    } catch (e) {
      if (!(e instanceof OutsideSubset)) throw e;
      // Refused, but CPython would first report a syntax error further on: read on to find one.
      this.deferred ??= e.error;
      this.brackets.length = bracketsHere;
      this.pos = exprStart;
      this.skipping = true;
      this.skipExpression();
      this.skipping = false;
      path = { name: '', at: exprStart, steps: [] };
    }
    this.skipSpace();
    let debug = false;
    if (src[this.pos] === '=' && src[this.pos + 1] !== '=') {
      debug = true;
      this.pos++;
      this.skipSpace();
      const after = src[this.pos];
      if (after === undefined) this.fail("t-string: expecting '}'", open);
      if (after !== '!' && after !== ':' && after !== '}') this.fail("t-string: expecting '!', or ':', or '}'");
    }
    const raw = withoutComments(src.slice(exprStart, this.pos));
    let conversion: Conversion | null = null;
    let spec: (string | FieldNode)[] = [];
    let hasSpec = false;
    if (src[this.pos] === '!' && src[this.pos + 1] !== '=') {
      this.pos++;
      const convAt = this.pos;
      const first = src[this.pos];
      if (first === undefined) this.fail("t-string: expecting '}'", open);
      if (/[ \t\f\n\r\\#]/.test(first)) {
        this.skipSpace();
        const next = src[this.pos];
        if (next === ':' || next === '}') this.fail('t-string: missing conversion character');
        if (next !== undefined && NAME_CHAR.test(next))
          this.fail('t-string: conversion type must come right after the exclamation mark', convAt);
        this.fail('t-string: invalid conversion character');
      }
      if (first === ':' || first === '}') this.fail('t-string: missing conversion character');
      if (!NAME_CHAR.test(first) || /[0-9]/.test(first)) {
        if (NON_PRINTABLE.test(first)) this.unexpected();
        this.fail('t-string: invalid conversion character');
      }
      while (this.pos < src.length && NAME_CHAR.test(src[this.pos]!)) this.pos++;
      const name = src.slice(convAt, this.pos);
      if (name !== 's' && name !== 'r' && name !== 'a') {
        this.fail(`t-string: invalid conversion character '${name}': expected 's', 'r', or 'a'`, convAt);
      }
      conversion = name;
      this.skipSpace();
      if (this.pos >= src.length) this.fail("t-string: expecting '}'", open);
      if (src[this.pos] !== ':' && src[this.pos] !== '}') this.fail("t-string: expecting ':' or '}'");
    }
    if (src[this.pos] === ':') {
      this.pos++;
      hasSpec = true;
      spec = this.formatSpec(depth);
    }
    if (this.pos >= src.length) this.fail(hasSpec ? "t-string: expecting '}', or format specs" : "t-string: expecting '}'", open);
    if (src[this.pos] !== '}') this.afterExpression();
    this.pos++;
    this.brackets.pop();
    if (debug && conversion === null && !hasSpec) conversion = 'r';
    return { path, expression: stripExpression(raw), debugText: debug ? raw : '', conversion, spec };
  }

  /** What CPython says when a complete path is followed by something that cannot follow it. */
  afterExpression(): never {
    const ch = this.src[this.pos]!;
    if (NAME_CHAR.test(ch) || ch === "'" || ch === '"') this.fail(JUXTAPOSED);
    if (ch === '.') this.fail("t-string: expecting '=', or '!', or ':', or '}'");
    this.unexpected();
  }

  /**
   * A format spec up to (not including) its closing `}`: literal text and nested fields. `{` starts a
   * nested field, except that after one, `{{` is a literal `{` again (CPython's tokenizer leaves its
   * format-spec state when a nested field closes).
   */
  formatSpec(depth: number): (string | FieldNode)[] {
    const parts: (string | FieldNode)[] = [];
    const src = this.src;
    let text = '';
    let start = this.pos;
    let afterField = false;
    while (this.pos < src.length) {
      const ch = src.charCodeAt(this.pos);
      if (ch === 125) break;
      if (ch === 123) {
        text += src.slice(start, this.pos);
        if (afterField && src.charCodeAt(this.pos + 1) === 123) {
          text += '{';
          this.pos += 2;
        } else {
          if (text) parts.push(text);
          text = '';
          parts.push(this.field(depth + 1));
          afterField = true;
        }
        start = this.pos;
        continue;
      }
      this.pos++;
    }
    text += src.slice(start, this.pos);
    if (text) parts.push(text);
    return parts;
  }

  /** A NAME token, checked as CPython checks identifiers (PEP 3131, NFKC). `null` when none starts here. */
  name(): string | null {
    const src = this.src;
    const start = this.pos;
    const first = src.codePointAt(start);
    if (first === undefined || /[0-9]/.test(String.fromCodePoint(first)) || !NAME_CHAR.test(String.fromCodePoint(first))) return null;
    let end = start;
    while (end < src.length) {
      const cp = src.codePointAt(end)!;
      if (!NAME_CHAR.test(String.fromCodePoint(cp))) break;
      end += cp > 0xffff ? 2 : 1;
    }
    // CPython checks the spelling as written (PEP 3131), then looks the NFKC form up.
    let at = start;
    for (const ch of src.slice(start, end)) {
      if (!(at === start ? XID_START : XID_CONTINUE).test(ch)) this.unexpected(at);
      at += ch.length;
    }
    this.pos = end;
    return src.slice(start, end).normalize('NFKC');
  }

  /** `name(.attr | [index])*`. `top`: right after a field's `{`, where CPython words a keyword differently. */
  path(top: boolean): PathNode {
    const at = this.pos;
    if (this.src[at] === '(') return this.parenthesized(top);
    const name = this.name();
    if (name === null) this.unexpected();
    if (LITERAL_NAMES.has(name)) this.outside(`found the literal ${name}`, at);
    if (KEYWORDS.has(name)) {
      // Keywords that start an expression (`lambda x: …`, `not x`) make CPython read one token more.
      const read = EXPRESSION_KEYWORDS.has(name) ? this.nextToken() : at;
      this.fail(top ? "t-string: expecting a valid expression after '{'" : "t-string: expecting '=', or '!', or ':', or '}'", at, read);
    }
    return this.steps({ name, at, steps: [] });
  }

  /** `( path )`: parentheses change nothing around a path (a tuple or anything else is outside the subset). */
  parenthesized(top: boolean): PathNode {
    const open = this.pos;
    this.open(open);
    this.pos++;
    this.skipSpace();
    const inner = this.path(top);
    this.skipSpace();
    const close = this.src[this.pos];
    if (close === undefined) this.fail("t-string: expecting '}'");
    if (close === '}') this.fail("closing parenthesis '}' does not match opening parenthesis '('");
    if (close !== ')') {
      if (NAME_CHAR.test(close) || close === "'" || close === '"') this.fail(JUXTAPOSED);
      this.unexpected();
    }
    this.pos++;
    this.brackets.pop();
    return this.steps(inner);
  }

  /** The `.attr` and `[index]` steps after a name or a parenthesized path. */
  steps(node: PathNode): PathNode {
    const src = this.src;
    for (;;) {
      const save = this.pos;
      this.skipSpace();
      const ch = src[this.pos];
      if (ch === '.') {
        if (/[0-9]/.test(src[this.pos + 1] ?? '')) this.fail(JUXTAPOSED);
        this.pos++;
        this.skipSpace();
        const stepAt = this.pos;
        const attr = this.name();
        if (attr === null || KEYWORDS.has(attr) || LITERAL_NAMES.has(attr))
          this.fail("t-string: expecting '=', or '!', or ':', or '}'", stepAt);
        node.steps.push({ kind: 'attr', name: attr, at: stepAt, end: this.pos });
      } else if (ch === '[') {
        this.open(this.pos);
        this.pos++;
        this.skipSpace();
        const stepAt = this.pos;
        const key = this.indexKey();
        this.skipSpace();
        const close = src[this.pos];
        if (close === '}') this.fail("closing parenthesis '}' does not match opening parenthesis '['");
        if (close === undefined) this.fail("t-string: expecting '}'");
        if (close !== ']') {
          if (NAME_CHAR.test(close) || close === "'" || close === '"') this.fail(JUXTAPOSED);
          this.unexpected();
        }
        this.pos++;
        this.brackets.pop();
        node.steps.push({ kind: 'index', key, at: stepAt, end: this.pos });
      } else {
        this.pos = save;
        return node;
      }
    }
  }

  indexKey(): string | number | PathNode {
    const src = this.src;
    const ch = src[this.pos];
    if (ch === undefined) this.fail("t-string: expecting '}'");
    if (ch === ']') this.fail(JUXTAPOSED);
    if (ch === '}') this.fail("closing parenthesis '}' does not match opening parenthesis '['");
    if (this.stringAt() !== null) {
      // Adjacent string literals join, as in Python ('a' 'b' is 'ab').
      let key = '';
      for (let literal = this.stringAt(); literal !== null; ) {
        this.pos += literal.prefix;
        key += this.stringLiteral(literal.raw);
        const save = this.pos;
        this.skipSpace();
        literal = this.stringAt();
        if (literal === null) this.pos = save;
      }
      return key;
    }
    if (ch === '-') {
      const minus = this.pos;
      this.pos++;
      this.skipSpace();
      if (!/[0-9]/.test(src[this.pos] ?? '')) this.outside('an index may be an integer, a string or a path', minus);
      const n = this.integer();
      return n === 0 ? 0 : -n;
    }
    if (/[0-9]/.test(ch)) return this.integer();
    if (NAME_CHAR.test(ch) || ch === '(') return this.path(false);
    this.unexpected();
  }

  /** The string literal starting here, if any: whether it is raw, and the length of its `r`/`u` prefix. */
  stringAt(): { raw: boolean; prefix: number } | null {
    const src = this.src;
    const ch = src[this.pos];
    if (ch === "'" || ch === '"') return { raw: false, prefix: 0 };
    if ((ch === 'r' || ch === 'R' || ch === 'u' || ch === 'U') && (src[this.pos + 1] === "'" || src[this.pos + 1] === '"')) {
      return { raw: ch === 'r' || ch === 'R', prefix: 1 };
    }
    return null;
  }

  /** An int literal as Python's tokenizer reads it (`0x1f`, `0o7`, `0b1`, `1_000`; no leading zeros). */
  integer(): number {
    const src = this.src;
    const start = this.pos;
    let digits: RegExp = /[0-9]/;
    let kind = 'decimal';
    let base = 10;
    const prefix = src[this.pos + 1]?.toLowerCase();
    if (src[this.pos] === '0' && (prefix === 'x' || prefix === 'o' || prefix === 'b')) {
      this.pos += 2;
      [digits, kind, base] =
        prefix === 'x' ? [/[0-9a-fA-F]/, 'hexadecimal', 16] : prefix === 'o' ? [/[0-7]/, 'octal', 8] : [/[01]/, 'binary', 2];
      if (src[this.pos] === '_') this.pos++;
      if (!digits.test(src[this.pos] ?? '')) {
        const bad = src[this.pos] ?? '';
        if (base !== 16 && /[0-9]/.test(bad)) this.fail(`invalid digit '${bad}' in ${kind} literal`);
        this.fail(`invalid ${kind} literal`);
      }
    }
    const bodyStart = this.pos;
    for (;;) {
      while (digits.test(src[this.pos] ?? '')) this.pos++;
      if (src[this.pos] !== '_') break;
      this.pos++;
      if (!digits.test(src[this.pos] ?? '')) this.fail(`invalid ${kind} literal`);
    }
    const next = src[this.pos] ?? '';
    if (base !== 16 && base !== 10 && /[0-9]/.test(next)) this.fail(`invalid digit '${next}' in ${kind} literal`);
    if (base === 10 && (next === '.' || next === 'e' || next === 'E' || next === 'j' || next === 'J')) {
      this.outside('an index may be an integer, a string or a path, not a float or complex literal', start);
    }
    if (/[A-Za-z0-9_]/.test(next)) this.fail(`invalid ${kind} literal`);
    const body = src.slice(bodyStart, this.pos).replaceAll('_', '');
    if (base === 10 && body.length > 1 && body[0] === '0' && /[1-9]/.test(body)) {
      this.fail('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', start);
    }
    const value = base === 10 ? Number(body) : Number.parseInt(body, base);
    if (!Number.isSafeInteger(value)) this.outside(`index ${src.slice(start, this.pos)} is beyond JavaScript's exact integers`, start);
    return value;
  }

  /** A quoted string (single or triple quotes) with Python's escapes; `this.pos` is at the opening quote. */
  stringLiteral(raw: boolean): string {
    const src = this.src;
    const open = this.pos;
    const q = src[open]!;
    const triple = src[open + 1] === q && src[open + 2] === q;
    this.pos += triple ? 3 : 1;
    this.literalStart = this.pos;
    let out = '';
    for (;;) {
      const c = src[this.pos];
      if (c === undefined || (!triple && c === '\n')) {
        const line = src.slice(0, this.pos).split('\n').length;
        this.fail(`unterminated ${triple ? 'triple-quoted ' : ''}string literal (detected at line ${line})`, open);
      }
      if (c === q && (!triple || (src[this.pos + 1] === q && src[this.pos + 2] === q))) {
        this.pos += triple ? 3 : 1;
        return out;
      }
      if (c === '\\') {
        const e = src[this.pos + 1];
        if (e === undefined) {
          this.pos++;
          continue;
        }
        if (raw) {
          out += c + e;
          this.pos += 2;
          continue;
        }
        this.pos += 2;
        out += this.escape(e);
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  /** Python's string escapes; `e` is the character after the backslash (already consumed). */
  escape(e: string): string {
    const simple: Record<string, string> = {
      '\\': '\\',
      "'": "'",
      '"': '"',
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\n': '',
    };
    const hit = simple[e];
    if (hit !== undefined) return hit;
    const src = this.src;
    if (/[0-7]/.test(e)) {
      let digits = e;
      while (digits.length < 3 && /[0-7]/.test(src[this.pos] ?? '')) digits += src[this.pos++];
      return String.fromCodePoint(Number.parseInt(digits, 8));
    }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (width > 0) {
      // CPython's decoder counts in UTF-8 bytes from the start of the literal's text.
      const at = new TextEncoder().encode(src.slice(this.literalStart, this.pos - 2)).length;
      let digits = 0;
      while (digits < width && /[0-9a-fA-F]/.test(src[this.pos + digits] ?? '')) digits++;
      if (digits < width) {
        this.fail(
          `(unicode error) 'unicodeescape' codec can't decode bytes in position ${at}-${at + 1 + digits}: truncated \\${e}${'X'.repeat(width)} escape`,
          this.pos - 2,
        );
      }
      const cp = Number.parseInt(src.slice(this.pos, this.pos + width), 16);
      if (cp > 0x10ffff) {
        this.fail(
          `(unicode error) 'unicodeescape' codec can't decode bytes in position ${at}-${at + 9}: illegal Unicode character`,
          this.pos - 2,
        );
      }
      this.pos += width;
      return String.fromCodePoint(cp);
    }
    if (e === 'N') this.outside("\\N{…} escapes need Unicode's name table, which JavaScript does not have", this.pos - 2);
    // An unknown escape keeps its backslash (Python warns, then does the same).
    return `\\${e}`;
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
            throw this.lookupError(`an index must be an int or a str, not ${pyType(resolved)}`, 'TypeError', text, step.at);
          }
          key = resolved;
        }
        value = this.index(value, key, text, step.at);
      }
    }
    return value;
  }

  lookupError(problem: string, pythonType: LookupPythonType, path: string, at: number): TemplateLookupError {
    const kind = pythonType === 'NameError' ? 'name' : pythonType === 'AttributeError' ? 'attribute' : 'index';
    return new TemplateLookupError(problem, { kind, pythonType, path, source: this.src, offset: at });
  }

  lookupName(name: string, at: number): unknown {
    const scope = this.scope;
    if (scope instanceof Map) {
      if (scope.has(name)) return scope.get(name);
      throw this.lookupError(`name '${name}' is not defined${hint(name, scope.keys())}`, 'NameError', name, at);
    }
    if (Object.hasOwn(scope, name) && !FORBIDDEN.has(name)) return (scope as Record<string, unknown>)[name];
    throw this.lookupError(`name '${name}' is not defined${hint(name, Object.keys(scope))}`, 'NameError', name, at);
  }

  attribute(value: unknown, attr: string, path: string, at: number): unknown {
    if (value !== null && value !== undefined && !FORBIDDEN.has(attr) && !(value instanceof Map)) {
      const obj = Object(value) as Record<string, unknown>;
      // Own data and class getters only: nothing inherited from Object.prototype or Function.prototype.
      if (hasAttribute(obj, attr)) return obj[attr];
    }
    const candidates = value !== null && value !== undefined && !(value instanceof Map) ? attributeNames(Object(value) as object) : [];
    throw this.lookupError(`'${pyType(value)}' object has no attribute '${attr}'${hint(attr, candidates)}`, 'AttributeError', path, at);
  }

  index(value: unknown, key: string | number, path: string, at: number): unknown {
    if (value instanceof Map) {
      if (value.has(key)) return value.get(key);
      throw this.lookupError(`KeyError: ${convert(key, 'r')}${hint(String(key), [...value.keys()].map(String))}`, 'KeyError', path, at);
    }
    if (typeof value === 'string') {
      if (typeof key !== 'number') throw this.lookupError(`string indices must be integers, not '${pyType(key)}'`, 'TypeError', path, at);
      // Python indexes a str by code point.
      const ch = codePointAt(value, key);
      if (ch === undefined) throw this.lookupError('string index out of range', 'IndexError', path, at);
      return ch;
    }
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const seq = value as unknown as ArrayLike<unknown>;
      if (typeof key !== 'number')
        throw this.lookupError(`${pyType(value)} indices must be integers or slices, not ${pyType(key)}`, 'TypeError', path, at);
      const i = key < 0 ? seq.length + key : key;
      if (i >= 0 && i < seq.length) return seq[i];
      throw this.lookupError(`${pyType(value)} index out of range`, 'IndexError', path, at);
    }
    if (value !== null && typeof value === 'object') {
      // A plain object's keys are strings in JavaScript, so `[0]` finds the key '0', as `obj[0]` does.
      const k = String(key);
      if (!FORBIDDEN.has(k) && Object.hasOwn(value, k)) return (value as Record<string, unknown>)[k];
      throw this.lookupError(`KeyError: ${convert(key, 'r')}${hint(k, Object.keys(value))}`, 'KeyError', path, at);
    }
    throw this.lookupError(`'${pyType(value)}' object is not subscriptable`, 'TypeError', path, at);
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
