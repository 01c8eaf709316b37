// PEP 750's Template and the `t` tag: the static strings and the interpolations of a t-string, unjoined.
import { type Conversion, repr, stringRepr, tupleRepr } from './convert.js';
import { Interpolation } from './interpolation.js';

// Lets fromParts reach the constructor without the normalising pass (module-private).
const FROM_PARTS: unique symbol = Symbol('fromParts');
let pendingStrings: readonly string[] = [];
let pendingInterpolations: readonly Interpolation[] = [];

/** Where `Template.parse` looks names up: a plain object or a Map. */
export type ParseScope = Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>;

// Template.parse's implementation sits above this file (parse.ts renders nested specs with format(),
// which needs Template), so parse.ts hands it down when it loads (index.ts loads it) rather than
// this file importing it and closing the run-time cycle template → parse → format → template.
let parseImplementation: ((source: string, scope: ParseScope) => Template) | undefined;

/** @internal Called once, by parse.ts as it loads. */
export function setParseImplementation(implementation: (source: string, scope: ParseScope) => Template): void {
  parseImplementation = implementation;
}

/** The TypeError CPython raises for `Template + str` (JS cannot tell `str + Template` apart). */
export const CONCAT_STR_MESSAGE = 'can only concatenate string.templatelib.Template (not "str") to string.templatelib.Template';

/**
 * A t-string's parts: `strings` always holds one more entry than `interpolations` (empty strings
 * kept), iteration yields them in order skipping empty strings. Build one with the `t` tag,
 * `new Template(...parts)` or `Template.parse(source, scope)`; hand it to a processor.
 * @example
 * const name = 'yj';
 * const tpl = t`hello ${name}`;
 * tpl.strings; // ['hello ', '']
 * tpl.values; // ['yj']
 */
export class Template implements Iterable<string | Interpolation> {
  // Private fields behind getters: read-only at runtime like Python's, cheaper than freezing.
  #strings: readonly string[];
  #interpolations: readonly Interpolation[];

  /**
   * Python's `Template(*args)`: strings and Interpolations in any mix; adjacent strings merge and
   * `''` is inserted between adjacent interpolations and at either end. Anything else is a TypeError.
   */
  constructor(...parts: readonly (string | Interpolation)[]) {
    if (parts.length === 1 && (parts[0] as unknown) === FROM_PARTS) {
      this.#strings = pendingStrings;
      this.#interpolations = pendingInterpolations;
      return;
    }
    const strings: string[] = [];
    const interpolations: Interpolation[] = [];
    let pending = '';
    for (const part of parts) {
      if (typeof part === 'string') pending += part;
      else if (part instanceof Interpolation) {
        strings.push(pending);
        pending = '';
        interpolations.push(part);
      } else {
        const type = part === null ? 'NoneType' : typeof part;
        throw new TypeError(`Template.__new__ *args need to be of type 'str' or 'Interpolation', got ${type}`);
      }
    }
    strings.push(pending);
    this.#strings = Object.freeze(strings);
    this.#interpolations = Object.freeze(interpolations);
  }

  /** @internal Builds a Template from already-normalised, frozen parts without copying. */
  static fromParts(strings: readonly string[], interpolations: readonly Interpolation[]): Template {
    pendingStrings = strings;
    pendingInterpolations = interpolations;
    return new Template(FROM_PARTS as unknown as string);
  }

  /**
   * The static text. For a `t` literal this is the call site's TemplateStringsArray, whose
   * identity is stable: processors cache per-template analysis in a WeakMap keyed by it.
   */
  get strings(): readonly string[] {
    return this.#strings;
  }

  get interpolations(): readonly Interpolation[] {
    return this.#interpolations;
  }

  /**
   * Python t-string syntax from a runtime string (config files, prompts): names, attribute and index
   * paths resolved in `scope` — never code evaluation. See docs/templatelib.md for the grammar.
   * @example
   * Template.parse('Hi {user.name!r:>8}', { user: { name: 'Ada' } });
   */
  static parse(source: string, scope: ParseScope = {}): Template {
    if (parseImplementation === undefined) {
      throw new Error('Template.parse is not loaded: import Template from ts314/templatelib, whose index loads the parser');
    }
    return parseImplementation(source, scope);
  }

  /** A fresh array of the interpolations' values, in order. */
  get values(): unknown[] {
    return this.interpolations.map((i) => i.value);
  }

  /** Text and Interpolations in source order, skipping empty strings (PEP 750). */
  *[Symbol.iterator](): Iterator<string | Interpolation> {
    const { strings, interpolations } = this;
    for (let i = 0; i < interpolations.length; i++) {
      if (strings[i] !== '') yield strings[i]!;
      yield interpolations[i]!;
    }
    const last = strings[strings.length - 1]!;
    if (last !== '') yield last;
  }

  /**
   * Python's `Template + Template`: the left's last string and the right's first string merge.
   * A string operand throws the TypeError Python raises; wrap text in a Template to concatenate it.
   */
  concat(other: Template): Template {
    if (!(other instanceof Template)) {
      const type = typeof other === 'string' ? 'str' : other === null ? 'NoneType' : typeof other;
      throw new TypeError(CONCAT_STR_MESSAGE.replace('"str"', `"${type}"`));
    }
    const left = this.strings;
    const right = other.strings;
    const strings = [...left.slice(0, -1), left[left.length - 1]! + right[0]!, ...right.slice(1)];
    return Template.fromParts(Object.freeze(strings), Object.freeze([...this.interpolations, ...other.interpolations]));
  }

  /** Alias of {@link concat}, named after Python's `__add__`. */
  add(other: Template): Template {
    return this.concat(other);
  }

  /** `Template(strings=(...), interpolations=(...))`, as Python's repr. */
  [repr](): string {
    const strings = tupleRepr(this.strings.map(stringRepr));
    const interpolations = tupleRepr(this.interpolations.map((i) => i[repr]()));
    return `Template(strings=${strings}, interpolations=${interpolations})`;
  }

  /**
   * `String(tpl)` and `${tpl}` give the repr (Python's str() of a Template); `tpl + 'x'` and
   * `'x' + tpl` throw Python's TypeError, so a template is never joined unprocessed by accident.
   */
  [Symbol.toPrimitive](hint: 'string' | 'number' | 'default'): string {
    if (hint === 'string') return this[repr]();
    throw new TypeError(CONCAT_STR_MESSAGE);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this[repr]();
  }
}

/** What `field()` returns: a value the `t` tag records with a conversion, format spec and expression. */
export class Field {
  constructor(
    readonly value: unknown,
    readonly formatSpec: string,
    readonly conversion: Conversion | null,
    readonly expression: string,
  ) {
    Object.freeze(this);
  }
}

/** Options of {@link field}. */
export interface FieldOptions {
  conversion?: Conversion | null;
  /** The source text to record; JS cannot recover it from a tagged template. */
  expression?: string;
}

/**
 * Gives a `t` literal's interpolation what JS syntax cannot express: a format spec, a conversion
 * and the expression text (`t"{price!r:>10}"` is ``t`${field(price, '>10', { conversion: 'r', expression: 'price' })}` ``).
 * @example
 * format(t`total: ${field(1234.5, ',.2f')}`); // 'total: 1,234.50'
 */
export function field(value: unknown, formatSpec = '', options: FieldOptions = {}): Field {
  const probe = new Interpolation(value, options.expression ?? '', options.conversion ?? null, formatSpec);
  return new Field(probe.value, probe.formatSpec, probe.conversion, probe.expression);
}

function interpolationOf(value: unknown): Interpolation {
  return value instanceof Field
    ? new Interpolation(value.value, value.expression, value.conversion, value.formatSpec)
    : new Interpolation(value);
}

/**
 * The `t` tag: ``t`hello ${name}` `` is Python's `t"hello {name}"`. JS hands a tag only values, not
 * source text, so `expression` is `''` (use {@link field} or `Template.parse` to record it).
 * `strings` is the literal's TemplateStringsArray (cooked text, identity stable per call site).
 * @example
 * const tpl = t`hello ${'yj'}`;
 * [...tpl]; // ['hello ', Interpolation('yj', '', None, '')]
 */
export function t(strings: TemplateStringsArray, ...values: unknown[]): Template {
  for (let i = 0; i < strings.length; i++) {
    if (strings[i] === undefined) {
      throw new SyntaxError(`t: invalid escape sequence in template literal part ${i}: ${JSON.stringify(strings.raw[i])}`);
    }
  }
  const interpolations = new Array<Interpolation>(values.length);
  for (let i = 0; i < values.length; i++) interpolations[i] = interpolationOf(values[i]);
  return Template.fromParts(strings, Object.freeze(interpolations));
}

/** True when a processor was called as a tag (``html`…` ``) rather than with a Template. */
export function isTagCall(first: unknown): first is TemplateStringsArray {
  return Array.isArray(first) && Object.hasOwn(first, 'raw');
}

/** The Template a processor works on, whether it was called as a tag or with a Template. */
export function templateOf(first: Template | TemplateStringsArray, values: unknown[], processor: string): Template {
  if (first instanceof Template) return first;
  if (isTagCall(first)) return t(first, ...values);
  throw new TypeError(
    `${processor}() expects a Template (from the t tag or Template.parse), got ${first === null ? 'null' : typeof first}`,
  );
}
