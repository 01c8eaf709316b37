import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpythonSuggestion, MAX_CANDIDATE_ITEMS } from '../../src/internal/did-you-mean.js';
import { cpython314 } from '../helpers/cpython314.js';
import { seededRandom } from '../helpers/seeded-random.js';

// Generated (name, candidates) pairs, each kind of typo CPython's rule has to price, checked against
// CPython 3.14 itself: `_suggestions._generate_suggestions` (the routine every CPython "Did you
// mean" goes through) and `traceback._compute_suggestion_error` on an AttributeError.

interface Case {
  kind: string;
  name: string;
  candidates: string[];
}

const rng = seededRandom(0x0d1d_7e11);
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const IDENT = `${LOWER}${LOWER.toUpperCase()}0123456789_`;
// Letters whose case mappings differ between ASCII-only, JavaScript and Python rules, multi-byte
// UTF-8 and astral characters (surrogate pairs in JavaScript).
const UNICODE = [...'éÉßẞİıiIKkΣσςﬁжЖ中文😀𝔘ǅǆǄàÀøØ€ñÑ'];

const word = (min: number, max: number, alphabet: readonly string[] = [...IDENT]): string =>
  Array.from({ length: rng.int(min, max) }, () => rng.pick(alphabet)).join('');

const swapCase = (ch: string): string => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase());

/** One typo of the given kind, on code points so astral characters stay whole. */
function typo(source: string, kind: string, alphabet: readonly string[]): string {
  const cps = [...source];
  const at = rng.int(0, Math.max(0, cps.length - 1));
  switch (kind) {
    case 'insert':
      cps.splice(rng.int(0, cps.length), 0, rng.pick(alphabet));
      break;
    case 'delete':
      cps.splice(at, 1);
      break;
    case 'substitute':
      cps[at] = rng.pick(alphabet);
      break;
    case 'transpose':
      if (cps.length > 1) {
        const i = Math.min(at, cps.length - 2);
        [cps[i], cps[i + 1]] = [cps[i + 1]!, cps[i]!];
      }
      break;
    case 'case':
      cps[at] = swapCase(cps[at] ?? '');
      break;
    case 'upper':
      return source.toUpperCase();
    case 'lower':
      return source.toLowerCase();
    case 'truncate':
      return cps.slice(0, rng.int(1, Math.max(1, cps.length - 1))).join('');
  }
  return cps.join('');
}

const TYPOS = ['insert', 'delete', 'substitute', 'transpose', 'case', 'upper', 'lower', 'truncate'];

function typoCase(kind: string, alphabet: readonly string[], length: [number, number]): Case {
  const target = word(length[0], length[1], alphabet);
  const others = Array.from({ length: rng.int(0, 25) }, () => word(1, 16, alphabet));
  let name = target;
  for (let edits = rng.int(1, 3); edits > 0; edits--) name = typo(name, rng.pick(TYPOS), alphabet);
  // Near-misses of the target compete with it, so the distance ranking and order matter.
  const rivals = Array.from({ length: rng.int(0, 3) }, () => typo(target, rng.pick(TYPOS), alphabet));
  return { kind, name, candidates: rng.shuffle([target, ...others, ...rivals]) };
}

function generate(): Case[] {
  const cases: Case[] = [];
  const ident = [...IDENT];
  const mixed = [...IDENT, ...UNICODE, ...UNICODE];
  for (let i = 0; i < 700; i++) cases.push(typoCase('ascii typo', ident, [1, 16]));
  for (let i = 0; i < 300; i++) cases.push(typoCase('non-ASCII typo', mixed, [1, 12]));
  for (let i = 0; i < 150; i++) {
    // Long names: CPython trims the common prefix and suffix, then gives up past 40 bytes.
    const prefix = word(0, 40);
    const suffix = word(0, 40);
    const middle = word(1, 45);
    const target = `${prefix}${middle}${suffix}`;
    const name = `${prefix}${typo(middle, rng.pick(TYPOS), ident)}${rng.int(0, 3) === 0 ? word(1, 3) : ''}${suffix}`;
    const others = Array.from({ length: rng.int(0, 6) }, () => `${prefix}${word(1, 45)}${suffix}`);
    cases.push({ kind: 'long names', name, candidates: rng.shuffle([target, ...others]) });
  }
  for (let i = 0; i < 80; i++) {
    // Two edits 37 to 44 bytes apart: trimming leaves that much, and past 40 bytes CPython gives up
    // however small the distance.
    const prefix = word(0, 20);
    const suffix = word(0, 20);
    const middle = word(35, 42, [...LOWER]);
    const ends = [rng.pick([...LOWER]), rng.pick([...LOWER])];
    const target = `${prefix}${ends[0]}${middle}${ends[1]}${suffix}`;
    const name = `${prefix}${ends[0]!.toUpperCase()}${middle}${rng.pick(['', 'z', ends[1]!.toUpperCase()])}${suffix}`;
    cases.push({ kind: 'edits far apart', name, candidates: rng.shuffle([target, word(3, 30)]) });
  }
  for (let i = 0; i < 80; i++) {
    // Around the candidate cut-off: 748 to 752 names, the right one somewhere among them.
    const size = MAX_CANDIDATE_ITEMS - 2 + (i % 5);
    const target = word(4, 12);
    const list = Array.from({ length: size - 1 }, () => word(3, 12));
    list.splice(rng.int(0, list.length), 0, target);
    cases.push({ kind: 'candidate cut-off', name: typo(target, rng.pick(TYPOS), ident), candidates: list });
  }
  for (let i = 0; i < 120; i++) {
    // Ties: several candidates at the same distance, in random order; the earlier one must win.
    const base = word(3, 10, [...LOWER]);
    const candidates = rng.shuffle(
      Array.from({ length: rng.int(2, 6) }, () => typo(base, rng.pick(['substitute', 'insert', 'delete', 'case']), [...LOWER])),
    );
    cases.push({ kind: 'ties', name: base, candidates });
  }
  const edges: Array<[string, string[]]> = [
    ['', []],
    ['', ['a', 'b']],
    ['a', []],
    ['a', ['a']],
    ['a', ['a', 'b']],
    ['N', ['n', 'u']],
    ['x', ['y', 'z']],
    ['ab', ['ba']],
    ['abc', ['abc', 'abd', 'abc']],
    ['ﬁle', ['file']],
    ['straße', ['strasse', 'STRASSE']],
    ['İstanbul', ['istanbul', 'i̇stanbul']],
    ['ΣΑΣ', ['σας', 'σασ']],
    ['K', ['k', 'K']],
    ['😀x', ['😀y', '😁x']],
    ['abd\ud800', ['abc']],
    ['abd', ['ab\ud800', 'abc']],
    ['abd', ['abc', 'ab\udc00']],
    ['a\ud83d', ['a\ud83d\ude00', 'ab']],
  ];
  for (const [name, candidates] of edges) cases.push({ kind: 'edge', name, candidates });
  for (let i = 0; i < 40; i++) {
    // A lone surrogate (half of an astral character) somewhere: CPython cannot encode it.
    const target = word(2, 8);
    const broken = `${word(1, 4)}${rng.pick(['\ud800', '\udfff', '\ud83d'])}${word(0, 3)}`;
    const candidates = rng.shuffle([target, broken, word(2, 8)]);
    cases.push({ kind: 'lone surrogate', name: rng.int(0, 3) === 0 ? broken : typo(target, 'substitute', [...LOWER]), candidates });
  }
  return cases;
}

const ORACLE = `
import _suggestions, traceback

class _Attrs:
    """An object whose dir() is exactly the given names (dir() sorts them)."""
    def __init__(self, names): self.__names = names
    def __dir__(self): return self.__names

def _generate(candidates, name):
    try:
        return _suggestions._generate_suggestions(candidates, name)
    except Exception:  # e.g. UnicodeEncodeError for a lone surrogate: no suggestion
        return None

def _traceback_route(candidates, name):
    obj = _Attrs(candidates)
    error = AttributeError(name=name, obj=obj)
    names = sorted(candidates)
    if name[:1] != '_':
        names = [n for n in names if n[:1] != '_']
    try:
        suggestion = traceback._compute_suggestion_error(error, None, name)
    except Exception:
        suggestion = None
    return [names, suggestion]

results = [[_generate(c, n), *_traceback_route(c, n)] for n, c in cases]
`;

test('CPython 3.14 and ts314 suggest the same name for every generated case', async (t) => {
  const cases = generate();
  assert.ok(cases.length >= 1000, `${cases.length} cases`);
  const py = await cpython314();
  py.set(
    'cases',
    cases.map((c) => [c.name, c.candidates]),
  );
  const results = py.json<Array<[string | null, string[], string | null]>>(ORACLE, 'results');
  const mismatches: string[] = [];
  let checks = 0;
  cases.forEach((c, i) => {
    const [direct, tracebackNames, viaTraceback] = results[i]!;
    const ours = cpythonSuggestion(c.name, c.candidates) ?? null;
    const oursViaTraceback = cpythonSuggestion(c.name, tracebackNames) ?? null;
    checks += 2;
    if (ours !== direct || oursViaTraceback !== viaTraceback) {
      mismatches.push(
        `${c.kind}: ${JSON.stringify(c.name)} in ${JSON.stringify(c.candidates.slice(0, 8))}${c.candidates.length > 8 ? '…' : ''}: CPython ${JSON.stringify([direct, viaTraceback])}, ts314 ${JSON.stringify([ours, oursViaTraceback])}`,
      );
    }
  });
  assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} of ${cases.length} cases differ (${checks} comparisons)`);
  // The suite is only meaningful if both outcomes occur often.
  const suggested = results.filter(([direct]) => direct !== null).length;
  const byKind = new Map<string, [number, number]>();
  cases.forEach((c, i) => {
    const [total, hits] = byKind.get(c.kind) ?? [0, 0];
    byKind.set(c.kind, [total + 1, hits + (results[i]![0] === null ? 0 : 1)]);
  });
  t.diagnostic(`${cases.length} cases: ${[...byKind].map(([kind, [total, hits]]) => `${kind} ${hits}/${total} suggested`).join(', ')}`);
  assert.ok(suggested > cases.length / 4 && suggested < (cases.length * 3) / 4, `${suggested} of ${cases.length} cases get a suggestion`);
});

test("CPython's rule on the cases the old ts314 rule got wrong", async () => {
  const examples: Array<[string, string[]]> = [
    ['ab', ['ba']], // a transposition is two edits, over the limit for a two-letter name
    ['maxWrokers', ['maxWorkers']], // …and within it for a longer one
    ['UUID7', ['uuid7', 'uuid1']], // case flips cost 1 each
    ['UUID', ['uuid']], // four flips: over the limit, so CPython offers nothing
    ['--iter', ['--iterations']], // a prefix is not a typo
    ['N', ['n', 'u']],
    ['nmae1', Array.from({ length: 749 }, (_, i) => `name${i}`)], // 749 candidates: still searched
    ['nmae1', Array.from({ length: 750 }, (_, i) => `name${i}`)], // 750: not
    [`${'x'.repeat(50)}ab`, [`${'x'.repeat(50)}ba`]], // long names are trimmed, not skipped
    [`${'x'.repeat(41)}`, [`${'y'.repeat(41)}`]], // a 41-byte difference is out of reach
    ['straße', ['STRASSE', 'strasse']],
    ['é', ['É', 'e']], // no case folding beyond ASCII: é/É differ in one UTF-8 byte
  ];
  const py = await cpython314();
  py.set('examples', examples);
  const expected = py.json<Array<string | null>>('import _suggestions', '[_suggestions._generate_suggestions(c, n) for n, c in examples]');
  assert.deepEqual(
    examples.map(([name, candidates]) => cpythonSuggestion(name, candidates) ?? null),
    expected,
  );
  // The examples above are only useful if they exercise both outcomes.
  assert.ok(expected.includes(null) && expected.some((s) => s !== null));
});
