// formatValue() against CPython 3.14's format(): generated value × spec cases, outputs and refusals (type and message).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormatSpecError, formatValue } from '../../src/templatelib/index.js';
import { cpython314 } from '../helpers/cpython314.js';
import { formatSpecCases, VALUES } from './fixtures/format-spec-cases.js';

type Outcome = { ok: true; text: string } | { ok: false; type: string; message: string };

const PY_FORMAT = `
def value_of(v):
    kind, text = v['type'], v['text']
    return int(text) if kind == 'int' else float(text) if kind == 'float' else bool(text) if kind == 'bool' else text

def outcome(v, spec):
    try:
        return {'ok': True, 'text': format(v, spec)}
    except Exception as e:
        return {'ok': False, 'type': type(e).__name__, 'message': str(e)}

py_values = [value_of(v) for v in values]
results = [outcome(py_values[i], spec) for i, spec in cases]
`;

function ours(value: unknown, spec: string): Outcome {
  try {
    return { ok: true, text: formatValue(value, spec) };
  } catch (e) {
    if (e instanceof FormatSpecError) return { ok: false, type: e.pythonType, message: e.message };
    throw e;
  }
}

test('formatValue agrees with CPython 3.14 format() on generated int, float, str and bool cases, 3.14 fractional grouping included', async () => {
  const py = await cpython314();
  const cases = formatSpecCases();
  py.set(
    'values',
    VALUES.map((v) => v.py),
  );
  py.set('cases', cases);
  const expected = py.json<Outcome[]>(PY_FORMAT, 'results');
  let refused = 0;
  let intPresentation = 0;
  const mismatches: string[] = [];
  cases.forEach(([v, spec], n) => {
    const want = expected[n]!;
    const { js, py: pyValue } = VALUES[v]!;
    const got = ours(js, spec);
    if (!want.ok) refused++;
    if (JSON.stringify(got) === JSON.stringify(want)) return;
    // Documented: JS cannot tell 1e21 from the int 10**21, so an integral number takes the int types too.
    if (pyValue.type === 'float' && Number.isInteger(js) && /[bcdoxX]$/.test(spec)) {
      intPresentation++;
      return;
    }
    mismatches.push(
      `format(${VALUES[v]!.py.type}(${JSON.stringify(VALUES[v]!.py.text)}), ${JSON.stringify(spec)}): CPython ${JSON.stringify(want)}, ts314 ${JSON.stringify(got)}`,
    );
  });
  const summary = `${cases.length} cases (${refused} refused by CPython): ${cases.length - mismatches.length - intPresentation} agree, ${intPresentation} integral floats given an int type`;
  console.log(`# format() conformance: ${summary}`);
  assert.ok(cases.length >= 2000 && refused > 200, `${cases.length} cases, ${refused} refused`);
  assert.deepEqual(mismatches.slice(0, 30), [], `${mismatches.length} mismatches; ${summary}`);
});
