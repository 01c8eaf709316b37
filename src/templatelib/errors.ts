// The typed errors ts314/templatelib throws: one class per failure a caller can handle.

/** Where in a `Template.parse` source a problem sits (0-based offset, 1-based column like Python). */
function pointAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = source.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = source.length;
  const line = source.slice(lineStart, lineEnd);
  return `\n  ${line}\n  ${' '.repeat(offset - lineStart)}^`;
}

/** Line and 1-based column of a 0-based offset. */
function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * `Template.parse` met text that is not valid t-string syntax (Python's SyntaxError).
 * `column` is 1-based like Python's tracebacks; `offset` is the 0-based index into `source`.
 */
export class TemplateSyntaxError extends SyntaxError {
  override name = 'TemplateSyntaxError';
  readonly source: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  constructor(problem: string, source: string, offset: number, options?: ErrorOptions) {
    const { line, column } = lineColumn(source, offset);
    super(`t-string: ${problem} (line ${line}, column ${column})${pointAt(source, offset)}`, options);
    this.source = source;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

/** What kind of lookup failed, as Python would name the exception. */
export type LookupKind = 'name' | 'attribute' | 'index';

/**
 * A `Template.parse` field names something the scope does not have: an unknown name (NameError),
 * a missing attribute (AttributeError) or a missing index/key (IndexError/KeyError).
 */
export class TemplateLookupError extends ReferenceError {
  override name = 'TemplateLookupError';
  readonly kind: LookupKind;
  /** The full field path up to and including the failing part, e.g. `user.emial`. */
  readonly path: string;
  readonly source: string;
  readonly offset: number;
  readonly column: number;
  constructor(kind: LookupKind, problem: string, path: string, source: string, offset: number, options?: ErrorOptions) {
    const { line, column } = lineColumn(source, offset);
    super(`t-string: ${problem} (line ${line}, column ${column})${pointAt(source, offset)}`, options);
    this.kind = kind;
    this.path = path;
    this.source = source;
    this.offset = offset;
    this.column = column;
  }
}

/**
 * A format spec CPython would reject. `pythonType` names the exception CPython raises for the same
 * value and spec (`ValueError` for a bad spec, `TypeError` for a spec on a type that takes none).
 */
export class FormatSpecError extends Error {
  override name = 'FormatSpecError';
  readonly spec: string;
  readonly pythonType: 'ValueError' | 'TypeError' | 'OverflowError';
  constructor(message: string, spec: string, pythonType: 'ValueError' | 'TypeError' | 'OverflowError' = 'ValueError', options?: ErrorOptions) {
    super(message, options);
    this.spec = spec;
    this.pythonType = pythonType;
  }
}

/** Why `html()` refused an interpolation. */
export type HtmlRefusal =
  | 'event-handler'
  | 'unquoted-attribute'
  | 'tag-name'
  | 'attribute-name'
  | 'raw-text'
  | 'comment'
  | 'unsafe-url'
  | 'unsafe-css'
  | 'bad-value'
  | 'ambiguous-context';

/** `html()` refused an interpolation because no escaping makes it safe where it stands. */
export class HtmlContextError extends Error {
  override name = 'HtmlContextError';
  readonly code: HtmlRefusal;
  /** Index of the interpolation in `template.interpolations`. */
  readonly index: number;
  constructor(code: HtmlRefusal, message: string, index: number, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.index = index;
  }
}

/** Why `sql()` refused a template. */
export type SqlRefusal =
  | 'empty-array'
  | 'bad-identifier'
  | 'inside-literal'
  | 'unsupported-value'
  | 'unknown-dialect'
  | 'static-placeholder';

/** `sql()` refused: a value cannot be sent as a parameter where it stands. */
export class SqlTemplateError extends Error {
  override name = 'SqlTemplateError';
  readonly code: SqlRefusal;
  constructor(code: SqlRefusal, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** `json()` could not produce valid JSON; `index`/`expression` name the offending interpolation. */
export class JsonTemplateError extends Error {
  override name = 'JsonTemplateError';
  /** Index of the offending interpolation, or -1 when the static text itself is not JSON. */
  readonly index: number;
  readonly expression: string;
  constructor(message: string, index: number, expression: string, options?: ErrorOptions) {
    super(message, options);
    this.index = index;
    this.expression = expression;
  }
}

/** `shell()` refused a template whose argument boundaries would be ambiguous. */
export class ShellTemplateError extends Error {
  override name = 'ShellTemplateError';
  /** Index of the offending interpolation, or -1 for a problem in the static text. */
  readonly index: number;
  constructor(message: string, index: number, options?: ErrorOptions) {
    super(message, options);
    this.index = index;
  }
}
