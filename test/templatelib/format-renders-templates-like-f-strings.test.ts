// format(): the f-string processor — nested Templates, the format hook, and Python's TypeError for specs on objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, formatValue, formatHook, field, t, FormatSpecError, parseFormatSpec } from '../../src/templatelib/index.js';

test('format() applies conversion then spec, as a function or a tag', () => {
  assert.equal(format(t`${field('a', '>4', { conversion: 'r' })}!`), " 'a'!");
  assert.equal(format`n=${3}`, 'n=3');
});

test('nested Templates are rendered with format() first, then padded by their spec', () => {
  assert.equal(format(t`[${field(t`x=${field(1.5, '.2f')}`, '^10')}]`), '[  x=1.50  ]');
});

test('objects take the empty spec only, unless they implement formatHook', () => {
  assert.equal(formatValue([1, 'a']), "[1, 'a']");
  assert.throws(
    () => formatValue({}, '>5'),
    (e: unknown) =>
      e instanceof FormatSpecError &&
      e.pythonType === 'TypeError' &&
      /unsupported format string passed to Object.__format__/.test(e.message),
  );
  class Money {
    constructor(readonly cents: bigint) {}
    [formatHook](spec: string): string {
      return `${formatValue(Number(this.cents) / 100, spec || '.2f')} EUR`;
    }
  }
  assert.equal(format(t`${new Money(12345n)}`), '123.45 EUR');
  assert.equal(format(t`${field(new Money(5n), '>8.3f')}`), '   0.050 EUR');
});

test('parseFormatSpec exposes the parsed mini-language fields', () => {
  const spec = parseFormatSpec('*^+#012,.3f');
  assert.deepEqual(
    {
      fill: spec.fill,
      align: spec.align,
      sign: spec.sign,
      alternate: spec.alternate,
      width: spec.width,
      grouping: spec.grouping,
      precision: spec.precision,
      type: spec.type,
    },
    { fill: '*', align: '^', sign: '+', alternate: true, width: 12, grouping: ',', precision: 3, type: 'f' },
  );
  assert.throws(() => parseFormatSpec('1'.repeat(30)), /Too many decimal digits/);
});

test('refusals carry CPython 3.14 messages and exception types', () => {
  const cases: [unknown, string, string, string][] = [
    [1.5, 'd', "Unknown format code 'd' for object of type 'float'", 'ValueError'],
    [1, '.2d', 'Precision not allowed in integer format specifier', 'ValueError'],
    [1, ',x', "Cannot specify ',' with 'x'.", 'ValueError'],
    [1, ',_', "Cannot specify both ',' and '_'.", 'ValueError'],
    [1.5, '.f', 'Format specifier missing precision', 'ValueError'],
    ['s', '+5', 'Sign not allowed in string format specifier', 'ValueError'],
    ['s', '=5', "'=' alignment not allowed in string format specifier", 'ValueError'],
    [1, 'zd', 'Negative zero coercion (z) not allowed in integer format specifier', 'ValueError'],
    [-1, 'c', '%c arg not in range(0x110000)', 'OverflowError'],
    [1, 'abc', "Invalid format specifier 'abc' for object of type 'int'", 'ValueError'],
    [null, '>3', 'unsupported format string passed to NoneType.__format__', 'TypeError'],
  ];
  for (const [value, spec, message, pythonType] of cases) {
    assert.throws(
      () => formatValue(value, spec),
      (e: unknown) => e instanceof FormatSpecError && e.message === message && e.pythonType === pythonType && e.spec === spec,
      `${String(value)} ${spec}`,
    );
  }
});
