// Bad `ts314 bench` arguments fail fast (before any benchmark runs) with exit status 2 and a suggestion.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATEGORIES } from '../../src/bench/categories/index.js';
import { runCli } from '../helpers/package.js';
import { benchDir } from './fixtures.js';

const tmp = benchDir();
tmp.write('package.json', JSON.stringify({ type: 'module' }));
tmp.write('good.bench.mjs', `export default { name: 'ok', fn: () => 1 };\n`);
tmp.write('nothing.bench.mjs', `export const helper = () => 1;\nexport const settings = { fast: true };\n`);
tmp.write('nofn.bench.mjs', `export default [{ name: 'forgot fn', setup: () => 1 }];\n`);
tmp.write('typo.bench.mjs', `export default { name: 'typo', fn: () => 1, setUp: () => 1 };\n`);
tmp.write('throws.bench.mjs', `throw new Error('broken at import');\n`);
tmp.write('data.bench.json', `{}\n`);

async function usageError(args: string[], pattern: RegExp): Promise<void> {
  const result = await runCli(['bench', ...args], { cwd: tmp.path, env: { CI: '1' } });
  assert.equal(result.code, 2, `${args.join(' ')} → ${result.code}\n${result.stdout}\n${result.stderr}`);
  assert.match(result.stderr, pattern, args.join(' '));
  assert.doesNotMatch(result.stdout, /BENCHMARK RESULTS/, 'nothing ran');
}

test('an unknown category suggests the closest one and lists them all', async () => {
  const names = CATEGORIES.map((c) => c.name);
  assert.ok(names.includes('uuid') && names.includes('compression'), `categories: ${names.join(', ')}`);
  await usageError(
    ['--category', 'uuid7'],
    new RegExp(`unknown category 'uuid7'\\. Did you mean 'uuid'\\? Categories: ${names.join(', ')}`),
  );
  await usageError(['--category', 'cpu,compresion'], /unknown category 'compresion'\. Did you mean 'compression'\?/);
  await usageError(['--category', ''], /--category needs a name/);
});

test('worker counts, iterations and warm-up must be whole numbers in range', async () => {
  await usageError(
    ['good.bench.mjs', '--workers', '0'],
    /--workers takes positive whole worker counts .* e\.g\. --workers 1,2,4; '0' is not one/,
  );
  await usageError(['good.bench.mjs', '--workers', '1,two'], /'two' is not one \(in '1,two'\)/);
  await usageError(['good.bench.mjs', '--workers', '1.5'], /'1\.5' is not one/);
  await usageError(['good.bench.mjs', '--iterations', '0'], /--iterations must be an integer ≥ 1 \(timed samples per benchmark\), got '0'/);
  await usageError(['good.bench.mjs', '--iterations', '2.5'], /--iterations must be an integer ≥ 1/);
  await usageError(['good.bench.mjs', '--warmup=-1'], /--warmup must be an integer ≥ 0/);
  await usageError(['good.bench.mjs', '--iteration', '5'], /unknown option '--iteration'\. Did you mean '--iterations'\?/);
});

test('unreadable, empty or broken benchmark files are named with what to do', async () => {
  await usageError(
    ['god.bench.mjs'],
    /god\.bench\.mjs: cannot read the benchmark file \(no such file\)\. Did you mean 'good\.bench\.mjs'\?/,
  );
  await usageError(
    ['nothing.bench.mjs'],
    /nothing\.bench\.mjs: exports no benchmark \(its exports: helper, settings\)\. Export `default defineBench/,
  );
  await usageError(['nofn.bench.mjs'], /nofn\.bench\.mjs: default export\[0\]: defineBench\('forgot fn'\): 'fn' must be a function/);
  await usageError(
    ['typo.bench.mjs'],
    /typo\.bench\.mjs: default export: defineBench\('typo'\): unknown option 'setUp'\. Did you mean 'setup'\?/,
  );
  await usageError(['throws.bench.mjs'], /throws\.bench\.mjs: failed to load: broken at import/);
  await usageError(['data.bench.json'], /data\.bench\.json: is not a benchmark module: expected one of \.js \.mjs \.cjs \.ts \.mts \.cts/);
  await usageError(['.'], /is a directory/);
});

test('bad --filter, an empty selection and an unwritable --output are caught before running', async () => {
  await usageError(['good.bench.mjs', '--filter', 'ok('], /--filter 'ok\(' is not a valid regular expression/);
  await usageError(
    ['good.bench.mjs', '--filter', 'nothing-matches'],
    /no benchmark matches --filter 'nothing-matches'\. .*1 benchmarks were selected: user\/ok\/ok/,
  );
  await usageError(
    ['good.bench.mjs', '--output', 'missing-dir/out.json'],
    /--output missing-dir\/out\.json: cannot write into .*missing-dir' \(ENOENT\)/,
  );
  await usageError(['good.bench.mjs', '--html', 'missing-dir/r.html'], /--html missing-dir\/r\.html: cannot write into/);
});
