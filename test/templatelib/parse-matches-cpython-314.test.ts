// Template.parse against CPython 3.14: each generated body is parsed by ts314 and evaluated as a raw t-string by CPython.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, FormatSpecError, Template, TemplateLookupError, TemplateSyntaxError } from '../../src/templatelib/index.js';
import { cpython314 } from '../helpers/cpython314.js';
import { jsScope, parseCases, PY_SCOPE } from './fixtures/parse-cases.js';

/** What either side made of one body: the template's parts, or the exception's type and text. */
type Outcome =
  | { ok: true; strings: string[]; interpolations: [string, string | null, string, unknown][] }
  | { ok: false; type: string; message: string; subset?: boolean };

/**
 * CPython's side. A Template.parse source is the body of a raw triple-quoted t-string (its text is
 * taken as written, and it may span lines). `subset` says whether every field's expression is a path
 * Template.parse reads (name, attribute, index by int, str or path).
 */
const PY_EVAL = `
import ast
def is_path(node):
    if isinstance(node, ast.Name):
        return True
    if isinstance(node, ast.Attribute):
        return is_path(node.value)
    if isinstance(node, ast.Subscript):
        k = node.slice
        if isinstance(k, ast.UnaryOp) and isinstance(k.op, ast.USub):
            k = k.operand
            if not (isinstance(k, ast.Constant) and type(k.value) is int):
                return False
        ok_key = (isinstance(k, ast.Constant) and type(k.value) in (int, str)) or is_path(k)
        return ok_key and is_path(node.value)
    return False

def fields_are_paths(tree):
    return all(is_path(n.value) for n in ast.walk(tree) if isinstance(n, (ast.Interpolation, ast.FormattedValue)))

def wrap(body):
    # Quotes of the other kind never end the literal; a body with both kinds has no neutral spelling.
    for q in ("'''", '"""'):
        if q[0] not in body:
            return "rt" + q + body + q
    return None

def outcome(body):
    src = wrap(body)
    if src is None or body.endswith('\\\\'):
        return None
    try:
        t = eval(src, dict(SCOPE))
    except SyntaxError as e:
        return {'ok': False, 'type': 'SyntaxError', 'message': e.msg}
    except Exception as e:
        return {'ok': False, 'type': type(e).__name__, 'message': str(e), 'subset': fields_are_paths(ast.parse(src, mode='eval'))}
    return {'ok': True, 'strings': list(t.strings),
            'interpolations': [[i.expression, i.conversion, i.format_spec, repr(i.value)] for i in t.interpolations],
            'subset': fields_are_paths(ast.parse(src, mode='eval'))}

results = [outcome(b) for b in bodies]
`;

const SUBSET_MESSAGE = /^Template\.parse reads names, attributes/;

/** The problem text of a located error, without its `(line, column)` and caret lines. */
function problem(e: Error): string {
  return e.message.replace(/ \(line \d+, column \d+\)\n[\s\S]*$/, '');
}

function ours(body: string, scope: Record<string, unknown>): Outcome {
  try {
    const t = Template.parse(body, scope);
    return {
      ok: true,
      strings: [...t.strings],
      interpolations: t.interpolations.map((i) => [i.expression, i.conversion, i.formatSpec, convert(i.value, 'r')]),
    };
  } catch (e) {
    if (e instanceof TemplateSyntaxError) return { ok: false, type: 'SyntaxError', message: problem(e) };
    if (e instanceof TemplateLookupError) return { ok: false, type: e.pythonType, message: problem(e) };
    if (e instanceof FormatSpecError) return { ok: false, type: e.pythonType, message: e.message };
    throw e;
  }
}

/** The documented deviation a difference falls under, or null when it is a plain mismatch. */
function deviation(body: string, py: Outcome & { subset?: boolean }, ts: Outcome): string | null {
  // Safety: only paths are read; anything else is refused, whatever CPython would have made of it.
  if (!ts.ok && ts.type === 'SyntaxError' && SUBSET_MESSAGE.test(ts.message)) {
    if (py.subset === false) return 'expressions beyond paths that CPython evaluates';
    if (!py.ok && py.type === 'SyntaxError') return 'expressions beyond paths that CPython refuses with its own message';
  }
  // JavaScript: a plain object's keys are strings, so an int index finds the key of the same digits.
  if (!py.ok && py.type === 'KeyError' && ts.ok && /\bo\[\s*-?\d/.test(body)) return 'int index on a plain object finds the string key';
  return null;
}

test('Template.parse agrees with CPython 3.14 on 2,000+ generated t-strings (strings, expression, conversion, format_spec, errors)', async () => {
  const py = await cpython314();
  const bodies = parseCases();
  py.set('bodies', bodies);
  const expected = py.json<((Outcome & { subset?: boolean }) | null)[]>(`${PY_SCOPE}\n${PY_EVAL}`, 'results');
  const scope = jsScope();
  let compared = 0;
  let agreed = 0;
  const deviations = new Map<string, number>();
  const mismatches: string[] = [];
  bodies.forEach((body, n) => {
    const want = expected[n];
    if (want === null || want === undefined) return;
    compared++;
    const got = ours(body, scope);
    const same = want.ok
      ? got.ok && JSON.stringify([got.strings, got.interpolations]) === JSON.stringify([want.strings, want.interpolations])
      : !got.ok && got.type === want.type && (want.type !== 'SyntaxError' || got.message === want.message);
    if (same) {
      agreed++;
      return;
    }
    const why = deviation(body, want, got);
    if (why !== null) deviations.set(why, (deviations.get(why) ?? 0) + 1);
    else mismatches.push(`${JSON.stringify(body)}\n    CPython ${JSON.stringify(want)}\n    ts314   ${JSON.stringify(got)}`);
  });
  const summary = `${compared} cases: ${agreed} agree, ${[...deviations].map(([k, v]) => `${v} ${k}`).join(', ')}`;
  console.log(`# Template.parse conformance: ${summary}`);
  assert.ok(compared >= 2000, summary);
  assert.ok(agreed >= compared * 0.85, summary);
  assert.deepEqual(mismatches.slice(0, 40), [], `${mismatches.length} mismatches; ${summary}`);
});

test('nesting limit: as many open brackets as CPython 3.14 allows, then its "too many nested parentheses"', async () => {
  const py = await cpython314();
  const body = (n: number) => `{${'l['.repeat(n)}0${']'.repeat(n)}}`;
  const cpython = (n: number) =>
    py.json<string>(
      `try:\n    eval("rt'''" + ${JSON.stringify(body(n))} + "'''", {'l': [0]})\n    nested = 'ok'\nexcept SyntaxError as e:\n    nested = e.msg`,
      'nested',
    );
  const ts314 = (n: number) => {
    try {
      Template.parse(body(n), { l: [0] });
      return 'ok';
    } catch (e) {
      if (e instanceof TemplateSyntaxError) return problem(e);
      throw e;
    }
  };
  // Find CPython's last accepted depth by bisection, then compare both sides around it.
  let lo = 1;
  let hi = 1024;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cpython(mid) === 'ok') lo = mid;
    else hi = mid;
  }
  for (const n of [lo - 1, lo, hi, hi + 1, 8000]) assert.equal(ts314(n), cpython(n), `depth ${n}`);
});
