// formatValue with huge precisions and widths: time linear in the output, and CPython's limits as typed FormatSpecErrors.
// test: serial — it compares the times of two formats, which other test files on the same cores would skew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormatSpecError, formatValue } from '../../src/templatelib/index.js';
import { growthRatio as ratio } from '../helpers/timing.js';

test('".Nf" with 10× the precision takes about 10× the time (linear, not quadratic)', () => {
  assert.equal(formatValue(1.5, '.3000000f').length, 3_000_002);
  const r = ratio(
    () => formatValue(1.5, '.3000000f'),
    () => formatValue(1.5, '.30000000f'),
  );
  assert.ok(r < 40, `10× the precision took ${r.toFixed(1)}× the time`);
});

test('".Ne" and "#.Ng" grow linearly too', () => {
  const e = ratio(
    () => formatValue(0.1, '.300000e'),
    () => formatValue(0.1, '.3000000e'),
  );
  const g = ratio(
    () => formatValue(0.1, '#.300000g'),
    () => formatValue(0.1, '#.3000000g'),
  );
  // Quadratic growth would be 100×; the bound leaves room for a busy machine's noise.
  assert.ok(e < 40 && g < 40, `10× the precision took ${e.toFixed(1)}× (e) and ${g.toFixed(1)}× (#g) the time`);
});

test('".Ng" on 0.1 costs its 57 characters of output, whatever the precision', () => {
  assert.equal(formatValue(0.1, '.10000000g'), '0.1000000000000000055511151231257827021181583404541015625');
  const r = ratio(
    () => formatValue(0.1, '.1000g'),
    () => formatValue(0.1, '.10000000g'),
  );
  assert.ok(r < 10, `10,000× the precision took ${r.toFixed(1)}× the time`);
});

test('zero-padding to a huge width with grouping grows linearly', () => {
  assert.equal(formatValue(1, '0100000,').length, 100_001); // a group never starts with ',', so one more, as in CPython
  // Quadratic growth would be 100×; the bound leaves room for a busy machine's noise.
  const r = ratio(
    () => formatValue(1, '0200000,'),
    () => formatValue(1, '02000000,'),
    7,
  );
  assert.ok(r < 40, `10× the width took ${r.toFixed(1)}× the time`);
});

function refused(value: unknown, spec: string, pythonType: string, message: RegExp): void {
  const start = performance.now();
  assert.throws(
    () => formatValue(value, spec),
    (e: unknown) => e instanceof FormatSpecError && e.pythonType === pythonType && message.test(e.message),
    `${String(value)} ${spec}`,
  );
  assert.ok(performance.now() - start < 2000, `${spec} took ${performance.now() - start} ms to refuse`);
}

// The oracle CPython (pyodide) is 32-bit, where Py_ssize_t is INT_MAX; these follow 64-bit CPython
// (Python/formatter_unicode.c): widths and precisions up to 2**63-1 parse, a float precision beyond
// INT_MAX is "precision too big", more digits than 2**63-1 is "Too many decimal digits".
test('CPython 3.14 (64-bit) limits: precision too big, too many digits; too long for a JS string is MemoryError', () => {
  refused(1.5, '.99999999999f', 'ValueError', /^precision too big$/);
  refused(1.5, '.2147483648e', 'ValueError', /^precision too big$/);
  refused(7, '.2147483648%', 'ValueError', /^precision too big$/);
  refused(1.5, '.99999999999999999999f', 'ValueError', /^Too many decimal digits in format string$/);
  refused(1.5, '99999999999999999999', 'ValueError', /^Too many decimal digits in format string$/);
  refused(1.5, '999999999999', 'MemoryError', /longer than the longest JavaScript string/);
  refused('abc', '999999999999', 'MemoryError', /longer than the longest JavaScript string/);
  refused(12, '0999999999999,', 'MemoryError', /longer than the longest JavaScript string/);
  refused(1.5, '.999999999f', 'MemoryError', /longer than the longest JavaScript string/);
  assert.equal(formatValue('abc', '.99999999999'), 'abc'); // a str's precision only truncates: no limit
});
