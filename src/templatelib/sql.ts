// The sql() processor: parameterized queries — values become placeholders, never text; identifiers are quoted per dialect.
import { didYouMean } from '../internal/did-you-mean.js';
import { checkOptionKeys } from '../internal/validate.js';
import { SqlTemplateError } from './errors.js';
import { Interpolation } from './interpolation.js';
import { Template, templateOf } from './template.js';

/** SQL dialects: they differ in placeholders (`$1` vs `?`), identifier quotes and lexical rules. */
export type SqlDialect = 'postgres' | 'sqlite' | 'mysql';

const DIALECTS: readonly SqlDialect[] = ['postgres', 'sqlite', 'mysql'];

/** Postgres is the default: its numbered `$n` placeholders are what nested fragments renumber. */
export const DEFAULT_DIALECT: SqlDialect = 'postgres';

/** PostgreSQL silently truncates identifiers longer than NAMEDATALEN - 1 bytes; we refuse instead. */
const POSTGRES_MAX_IDENTIFIER_BYTES = 63;
/** MySQL's limit on identifier length, in characters. */
const MYSQL_MAX_IDENTIFIER_CHARS = 64;

/** Options of {@link sql}. */
export interface SqlOptions {
  dialect?: SqlDialect;
}

/** A query ready for a driver: `text` holds only static SQL, placeholders and quoted identifiers. */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** A (possibly qualified) identifier from sql.identifier(): quoted for the dialect at render time. */
export class SqlIdentifier {
  readonly parts: readonly string[];
  constructor(parts: readonly string[]) {
    if (parts.length === 0) throw new SqlTemplateError('sql.identifier() needs at least one name', { code: 'ERR_SQL_BAD_IDENTIFIER' });
    for (const part of parts) {
      if (typeof part !== 'string')
        throw new SqlTemplateError(`sql.identifier(): a name must be a string, got ${typeof part}`, { code: 'ERR_SQL_BAD_IDENTIFIER' });
      if (part === '') throw new SqlTemplateError('sql.identifier(): an identifier cannot be empty', { code: 'ERR_SQL_BAD_IDENTIFIER' });
      if (part.includes('\u0000'))
        throw new SqlTemplateError(
          `sql.identifier(): ${JSON.stringify(part)} contains a NUL character, which no database accepts in a name`,
          { code: 'ERR_SQL_BAD_IDENTIFIER' },
        );
      if (/\p{Cs}/u.test(part))
        throw new SqlTemplateError(`sql.identifier(): ${JSON.stringify(part)} contains a lone surrogate (not valid Unicode)`, {
          code: 'ERR_SQL_BAD_IDENTIFIER',
        });
    }
    this.parts = Object.freeze([...parts]);
    Object.freeze(this);
  }

  /** The quoted text for one dialect. */
  quoted(dialect: SqlDialect): string {
    return this.parts
      .map((part) => {
        if (dialect === 'mysql') {
          if ([...part].length > MYSQL_MAX_IDENTIFIER_CHARS) {
            throw new SqlTemplateError(
              `sql.identifier(): ${JSON.stringify(part)} is longer than MySQL's ${MYSQL_MAX_IDENTIFIER_CHARS} characters`,
              { code: 'ERR_SQL_BAD_IDENTIFIER' },
            );
          }
          if (part.endsWith(' '))
            throw new SqlTemplateError(`sql.identifier(): MySQL names cannot end with a space: ${JSON.stringify(part)}`, {
              code: 'ERR_SQL_BAD_IDENTIFIER',
            });
          return `\`${part.replaceAll('`', '``')}\``;
        }
        if (dialect === 'postgres' && Buffer.byteLength(part) > POSTGRES_MAX_IDENTIFIER_BYTES) {
          throw new SqlTemplateError(
            `sql.identifier(): ${JSON.stringify(part)} is longer than PostgreSQL's ${POSTGRES_MAX_IDENTIFIER_BYTES} bytes (it would be truncated silently)`,
            { code: 'ERR_SQL_BAD_IDENTIFIER' },
          );
        }
        return `"${part.replaceAll('"', '""')}"`;
      })
      .join('.');
  }
}

/** A value sql() sends as one parameter even if it is an array (e.g. for `= ANY($1)` in PostgreSQL). */
export class SqlParam {
  constructor(readonly value: unknown) {
    Object.freeze(this);
  }
}

/** Lexical place of each interpolation in the static SQL. */
enum Lex {
  Code,
  String,
  QuotedName,
  Comment,
  DollarQuoted,
}

const LEX_NAMES = ['', 'a string literal', 'a quoted identifier', 'a comment', 'a dollar-quoted string'];

interface SqlContext {
  lex: Lex[];
  /** A placeholder-looking token in the static text, which would break numbering. */
  staticPlaceholder: string | undefined;
}

function analyzeSql(strings: readonly string[], dialect: SqlDialect): SqlContext {
  const lex: Lex[] = [];
  let state = Lex.Code;
  let quote = '';
  let dollarTag = '';
  let staticPlaceholder: string | undefined;
  for (let k = 0; k < strings.length; k++) {
    const s = strings[k]!;
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      switch (state) {
        case Lex.Code:
          if (c === "'" || (c === '"' && dialect === 'mysql')) {
            state = Lex.String;
            quote = c;
          } else if (c === '"' || (c === '`' && dialect === 'mysql')) {
            state = Lex.QuotedName;
            quote = c;
          } else if (c === '-' && s[i + 1] === '-') {
            state = Lex.Comment;
            quote = '\n';
          } else if (c === '#' && dialect === 'mysql') {
            state = Lex.Comment;
            quote = '\n';
          } else if (c === '/' && s[i + 1] === '*') {
            state = Lex.Comment;
            quote = '*/';
            i++;
          } else if (c === '$' && dialect === 'postgres') {
            const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(s.slice(i));
            if (m) {
              state = Lex.DollarQuoted;
              dollarTag = m[0];
              i += m[0].length - 1;
            } else if (/^\$\d/.test(s.slice(i))) staticPlaceholder ??= /^\$\d+/.exec(s.slice(i))![0];
          } else if (c === '?' && dialect !== 'postgres') staticPlaceholder ??= '?';
          break;
        case Lex.String:
        case Lex.QuotedName:
          if (c === '\\' && dialect === 'mysql' && state === Lex.String) i++;
          else if (c === quote) {
            if (s[i + 1] === quote) i++;
            else state = Lex.Code;
          }
          break;
        case Lex.Comment:
          if (quote === '\n' ? c === '\n' : c === '*' && s[i + 1] === '/') {
            if (quote !== '\n') i++;
            state = Lex.Code;
          }
          break;
        case Lex.DollarQuoted:
          if (s.startsWith(dollarTag, i)) {
            i += dollarTag.length - 1;
            state = Lex.Code;
          }
          break;
      }
    }
    if (k < strings.length - 1) lex.push(state);
    // A line comment ends at the line's end; an interpolation on it is inside it.
  }
  return { lex, staticPlaceholder };
}

const sqlCache = new WeakMap<readonly string[], Partial<Record<SqlDialect, SqlContext>>>();

function contextOf(strings: readonly string[], dialect: SqlDialect): SqlContext {
  let byDialect = sqlCache.get(strings);
  if (byDialect === undefined) {
    byDialect = {};
    if (Object.isFrozen(strings)) sqlCache.set(strings, byDialect);
  }
  return (byDialect[dialect] ??= analyzeSql(strings, dialect));
}

function label(index: number, item: Interpolation): string {
  return `interpolation #${index}${item.expression ? ` {${item.expression}}` : ''}`;
}

function checkValue(value: unknown, index: number, item: Interpolation): unknown {
  if (value === undefined) {
    throw new SqlTemplateError(`sql(): ${label(index, item)} is undefined, which is not a SQL value: pass null for NULL`, {
      code: 'ERR_SQL_UNSUPPORTED_VALUE',
    });
  }
  if (typeof value === 'function' || typeof value === 'symbol') {
    throw new SqlTemplateError(`sql(): ${label(index, item)} is a ${typeof value}, which cannot be a query parameter`, {
      code: 'ERR_SQL_UNSUPPORTED_VALUE',
    });
  }
  return value;
}

function render(tpl: Template, dialect: SqlDialect, values: unknown[]): string {
  const { strings, interpolations } = tpl;
  const ctx = contextOf(strings, dialect);
  if (ctx.staticPlaceholder !== undefined) {
    throw new SqlTemplateError(
      `sql(): the static SQL contains the placeholder ${JSON.stringify(ctx.staticPlaceholder)}; interpolate values instead (for a literal '?' operator use the postgres dialect or a function form)`,
      { code: 'ERR_SQL_STATIC_PLACEHOLDER' },
    );
  }
  const placeholder = (): string => (dialect === 'postgres' ? `$${values.length}` : '?');
  let text = strings[0]!;
  for (let i = 0; i < interpolations.length; i++) {
    const item = interpolations[i]!;
    const value = item.value;
    const lex = ctx.lex[i]!;
    if (lex !== Lex.Code) {
      throw new SqlTemplateError(
        `sql(): ${label(i, item)} is inside ${LEX_NAMES[lex]}, where a parameter would be literal text: remove the quotes around it (the driver quotes values)`,
        { code: 'ERR_SQL_INSIDE_LITERAL' },
      );
    }
    let piece: string;
    if (value instanceof Template) piece = render(value, dialect, values);
    else if (value instanceof SqlIdentifier) piece = value.quoted(dialect);
    else if (value instanceof SqlParam) {
      values.push(checkValue(value.value, i, item));
      piece = placeholder();
    } else if (Array.isArray(value)) {
      if (value.length === 0) {
        throw new SqlTemplateError(
          `sql(): ${label(i, item)} is an empty array; "IN ()" is not valid SQL — handle the empty case before building the query`,
          { code: 'ERR_SQL_EMPTY_ARRAY' },
        );
      }
      const marks: string[] = [];
      for (const v of value) {
        if (v instanceof Template) marks.push(render(v, dialect, values));
        else if (v instanceof SqlIdentifier) marks.push(v.quoted(dialect));
        else {
          values.push(checkValue(v, i, item));
          marks.push(placeholder());
        }
      }
      piece = marks.join(', ');
    } else {
      values.push(checkValue(value, i, item));
      piece = placeholder();
    }
    text += piece + strings[i + 1]!;
  }
  return text;
}

/**
 * Builds a parameterized query: every interpolation becomes a placeholder (`$1…` for postgres,
 * `?` for sqlite and mysql) and its value goes to `values`; arrays expand to `$1, $2, …` for
 * `IN (…)`; `sql.identifier()` inserts a quoted name; nested Templates compose, renumbered.
 * Interpolations inside quotes or comments, empty arrays and `undefined` are refused.
 * @example
 * const q = sql(t`SELECT * FROM ${sql.identifier('users')} WHERE id IN (${[1, 2]}) AND name = ${name}`, { dialect: 'postgres' });
 * // q.text: 'SELECT * FROM "users" WHERE id IN ($1, $2) AND name = $3'
 */
export function sql(template: Template, options?: SqlOptions): SqlQuery;
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlQuery;
export function sql(template: Template | TemplateStringsArray, ...rest: unknown[]): SqlQuery {
  let options: SqlOptions = {};
  let values = rest;
  if (template instanceof Template && rest.length <= 1) {
    options = (rest[0] as SqlOptions | undefined) ?? {};
    values = [];
  }
  checkOptionKeys(options, ['dialect'], 'sql()');
  const dialect = options.dialect ?? DEFAULT_DIALECT;
  if (!DIALECTS.includes(dialect)) {
    throw new SqlTemplateError(
      `sql(): unknown dialect ${JSON.stringify(dialect)}.${didYouMean(String(dialect), DIALECTS) || ` Use one of ${DIALECTS.join(', ')}.`}`,
      { code: 'ERR_SQL_UNKNOWN_DIALECT' },
    );
  }
  const tpl = templateOf(template, values, 'sql');
  const params: unknown[] = [];
  const text = render(tpl, dialect, params);
  return { text, values: params };
}

/**
 * A table or column name, quoted for the dialect (`"na""me"` / `` `na``me` ``); several parts make a
 * qualified name (`sql.identifier('public', 'users')` → `"public"."users"`). Refuses empty names,
 * NUL, lone surrogates and names a database would truncate.
 * @example
 * sql(t`SELECT * FROM ${sql.identifier('public', 'my table')}`).text; // 'SELECT * FROM "public"."my table"'
 */
sql.identifier = function identifier(...parts: string[]): SqlIdentifier {
  return new SqlIdentifier(parts);
};

/**
 * Joins fragments into one Template: Templates nest, identifiers stay identifiers, other values
 * become parameters. `separator` is SQL text written by the program (never user data).
 * @example
 * const where = sql.join([t`a = ${1}`, t`b = ${2}`], ' AND ');
 * sql(t`SELECT 1 WHERE ${where}`).text; // 'SELECT 1 WHERE a = $1 AND b = $2'
 */
sql.join = function join(fragments: Iterable<unknown>, separator = ', '): Template {
  if (typeof separator !== 'string') throw new TypeError('sql.join(): the separator must be a string of SQL');
  const parts: (string | Interpolation)[] = [];
  let first = true;
  for (const fragment of fragments) {
    if (!first) parts.push(separator);
    first = false;
    parts.push(new Interpolation(fragment));
  }
  if (first)
    throw new SqlTemplateError('sql.join(): nothing to join: an empty list would produce broken SQL', { code: 'ERR_SQL_EMPTY_ARRAY' });
  return new Template(...parts);
};

/**
 * Sends a value as exactly one parameter, even an array.
 * @example
 * sql(t`SELECT * FROM t WHERE id = ANY(${sql.param([1, 2])})`); // { text: '… ANY($1)', values: [[1, 2]] }
 */
sql.param = function param(value: unknown): SqlParam {
  return new SqlParam(value);
};
