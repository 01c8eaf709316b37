// format()/formatValue() against real CPython: every case of the table is formatted by python3 live and compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatValue, FormatSpecError, format, Template } from '../../src/templatelib/index.js';
import { formatCases } from './fixtures/format-cases.js';
import { runPython, runPythonJson } from '../helpers/python.js';

const script = new URL('./fixtures/cpython-format.py', import.meta.url);

interface PyResult {
  ok: boolean;
  text?: string;
  error?: string;
  message?: string;
}

function cpython(input: unknown): PyResult[] {
  return runPythonJson<PyResult[]>({ script }, input);
}

test('format-spec table of more than 300 cases matches CPython output and errors', () => {
  const cases = formatCases();
  assert.ok(cases.length >= 300, `only ${cases.length} cases`);
  const expected = cpython(cases.map(({ type, value, spec }) => ({ type, value, spec })));
  assert.equal(expected.length, cases.length);
  const mismatches: string[] = [];
  let errors = 0;
  cases.forEach((c, i) => {
    const want = expected[i]!;
    let got: PyResult;
    try {
      got = { ok: true, text: formatValue(c.js, c.spec) };
    } catch (e) {
      if (!(e instanceof FormatSpecError)) throw e;
      got = { ok: false, error: e.pythonType, message: e.message };
    }
    if (!want.ok) errors++;
    const same = want.ok ? got.ok && got.text === want.text : !got.ok && got.error === want.error;
    if (!same) {
      const show = (r: PyResult) => (r.ok ? JSON.stringify(r.text) : `${r.error}(${r.message})`);
      mismatches.push(`format(${c.type} ${JSON.stringify(c.value)}, ${JSON.stringify(c.spec)}): CPython ${show(want)}, ts314 ${show(got)}`);
    }
  });
  assert.ok(errors > 20, 'the table includes specs CPython refuses');
  assert.deepEqual(mismatches, []);
});

test('random doubles format like CPython in e, f, g, % and repr presentations', () => {
  // A seeded generator keeps the sample reproducible while covering many magnitudes and ties.
  let seed = 0x2545f491;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const values: number[] = [];
  for (let i = 0; i < 150; i++) {
    const mag = Math.floor(next() * 40) - 20;
    values.push((next() - 0.5) * 10 ** mag);
    values.push(Math.round(next() * 2000) / 8); // exact binary fractions: the round-half-even ties
  }
  const specs = ['', '.3e', '.2f', '.0f', '.4g', '.1%', '.12g', 'r'];
  const cases = values.flatMap((v) =>
    specs.map((spec) => ({ js: v, type: 'float' as const, value: String(v), spec: spec === 'r' ? '' : spec })),
  );
  const expected = cpython(cases.map(({ type, value, spec }) => ({ type, value, spec })));
  const mismatches = cases
    .map((c, i) => ({ c, want: expected[i]!.text, got: formatValue(c.js, c.spec) }))
    .filter(({ c, want, got }) => {
      // JS integers within 2^53 are ints in ts314; Python got a float: compare against float text.
      if (Number.isSafeInteger(c.js) && c.spec === '') return got !== want!.replace(/\.0$/, '');
      return got !== want;
    })
    .map(({ c, want, got }) => `${c.value} ${JSON.stringify(c.spec)}: CPython ${want}, ts314 ${got}`);
  assert.deepEqual(mismatches, []);
});

test('format() renders conversions then specs like an f-string, checked against CPython', () => {
  const scope = { price: 1234.5, name: 'Ada', w: 12, p: 3, ratio: 0.25 };
  const source = '{price:>{w},.{p}f}|{name!r:^9}|{name!a}|{ratio:.1%}|{price=}|{name = !s:>5}';
  const ours = format(Template.parse(source, scope));
  assert.equal(ours, runPython({ code: `price=1234.5;name='Ada';w=12;p=3;ratio=0.25\nprint(f${JSON.stringify(source)}, end='')` }));
});
