// PEP 750's Interpolation: one `{…}` of a template — the value, its source text, conversion and format spec.
import { type Conversion, repr, reprOf, stringRepr } from './convert.js';

/**
 * One replacement field of a Template, immutable like Python's. Conversion and format spec are
 * recorded, never applied: processors (`format`, `html`, `sql`…) decide what they mean.
 * Validation matches CPython: a non-string `expression`/`formatSpec` or a non-string conversion
 * throws TypeError; a string conversion other than `s`/`r`/`a` throws RangeError (Python's ValueError).
 * @example
 * const i = new Interpolation(3.0, '1 + 2', null, '.2f');
 * i.formatSpec; // '.2f'
 */
export class Interpolation {
  static readonly __match_args__ = ['value', 'expression', 'conversion', 'formatSpec'] as const;
  // Private fields behind getters make the attributes read-only at runtime (as in Python) without
  // Object.freeze, which costs more than the whole object on the hot path of every `t` literal.
  #value: unknown;
  #expression: string;
  #conversion: Conversion | null;
  #formatSpec: string;

  constructor(value: unknown, expression = '', conversion: Conversion | null = null, formatSpec = '') {
    if (typeof expression !== 'string') {
      throw new TypeError(`Interpolation() argument 'expression' must be str, not ${typeof expression}`);
    }
    if (conversion !== null && conversion !== undefined) {
      if (typeof conversion !== 'string') {
        throw new TypeError(`Interpolation() argument 'conversion' must be str, not ${typeof conversion}`);
      }
      if (conversion !== 's' && conversion !== 'r' && conversion !== 'a') {
        throw new RangeError("Interpolation() argument 'conversion' must be one of 's', 'a' or 'r'");
      }
    }
    if (typeof formatSpec !== 'string') {
      throw new TypeError(`Interpolation() argument 'format_spec' must be str, not ${typeof formatSpec}`);
    }
    this.#value = value;
    this.#expression = expression;
    this.#conversion = conversion ?? null;
    this.#formatSpec = formatSpec;
  }

  get value(): unknown {
    return this.#value;
  }

  get expression(): string {
    return this.#expression;
  }

  get conversion(): Conversion | null {
    return this.#conversion;
  }

  get formatSpec(): string {
    return this.#formatSpec;
  }

  /** Python's repr: `Interpolation(3.0, '1 + 2', None, '.2f')`. */
  [repr](): string {
    const conv = this.conversion === null ? 'None' : stringRepr(this.conversion);
    return `Interpolation(${reprOf(this.value)}, ${stringRepr(this.expression)}, ${conv}, ${stringRepr(this.formatSpec)})`;
  }

  toString(): string {
    return this[repr]();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this[repr]();
  }
}
