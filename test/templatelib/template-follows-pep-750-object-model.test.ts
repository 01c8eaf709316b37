// Template, Interpolation and the t tag behave as PEP 750's string.templatelib objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Template, Interpolation, t, field, convert, CONCAT_STR_MESSAGE, repr } from '../../src/templatelib/index.js';

test('t tag: strings always one longer than interpolations, empty strings kept', () => {
  const a = 1;
  const b = 2;
  const tpl = t`${a}${b}`;
  assert.deepEqual([...tpl.strings], ['', '', '']);
  assert.equal(tpl.interpolations.length, 2);
  assert.deepEqual(tpl.values, [1, 2]);
  const hello = t`hello ${'yj'}`;
  assert.deepEqual([...hello.strings], ['hello ', '']);
  assert.equal(hello.interpolations[0]!.expression, '', 'a tagged template has no source text at run time');
  assert.equal(hello.interpolations[0]!.conversion, null);
  assert.equal(hello.interpolations[0]!.formatSpec, '');
});

test('values is a fresh array each time', () => {
  const tpl = t`${1}`;
  const v = tpl.values;
  v.push(2);
  assert.deepEqual(tpl.values, [1]);
});

test('iteration yields text and interpolations in order, skipping empty strings', () => {
  const tpl = t`${1}x${2}`;
  const items = [...tpl];
  assert.equal(items.length, 3);
  assert.ok(items[0] instanceof Interpolation && items[0].value === 1);
  assert.equal(items[1], 'x');
  assert.ok(items[2] instanceof Interpolation && items[2].value === 2);
});

test('constructor normalises: adjacent strings merge, empty strings inserted', () => {
  const i1 = new Interpolation(1, 'a');
  const i2 = new Interpolation(2, 'b');
  assert.deepEqual([...new Template().strings], ['']);
  assert.deepEqual([...new Template(i1, i2).strings], ['', '', '']);
  const tpl = new Template('a', 'b', i1, 'c', 'd');
  assert.deepEqual([...tpl.strings], ['ab', 'cd']);
  assert.deepEqual(tpl.interpolations, [i1]);
  assert.throws(
    () => new Template(3 as unknown as string),
    (e: unknown) => e instanceof TypeError && /need to be of type 'str' or 'Interpolation', got number/.test(e.message),
  );
});

test('attributes are read-only at run time', () => {
  const tpl = t`a${1}`;
  assert.throws(() => {
    (tpl as unknown as { strings: unknown }).strings = [];
  }, TypeError);
  assert.throws(() => {
    (tpl.interpolations as Interpolation[]).push(new Interpolation(1));
  }, TypeError);
  const i = new Interpolation(1);
  assert.throws(() => {
    (i as unknown as { value: unknown }).value = 2;
  }, TypeError);
  assert.ok(Object.isFrozen(tpl.strings));
});

test("Template + Template merges the boundary strings; Template + str is a TypeError with Python's text", () => {
  const left = t`a${1}b`;
  const right = t`c${2}d`;
  const both = left.concat(right);
  assert.deepEqual([...both.strings], ['a', 'bc', 'd']);
  assert.deepEqual(both.values, [1, 2]);
  assert.deepEqual([...left.add(right).strings], ['a', 'bc', 'd']);
  assert.throws(() => left.concat('x' as unknown as Template), {
    name: 'TypeError',
    message: 'can only concatenate string.templatelib.Template (not "str") to string.templatelib.Template',
  });
  // biome-ignore lint/style/useTemplate: the `+` operator is under test (a template literal converts differently)
  assert.throws(() => (left as unknown as string) + 'x', { name: 'TypeError', message: CONCAT_STR_MESSAGE });
  // biome-ignore lint/style/useTemplate: the `+` operator is under test
  assert.throws(() => 'x' + (left as unknown as string), TypeError);
});

test('String(template) is the repr, like Python str()', () => {
  const tpl = new Template('hi ', new Interpolation(3.5, '1 + 2.5', null, '.2f'));
  const expected = "Template(strings=('hi ', ''), interpolations=(Interpolation(3.5, '1 + 2.5', None, '.2f'),))";
  assert.equal(String(tpl), expected);
  assert.equal(`${tpl}`, expected);
  assert.equal(tpl[repr](), expected);
});

test('Interpolation validates like CPython', () => {
  assert.throws(() => new Interpolation(1, 2 as unknown as string), {
    name: 'TypeError',
    message: "Interpolation() argument 'expression' must be str, not number",
  });
  assert.throws(() => new Interpolation(1, '', 'x' as 'r'), {
    name: 'RangeError',
    message: "Interpolation() argument 'conversion' must be one of 's', 'a' or 'r'",
  });
  assert.throws(() => new Interpolation(1, '', 1 as unknown as 'r'), TypeError);
  assert.throws(() => new Interpolation(1, '', null, 3 as unknown as string), TypeError);
  const i = new Interpolation(3, 'x', 'r', '>5');
  assert.deepEqual(Interpolation.__match_args__, ['value', 'expression', 'conversion', 'formatSpec']);
  assert.deepEqual([i.value, i.expression, i.conversion, i.formatSpec], [3, 'x', 'r', '>5']);
});

test('field() gives a t literal a format spec, conversion and expression', () => {
  const tpl = t`${field(3, '>5', { conversion: 'r', expression: 'price' })}`;
  const i = tpl.interpolations[0]!;
  assert.deepEqual([i.value, i.expression, i.conversion, i.formatSpec], [3, 'price', 'r', '>5']);
  assert.throws(() => field(1, '', { conversion: 'q' as 'r' }), RangeError);
});

test('convert() applies none, s, r, a and refuses others', () => {
  assert.equal(convert('x', null), 'x');
  assert.equal(convert('x', 's'), 'x');
  assert.equal(convert('x', 'r'), "'x'");
  assert.equal(convert('é', 'a'), "'\\xe9'");
  assert.throws(() => convert('x', 'z' as 'r'), { name: 'RangeError', message: 'invalid conversion specifier: z' });
});

test('the seed example: uppercasing every interpolated value', () => {
  const name = 'yj';
  const tstring = t`hello ${name}`;
  const amended: string[] = [];
  for (const element of tstring) amended.push(element instanceof Interpolation ? String(element.value).toUpperCase() : element);
  assert.equal(amended.join(''), 'hello YJ');
  assert.ok(tstring instanceof Template);
});
