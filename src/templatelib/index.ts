// ts314/templatelib: PEP 750 template strings for TypeScript, with safe processors (format, html, sql, json, shell).
export { Template, t, field, Field, CONCAT_STR_MESSAGE } from './template.js';
export type { FieldOptions, ParseScope } from './template.js';
export { Interpolation } from './interpolation.js';
export { convert, repr, reprOf, strOf, asciiOf } from './convert.js';
export type { Conversion } from './convert.js';
// Loaded for its effect: it installs Template.parse (template.ts cannot import it without a cycle).
import './parse.js';
export { format, formatValue, formatHook } from './format.js';
export { parseFormatSpec } from './format-spec.js';
export type { FormatSpec } from './format-spec.js';
export {
  TemplateSyntaxError,
  TemplateLookupError,
  FormatSpecError,
  HtmlContextError,
  SqlTemplateError,
  JsonTemplateError,
  ShellTemplateError,
  InvalidArgumentError,
} from './errors.js';
export type { LookupKind, LookupPythonType, FormatPythonType, HtmlRefusal, SqlRefusal, TemplateErrorCode } from './errors.js';
export { html, trusted, TrustedHtml, ScriptJson, CssValue } from './html.js';
export { json, toJson, DEFAULT_NON_FINITE } from './json.js';
export type { JsonOptions, NonFinitePolicy } from './json.js';
export { sql, SqlIdentifier, SqlParam, DEFAULT_DIALECT } from './sql.js';
export type { SqlDialect, SqlOptions, SqlQuery } from './sql.js';
export { shell } from './shell.js';
