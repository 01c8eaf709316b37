// Template.parse(): Python t-string syntax from a runtime string — paths only, never code; errors point at the column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Template, format, TemplateSyntaxError, TemplateLookupError } from '../../src/templatelib/index.js';
import { runPython } from '../helpers/python.js';

const scope = {
  name: 'Ada',
  user: { email: 'ada@example.com', tags: ['x', 'y'], 'odd key': 1 },
  items: [10, 20, 30],
  prices: new Map([['tea', 2.5]]),
  i: 1,
  key: 'email',
  value: 42,
  width: 10,
  prec: 3,
  price: 3.14159,
};

test('names, attribute and index paths resolve in the scope', () => {
  const tpl = Template.parse(
    "{name} {user.email} {items[0]} {items[-1]} {user['odd key']} {prices['tea']} {items[i]} {user[key]} {user.tags[1]}",
    scope,
  );
  assert.deepEqual(tpl.values, ['Ada', 'ada@example.com', 10, 30, 1, 2.5, 20, 'ada@example.com', 'y']);
  assert.deepEqual(
    tpl.interpolations.map((i) => i.expression),
    ['name', 'user.email', 'items[0]', 'items[-1]', "user['odd key']", "prices['tea']", 'items[i]', 'user[key]', 'user.tags[1]'],
  );
  assert.deepEqual([...tpl.strings], ['', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', '']);
});

test('conversions, format specs, nested fields, {{ }} and whitespace follow the t-string grammar', () => {
  const tpl = Template.parse('{{literal}} { name !r:>8} {price:{width}.{prec}f} {value=} {value = :>4} {value=!s}', scope);
  const [a, b, c, d, e] = tpl.interpolations;
  assert.deepEqual([a!.expression, a!.conversion, a!.formatSpec], [' name', 'r', '>8']);
  assert.deepEqual([b!.expression, b!.formatSpec], ['price', '10.3f']);
  assert.deepEqual([c!.expression, c!.conversion], ['value', 'r']);
  assert.deepEqual([d!.expression, d!.conversion, d!.formatSpec], ['value', null, '>4']);
  assert.deepEqual([e!.expression, e!.conversion], ['value', 's']);
  assert.deepEqual([...tpl.strings], ['{literal} ', ' ', ' value=', ' value = ', ' value=', '']);
});

test('format(Template.parse(src)) equals the same f-string run by CPython', () => {
  const src = "{name!r:*^12}|{price:{width}.{prec}f}|{value=}|{value = :>5}|{items[-1]:#x}|{user['odd key']:+}";
  const py = runPython({
    code: `name='Ada';price=3.14159;width=10;prec=3;value=42;items=[10,20,30];user={'odd key':1}\nprint(f${JSON.stringify(src)}, end='')`,
  });
  assert.equal(format(Template.parse(src, scope)), py);
});

function syntaxError(src: string, column: number, message: RegExp): void {
  assert.throws(
    () => Template.parse(src, scope),
    (e: unknown) => {
      assert.ok(e instanceof TemplateSyntaxError, String(e));
      assert.equal(e.column, column, `${src}: ${e.message}`);
      assert.match(e.message, message);
      return true;
    },
  );
}

test('syntax errors name the problem and point at the column', () => {
  syntaxError('abc }', 5, /single '}' is not allowed/);
  syntaxError('x {name', 3, /expecting '}'/);
  syntaxError('{}', 2, /valid expression required before '}'/);
  syntaxError('{name!x}', 7, /invalid conversion character 'x': expected 's', 'r', or 'a'/);
  syntaxError('{name!}', 7, /missing conversion character/);
  syntaxError('{items[0}', 9, /closing parenthesis '}' does not match opening parenthesis '\['/);
  syntaxError('{a:{b:{c:{d}}}}', 10, /expressions nested too deeply/);
  syntaxError("{user['x}", 7, /unterminated string literal/);
  const e = (() => {
    try {
      Template.parse('line one\n  {name!q}', scope);
    } catch (err) {
      return err as TemplateSyntaxError;
    }
    throw new Error('no error');
  })();
  assert.equal(e.line, 2);
  assert.equal(e.column, 9);
  assert.match(e.message, /\n {2} {2}\{name!q\}\n {2} {8}\^/);
});

test('code is never evaluated: calls, operators and literals are syntax errors', () => {
  for (const src of ['{name()}', '{a + b}', '{1 + 1}', '{name.toUpperCase()}', '{items[0 + 1]}', '{`x`}', '{import("fs")}', '{(name,)}']) {
    assert.throws(() => Template.parse(src, scope), TemplateSyntaxError, src);
  }
});

test('unknown names, attributes and keys are lookup errors with "Did you mean"', () => {
  assert.throws(
    () => Template.parse('hi {nme}', scope),
    (e: unknown) =>
      e instanceof TemplateLookupError &&
      e.kind === 'name' &&
      e.column === 5 &&
      /name 'nme' is not defined\. Did you mean 'name'\?/.test(e.message),
  );
  // As in CPython, a swapped pair is two edits: too many for a four-letter name.
  assert.throws(
    () => Template.parse('hi {nmae}', scope),
    (e: unknown) => /name 'nmae' is not defined/.test(String(e)) && !/Did you mean/.test(String(e)),
  );
  assert.throws(
    () => Template.parse('{user.emial}', scope),
    (e: unknown) =>
      e instanceof TemplateLookupError &&
      e.kind === 'attribute' &&
      e.path === 'user.emial' &&
      /'dict' object has no attribute 'emial'\. Did you mean 'email'\?/.test(e.message),
  );
  assert.throws(
    () => Template.parse('{items[5]}', scope),
    (e: unknown) => e instanceof TemplateLookupError && e.kind === 'index' && /list index out of range/.test(e.message),
  );
  assert.throws(
    () => Template.parse("{prices['taa']}", scope),
    (e: unknown) => e instanceof TemplateLookupError && /KeyError: 'taa'\. Did you mean 'tea'\?/.test(e.message),
  );
});

test('paths cannot climb from data into code', () => {
  for (const src of [
    '{user.constructor}',
    '{user.__proto__}',
    "{user['constructor']}",
    '{name.constructor}',
    '{user.toString}',
    '{constructor}',
  ]) {
    assert.throws(() => Template.parse(src, scope), TemplateLookupError, src);
  }
});

test('a Map works as the scope', () => {
  assert.deepEqual(Template.parse('{a.b}', new Map([['a', { b: 1 }]])).values, [1]);
});
