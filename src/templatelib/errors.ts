// The typed errors ts314/templatelib throws: one class per failure a caller can handle.
import { Ts314Error, Ts314ReferenceError, Ts314SyntaxError, type Ts314ErrorOptions } from '../internal/errors.js';
export { InvalidArgumentError } from '../internal/errors.js';

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

/** Stable codes of ts314/templatelib errors; `html()` and `sql()` refusals each have their own. */
export type TemplateErrorCode =
  | 'ERR_TEMPLATE_SYNTAX'
  | 'ERR_TEMPLATE_LOOKUP'
  | 'ERR_FORMAT_SPEC'
  | HtmlRefusal
  | SqlRefusal
  | 'ERR_JSON_TEMPLATE'
  | 'ERR_SHELL_TEMPLATE';

/** Where in a `Template.parse` source an error points: the source and the 0-based offset into it. */
interface SourcePosition {
  readonly source?: string;
  readonly offset?: number;
}

/** The message with its line, column and a caret under the offending spot, plus the fields to keep. */
function located(problem: string, position: SourcePosition): [string, { source: string; offset: number; line: number; column: number }] {
  const source = position.source ?? '';
  const offset = position.offset ?? 0;
  const { line, column } = lineColumn(source, offset);
  return [`${problem} (line ${line}, column ${column})${pointAt(source, offset)}`, { source, offset, line, column }];
}

/**
 * `Template.parse` met text that is not valid t-string syntax (Python's SyntaxError).
 * `column` is 1-based like Python's tracebacks; `offset` is the 0-based index into `source`.
 * The message is the problem; the constructor adds where it is.
 */
export class TemplateSyntaxError extends Ts314SyntaxError<TemplateErrorCode> {
  static override readonly code: TemplateErrorCode = 'ERR_TEMPLATE_SYNTAX';
  override name = 'TemplateSyntaxError';
  declare readonly source: string;
  declare readonly offset: number;
  declare readonly line: number;
  declare readonly column: number;
  constructor(problem: string, options?: Ts314ErrorOptions<TemplateErrorCode> & SourcePosition) {
    const [message, position] = located(problem, options ?? {});
    super(message, { ...options, ...position });
  }
}

/** What kind of lookup failed, as Python would name the exception. */
export type LookupKind = 'name' | 'attribute' | 'index';

/** The exception CPython raises for the same lookup. */
export type LookupPythonType = 'NameError' | 'AttributeError' | 'KeyError' | 'IndexError' | 'TypeError';

/**
 * A `Template.parse` field names something the scope does not have: an unknown name (NameError),
 * a missing attribute (AttributeError) or a missing index/key (IndexError/KeyError).
 */
export class TemplateLookupError extends Ts314ReferenceError<TemplateErrorCode> {
  static override readonly code: TemplateErrorCode = 'ERR_TEMPLATE_LOOKUP';
  override name = 'TemplateLookupError';
  declare readonly kind: LookupKind;
  /** The exception CPython raises for the same lookup (`kind: 'index'` covers KeyError, IndexError and TypeError). */
  declare readonly pythonType: LookupPythonType;
  /** The full field path up to and including the failing part, e.g. `user.emial`. */
  declare readonly path: string;
  declare readonly source: string;
  declare readonly offset: number;
  declare readonly line: number;
  declare readonly column: number;
  constructor(
    problem: string,
    options?: Ts314ErrorOptions<TemplateErrorCode> & SourcePosition & { kind?: LookupKind; pythonType?: LookupPythonType; path?: string },
  ) {
    const [message, position] = located(problem, options ?? {});
    const kind = options?.kind ?? 'name';
    const fields = {
      path: '',
      ...options,
      kind,
      pythonType: options?.pythonType ?? (kind === 'name' ? 'NameError' : kind === 'attribute' ? 'AttributeError' : 'KeyError'),
      ...position,
    };
    super(message, fields);
  }
}

/** The exception CPython raises for the same `format()` call. */
export type FormatPythonType = 'ValueError' | 'TypeError' | 'OverflowError' | 'MemoryError';

/**
 * A format spec CPython would reject. `pythonType` names the exception CPython raises for the same
 * value and spec (`ValueError` for a bad spec, `TypeError` for a spec on a type that takes none,
 * `MemoryError` for a result longer than a JavaScript string can hold).
 */
export class FormatSpecError extends Ts314Error<TemplateErrorCode> {
  static override readonly code: TemplateErrorCode = 'ERR_FORMAT_SPEC';
  override name = 'FormatSpecError';
  declare readonly spec: string;
  declare readonly pythonType: FormatPythonType;
  constructor(message: string, options?: Ts314ErrorOptions<TemplateErrorCode> & { spec?: string; pythonType?: FormatPythonType }) {
    super(message, { spec: '', pythonType: 'ValueError', ...options });
  }
}

/** Why `html()` refused an interpolation: the `code` of its HtmlContextError. */
export type HtmlRefusal =
  | 'ERR_HTML_EVENT_HANDLER'
  | 'ERR_HTML_UNQUOTED_ATTRIBUTE'
  | 'ERR_HTML_TAG_NAME'
  | 'ERR_HTML_ATTRIBUTE_NAME'
  | 'ERR_HTML_RAW_TEXT'
  | 'ERR_HTML_COMMENT'
  | 'ERR_HTML_UNSAFE_URL'
  | 'ERR_HTML_UNSAFE_CSS'
  | 'ERR_HTML_BAD_VALUE'
  | 'ERR_HTML_AMBIGUOUS_CONTEXT';

/** `html()` refused an interpolation because no escaping makes it safe where it stands. */
export class HtmlContextError extends Ts314Error<HtmlRefusal> {
  static override readonly code: HtmlRefusal = 'ERR_HTML_BAD_VALUE';
  override name = 'HtmlContextError';
  /** Index of the interpolation in `template.interpolations` (-1 for `html.css()` and the like). */
  declare readonly index: number;
  constructor(message: string, options?: Ts314ErrorOptions<HtmlRefusal> & { index?: number }) {
    super(message, { index: -1, ...options });
  }
}

/** Why `sql()` refused a template: the `code` of its SqlTemplateError. */
export type SqlRefusal =
  | 'ERR_SQL_EMPTY_ARRAY'
  | 'ERR_SQL_BAD_IDENTIFIER'
  | 'ERR_SQL_INSIDE_LITERAL'
  | 'ERR_SQL_UNSUPPORTED_VALUE'
  | 'ERR_SQL_UNKNOWN_DIALECT'
  | 'ERR_SQL_STATIC_PLACEHOLDER';

/** `sql()` refused: a value cannot be sent as a parameter where it stands. */
export class SqlTemplateError extends Ts314Error<SqlRefusal> {
  static override readonly code: SqlRefusal = 'ERR_SQL_UNSUPPORTED_VALUE';
  override name = 'SqlTemplateError';
  constructor(message: string, options?: Ts314ErrorOptions<SqlRefusal>) {
    super(message, options);
  }
}

/** `json()` could not produce valid JSON; `index`/`expression` name the offending interpolation. */
export class JsonTemplateError extends Ts314Error<TemplateErrorCode> {
  static override readonly code: TemplateErrorCode = 'ERR_JSON_TEMPLATE';
  override name = 'JsonTemplateError';
  /** Index of the offending interpolation, or -1 when the static text itself is not JSON. */
  declare readonly index: number;
  declare readonly expression: string;
  constructor(message: string, options?: Ts314ErrorOptions<TemplateErrorCode> & { index?: number; expression?: string }) {
    super(message, { index: -1, expression: '', ...options });
  }
}

/** `shell()` refused a template whose argument boundaries would be ambiguous. */
export class ShellTemplateError extends Ts314Error<TemplateErrorCode> {
  static override readonly code: TemplateErrorCode = 'ERR_SHELL_TEMPLATE';
  override name = 'ShellTemplateError';
  /** Index of the offending interpolation, or -1 for a problem in the static text. */
  declare readonly index: number;
  constructor(message: string, options?: Ts314ErrorOptions<TemplateErrorCode> & { index?: number }) {
    super(message, { index: -1, ...options });
  }
}
