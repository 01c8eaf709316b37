// The format() processor: renders a Template like an f-string, with Python's format() of each value.
import { constants } from 'node:buffer';
import { convert, isIntLike, numberStr, strOf } from './convert.js';
import { FormatSpecError } from './errors.js';
import { formatFloat, formatInt, formatString, parseFormatSpec } from './format-spec.js';
import { Template, templateOf } from './template.js';

/**
 * Implement `[formatHook](spec: string): string` on a class to take part in `format()`, like
 * Python's `__format__`.
 * @example
 * class Money { constructor(public cents: bigint) {} [formatHook](spec: string) { return formatValue(Number(this.cents) / 100, spec || '.2f'); } }
 */
export const formatHook: unique symbol = Symbol.for('ts314.templatelib.format');

const { MAX_STRING_LENGTH } = constants;

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'object') return (value.constructor as { name?: string } | undefined)?.name || 'object';
  return typeof value;
}

/**
 * Python's built-in `format(value, spec)` for JS values, output identical to CPython's:
 * safe-integer numbers, bigints and booleans format as `int` (integral numbers also accept the int
 * presentation types `b c d o x X` at any size); other numbers as `float`; strings as `str`;
 * anything else takes only the empty spec (its `str()`), or its own {@link formatHook}.
 * Nested Templates are rendered with {@link format} first.
 * @example
 * formatValue(1234.5, ',.2f'); // '1,234.50'
 * formatValue(255, '#06x'); // '0x00ff'
 * formatValue('ab', '^6'); // '  ab  '
 */
export function formatValue(value: unknown, spec = ''): string {
  try {
    return formatAny(value, spec);
  } catch (e) {
    // CPython would build the string (or raise MemoryError); a JS string cannot be that long.
    if (e instanceof RangeError && /Invalid string length|Invalid array length/.test(e.message)) {
      throw new FormatSpecError(`the result would be longer than the longest JavaScript string (${MAX_STRING_LENGTH} characters)`, {
        spec,
        pythonType: 'MemoryError',
        cause: e,
      });
    }
    throw e;
  }
}

function formatAny(value: unknown, spec: string): string {
  switch (typeof value) {
    case 'string':
      return spec === '' ? value : formatString(value, parseFormatSpec(spec, 'str'), spec);
    case 'number': {
      if (spec === '') return numberStr(value);
      if (isIntLike(value)) return formatInt(value, parseFormatSpec(spec, 'int'), spec);
      const parsed = parseFormatSpec(spec, 'float');
      if (Number.isInteger(value) && !Object.is(value, -0) && parsed.type !== '' && 'bcdoxX'.includes(parsed.type)) {
        return formatInt(BigInt(value), parsed, spec);
      }
      return formatFloat(value, parsed, spec);
    }
    case 'bigint':
      return spec === '' ? value.toString() : formatInt(value, parseFormatSpec(spec, 'int'), spec);
    case 'boolean':
      return spec === '' ? (value ? 'True' : 'False') : formatInt(value ? 1 : 0, parseFormatSpec(spec, 'bool'), spec, 'bool');
  }
  if (value instanceof Template) {
    const text = format(value);
    return spec === '' ? text : formatString(text, parseFormatSpec(spec, 'str'), spec);
  }
  const hook = value !== null && typeof value === 'object' ? (value as { [formatHook]?: unknown })[formatHook] : undefined;
  if (typeof hook === 'function') return String(hook.call(value, spec));
  if (spec !== '') {
    throw new FormatSpecError(`unsupported format string passed to ${typeName(value)}.__format__`, { spec: spec, pythonType: 'TypeError' });
  }
  return strOf(value);
}

/**
 * Renders a Template like Python's f-string: each interpolation's conversion (`!s !r !a`), then its
 * format spec through {@link formatValue}. Works as a tag too: ``format`${x}` `` (no specs there —
 * use `field()` or `Template.parse`).
 * @example
 * format(Template.parse('{price:>10,.2f}|{name!r}', { price: 1234.5, name: 'Ada' })); // '  1,234.50|'Ada''
 */
export function format(template: Template | TemplateStringsArray, ...values: unknown[]): string {
  const tpl = templateOf(template, values, 'format');
  const { strings, interpolations } = tpl;
  let out = strings[0]!;
  for (let i = 0; i < interpolations.length; i++) {
    const item = interpolations[i]!;
    const value = item.conversion === null ? item.value : convert(item.value, item.conversion);
    out += formatValue(value, item.formatSpec) + strings[i + 1]!;
  }
  return out;
}
