// sql(): placeholders per dialect, array expansion, identifiers, composition with renumbering, and every refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, t, SqlTemplateError, DEFAULT_DIALECT, type SqlRefusal } from '../../src/templatelib/index.js';

test('placeholders: $n for postgres, ? for sqlite and mysql; values never in the text', () => {
  const name = "x' OR '1'='1";
  assert.deepEqual(sql(t`SELECT * FROM users WHERE name = ${name} AND age > ${30}`, { dialect: 'postgres' }), {
    text: 'SELECT * FROM users WHERE name = $1 AND age > $2',
    values: [name, 30],
  });
  assert.deepEqual(sql(t`SELECT * FROM users WHERE name = ${name} AND age > ${30}`, { dialect: 'sqlite' }), {
    text: 'SELECT * FROM users WHERE name = ? AND age > ?',
    values: [name, 30],
  });
  assert.deepEqual(sql(t`SELECT ${1}`, { dialect: 'mysql' }), { text: 'SELECT ?', values: [1] });
  assert.equal(DEFAULT_DIALECT, 'postgres');
  assert.deepEqual(sql`SELECT ${1}`, { text: 'SELECT $1', values: [1] });
});

test('arrays expand for IN (…); sql.param keeps one as a single parameter', () => {
  assert.deepEqual(sql(t`WHERE id IN (${[1, 2, 3]}) AND x = ${4}`), { text: 'WHERE id IN ($1, $2, $3) AND x = $4', values: [1, 2, 3, 4] });
  assert.deepEqual(sql(t`WHERE id = ANY(${sql.param([1, 2])})`), { text: 'WHERE id = ANY($1)', values: [[1, 2]] });
  const bytes = new Uint8Array([1, 2]);
  assert.deepEqual(sql(t`INSERT INTO b VALUES (${bytes})`).values, [bytes], 'binary values are one parameter');
});

test('nested Templates and sql.join compose with correct renumbering', () => {
  const filters = [t`a = ${1}`, t`b IN (${[2, 3]})`, t`c = ${'x'}`];
  const q = sql(t`SELECT ${sql.identifier('t', 'col')} FROM t WHERE ${sql.join(filters, ' AND ')} LIMIT ${10}`);
  assert.deepEqual(q, { text: 'SELECT "t"."col" FROM t WHERE a = $1 AND b IN ($2, $3) AND c = $4 LIMIT $5', values: [1, 2, 3, 'x', 10] });
  const inner = t`SELECT id FROM u WHERE n = ${'n'}`;
  assert.equal(
    sql(t`SELECT * FROM t WHERE x = ${0} AND id IN (${inner})`).text,
    'SELECT * FROM t WHERE x = $1 AND id IN (SELECT id FROM u WHERE n = $2)',
  );
  assert.equal(sql(sql.join([1, 2])).text, '$1, $2');
});

test('identifiers are quoted per dialect, quotes doubled', () => {
  assert.equal(sql(t`SELECT ${sql.identifier('we"ird')}`, { dialect: 'postgres' }).text, 'SELECT "we""ird"');
  assert.equal(sql(t`SELECT ${sql.identifier('we"ird')}`, { dialect: 'sqlite' }).text, 'SELECT "we""ird"');
  assert.equal(sql(t`SELECT ${sql.identifier('we`ird')}`, { dialect: 'mysql' }).text, 'SELECT `we``ird`');
  assert.equal(sql(t`SELECT ${[sql.identifier('a'), sql.identifier('b')]}`).text, 'SELECT "a", "b"');
});

const REFUSALS: [string, () => unknown, SqlRefusal, RegExp][] = [
  [
    'an empty array',
    () => sql(t`WHERE id IN (${[]})`),
    'ERR_SQL_EMPTY_ARRAY',
    /interpolation #0 is an empty array; "IN \(\)" is not valid SQL/,
  ],
  ['an empty join', () => sql.join([]), 'ERR_SQL_EMPTY_ARRAY', /nothing to join/],
  ['a value inside quotes', () => sql(t`WHERE name = '${'x'}'`), 'ERR_SQL_INSIDE_LITERAL', /interpolation #0 is inside a string literal/],
  ['a value inside a quoted identifier', () => sql(t`SELECT "${'x'}"`), 'ERR_SQL_INSIDE_LITERAL', /inside a quoted identifier/],
  ['a value inside a line comment', () => sql(t`SELECT 1 -- ${'x'}`), 'ERR_SQL_INSIDE_LITERAL', /inside a comment/],
  ['a value inside a block comment', () => sql(t`SELECT 1 /* ${'x'} */`), 'ERR_SQL_INSIDE_LITERAL', /inside a comment/],
  ['a value inside a dollar-quoted string', () => sql(t`SELECT $$ ${'x'} $$`), 'ERR_SQL_INSIDE_LITERAL', /inside a dollar-quoted string/],
  ['a mysql backtick name', () => sql(t`SELECT \`${'x'}\``, { dialect: 'mysql' }), 'ERR_SQL_INSIDE_LITERAL', /inside a quoted identifier/],
  ['undefined', () => sql(t`SELECT ${undefined}`), 'ERR_SQL_UNSUPPORTED_VALUE', /is undefined, which is not a SQL value: pass null/],
  ['a function', () => sql(t`SELECT ${() => 1}`), 'ERR_SQL_UNSUPPORTED_VALUE', /is a function/],
  [
    'a static ? with sqlite',
    () => sql(t`SELECT ? , ${1}`, { dialect: 'sqlite' }),
    'ERR_SQL_STATIC_PLACEHOLDER',
    /contains the placeholder "\?"/,
  ],
  ['a static $1 with postgres', () => sql(t`SELECT $1, ${1}`), 'ERR_SQL_STATIC_PLACEHOLDER', /contains the placeholder "\$1"/],
  [
    'an unknown dialect',
    () => sql(t`SELECT 1`, { dialect: 'postgresql' as 'postgres' }),
    'ERR_SQL_UNKNOWN_DIALECT',
    /unknown dialect "postgresql"\. Did you mean 'postgres'\?/,
  ],
  ['an empty identifier', () => sql.identifier(''), 'ERR_SQL_BAD_IDENTIFIER', /cannot be empty/],
  ['a NUL in an identifier', () => sql.identifier('a\u0000b'), 'ERR_SQL_BAD_IDENTIFIER', /contains a NUL character/],
  ['a lone surrogate in an identifier', () => sql.identifier('a\ud800'), 'ERR_SQL_BAD_IDENTIFIER', /lone surrogate/],
  [
    'a postgres identifier over 63 bytes',
    () => sql(t`SELECT ${sql.identifier('x'.repeat(64))}`),
    'ERR_SQL_BAD_IDENTIFIER',
    /longer than PostgreSQL's 63 bytes/,
  ],
  [
    'a mysql identifier ending in a space',
    () => sql(t`SELECT ${sql.identifier('x ')}`, { dialect: 'mysql' }),
    'ERR_SQL_BAD_IDENTIFIER',
    /cannot end with a space/,
  ],
];

for (const [name, run, code, message] of REFUSALS) {
  test(`refuses ${name} (${code})`, () => {
    assert.throws(run, (e: unknown) => e instanceof SqlTemplateError && e.code === code && message.test(e.message));
  });
}

test('a mistyped option is reported with a suggestion', () => {
  assert.throws(() => sql(t`SELECT 1`, { dialet: 'sqlite' } as never), /unknown option 'dialet'\. Did you mean 'dialect'\?/);
});
