// `ts314 bench ./file` through the built bin: TypeScript and JavaScript benchmark files, JSON output, progress modes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateBenchRun } from '../../src/bench/index.js';
import { runCli } from '../helpers/package.js';
import { benchDir } from './fixtures.js';

const tmp = benchDir();
tmp.write('package.json', JSON.stringify({ type: 'module' }));
tmp.write(
  'strings.bench.ts',
  `import { defineBench, type BenchContext } from 'ts314/bench';

interface Words { readonly words: string[] }

function makeWords(context: BenchContext): Words {
  return { words: Array.from({ length: context.quick ? 50 : 100 }, (_, i): string => 'word' + i) };
}

export const joined = defineBench<Words>({ name: 'join', group: 'build', baseline: true, setup: makeWords, fn: (s) => s.words.join(' ') });
export const concatenated = defineBench<Words>({
  name: 'concat',
  group: 'build',
  setup: makeWords,
  fn: (s): string => {
    let out = '';
    for (const w of s.words) out += w + ' ';
    return out;
  },
});

export default [{ name: 'upper', opsPerCall: 10, fn: (): string[] => Array.from({ length: 10 }, (_, i) => ('x' + i).toUpperCase()) }];
`,
);
// An enum cannot be stripped (Node's type stripping rejects it): this file needs the tsx fallback on every Node.
tmp.write(
  'enum.bench.ts',
  `import { defineBench } from 'ts314/bench';
enum Mode { Fast = 1, Slow = 2 }
export const modes = defineBench({ name: 'enum lookup', fn: (): string => Mode[Mode.Fast] });
`,
);
tmp.write(
  'plain.bench.mjs',
  `export default { name: 'sqrt', params: { n: 100 }, fn: () => { let s = 0; for (let i = 0; i < 100; i++) s += Math.sqrt(i); return s; } };\n`,
);

test('a TypeScript and a JavaScript benchmark file run and their results are saved as valid JSON', async () => {
  const out = join(tmp.path, 'out.json');
  const html = join(tmp.path, 'report.html');
  const result = await runCli(
    ['bench', 'strings.bench.ts', 'plain.bench.mjs', '--iterations', '6', '--warmup', '3', '--output', out, '--html', html],
    {
      cwd: tmp.path,
      env: { CI: '1' },
    },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /TS314 BENCHMARK SUITE/);
  assert.match(result.stdout, /Available Features:\n {2}[✓✗] workerThreads/);
  assert.match(result.stdout, /^\s+join \(baseline\)\s+\d/m);
  assert.match(result.stdout, /^\s+concat\s+\d.*×$/m);
  assert.match(result.stdout, /Results written to/);
  assert.match(result.stdout, /HTML report written to/);
  const page = readFileSync(html, 'utf8');
  assert.match(page, /^<!doctype html>/i);
  assert.match(page, /concat/);
  const run = validateBenchRun(JSON.parse(readFileSync(out, 'utf8')), out);
  assert.deepEqual(
    run.results.map((r) => r.id),
    ['user/upper/upper', 'user/build/concat', 'user/build/join', 'user/sqrt/sqrt'],
    'default export first, then named exports in module order, file by file',
  );
  for (const r of run.results) {
    assert.equal(r.status, 'ok', `${r.id}: ${r.error?.message}`);
    assert.equal(r.stats!.samples, 6);
    assert.equal(r.stats!.raw.length, 6);
  }
  assert.equal(run.results[0]!.stats!.opsPerCall, 10);
  assert.deepEqual(run.results[3]!.params, { n: 100 });
  assert.deepEqual(run.options.files, ['strings.bench.ts', 'plain.bench.mjs']);
  assert.equal(run.options.iterations, 6);
  assert.equal(run.options.warmup, 3);
  assert.equal(run.runtime.version, process.versions.node);
});

test('--filter selects by id; CI without a TTY prints no progress, a plain log prints one line per benchmark', async () => {
  const quiet = await runCli(['bench', 'strings.bench.ts', '--filter', 'build/j', '--iterations', '3'], {
    cwd: tmp.path,
    env: { CI: 'true' },
  });
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.match(quiet.stdout, /Running 1 benchmark \(user\)/);
  assert.match(quiet.stdout, /^\s+join/m);
  assert.doesNotMatch(quiet.stdout, /concat/);
  assert.equal(quiet.stderr, '');
  const logged = await runCli(['bench', 'strings.bench.ts', '--filter', '^user/build/', '--iterations', '3'], {
    cwd: tmp.path,
    env: { CI: '' },
  });
  assert.equal(logged.code, 0, logged.stderr);
  assert.match(logged.stderr, /^\[1\/2\] user\/build\/concat {2}.*\/op/m);
  assert.match(logged.stderr, /^\[2\/2\] user\/build\/join {2}.*\/op/m);
});

test('TypeScript that type stripping cannot erase (an enum) loads through tsx', async () => {
  const out = join(tmp.path, 'enum.json');
  const result = await runCli(['bench', 'enum.bench.ts', '--iterations', '3', '--output', out], { cwd: tmp.path, env: { CI: '1' } });
  assert.equal(result.code, 0, result.stderr);
  const run = validateBenchRun(JSON.parse(readFileSync(out, 'utf8')), out);
  assert.deepEqual(
    run.results.map((r) => [r.id, r.status]),
    [['user/enum lookup/enum lookup', 'ok']],
  );
});
