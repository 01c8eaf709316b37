// compare: matching by id, ratios against the first run, Welch significance, mismatched sets listed — in the API and the bin.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BenchSchemaError, compareRuns, renderComparisonTable, type BenchRun } from '../../src/bench/index.js';
import { welchTest } from '../../src/bench/stats.js';
import { runCli } from '../helpers/package.js';
import { tempDirForFile } from '../helpers/temp-dir.js';
import { resultWith, samplesAround, tinyRun } from './fixtures.js';

const real = await tinyRun();

function runOf(version: string, results: BenchRun['results']): BenchRun {
  return { ...real, runtime: { ...real.runtime, version }, results };
}

// Run A: x ≈ 1.00 ms, y ≈ 2.00 ms, z ≈ 5 ms. Run B: x unchanged, y 50% slower, w new, z absent.
const a = runOf('20.0.0', [
  resultWith('cat/x/x', samplesAround(1)),
  resultWith('cat/y/y', samplesAround(2)),
  resultWith('cat/z/z', samplesAround(5)),
]);
const b = runOf('26.0.0', [
  resultWith('cat/x/x', samplesAround(1).reverse()),
  resultWith('cat/y/y', samplesAround(3)),
  resultWith('cat/w/w', samplesAround(4)),
]);
const dir = tempDirForFile('compare').path;

test('rows match by id, ratios are against the first run, and a 50% slowdown is significant', () => {
  const c = compareRuns([a, b], ['a.json', 'b.json']);
  assert.equal(c.schema, 'ts314-compare/1');
  assert.deepEqual(c.labels, ['node 20.0.0', 'node 26.0.0']);
  assert.deepEqual(
    c.rows.map((r) => r.id),
    ['cat/x/x', 'cat/y/y', 'cat/z/z', 'cat/w/w'],
  );
  const [x, y, z, w] = c.rows as [(typeof c.rows)[0], (typeof c.rows)[0], (typeof c.rows)[0], (typeof c.rows)[0]];
  // Same samples in another order: identical mean, ratio 1, p = 1, not significant.
  assert.ok(Math.abs(x.ratios[1]! - 1) < 1e-12);
  assert.ok(x.pValues[1]! > 0.99);
  assert.deepEqual(x.significant, [false, false]);
  assert.ok(Math.abs(y.ratios[1]! - 1.5) < 1e-3, `ratio ${y.ratios[1]}`);
  assert.equal(y.pValues[1], welchTest(b.results[1]!.stats!.raw, a.results[1]!.stats!.raw)!.p);
  assert.ok(y.pValues[1]! < 1e-10);
  assert.deepEqual(y.significant, [false, true]);
  assert.deepEqual(
    z.means.map((m) => m !== null),
    [true, false],
  );
  assert.deepEqual(z.ratios, [1, null]);
  assert.deepEqual(w.ratios, [null, null], 'no ratio without the first run');
  assert.deepEqual(c.missing, [['cat/w/w'], ['cat/z/z']]);
});

test('overlapping noisy samples are not significant even with a different mean', () => {
  const noisy = (center: number) => Array.from({ length: 6 }, (_, i) => center * (1 + 0.5 * Math.sin(i * 2.1)));
  const c = compareRuns([runOf('1.0.0', [resultWith('n/n/n', noisy(1))]), runOf('2.0.0', [resultWith('n/n/n', noisy(1.1))])]);
  assert.ok(c.rows[0]!.pValues[1]! > 0.05);
  assert.deepEqual(c.rows[0]!.significant, [false, false]);
});

test('a failed benchmark has a null mean, and two runs of one runtime are labelled by file', () => {
  const failed = { ...a.results[0]!, status: 'failed' as const, stats: undefined, error: { name: 'Error', message: 'x' } };
  const c = compareRuns([a, runOf('20.0.0', [failed, ...a.results.slice(1)])], ['before.json', 'after.json']);
  assert.deepEqual(c.labels, ['before.json', 'after.json']);
  assert.deepEqual(
    c.rows[0]!.means.map((m) => m === null),
    [false, true],
  );
  assert.deepEqual(c.missing, [[], []]);
  const table = renderComparisonTable(c);
  assert.match(table, /x\s+1\.00 ms\s+failed\s+—/);
  assert.deepEqual(c.rows[0]!.statuses, ['ok', 'failed']);
});

test('a skipped benchmark is shown as skipped, not failed', () => {
  const skipped = { ...a.results[0]!, status: 'skipped' as const, stats: undefined, notes: ['no broker configured'] };
  const c = compareRuns([a, runOf('22.0.0', [skipped, ...a.results.slice(1)])], ['a.json', 'b.json']);
  assert.deepEqual(c.rows[0]!.statuses, ['ok', 'skipped']);
  assert.equal(c.rows[0]!.means[1], null);
  const table = renderComparisonTable(c);
  assert.match(table, /x\s+1\.00 ms\s+skipped\s+—/);
  assert.doesNotMatch(table, /failed/);
});

test('the table shows means, ratios with the significance mark, a legend and the missing benchmarks', () => {
  const table = renderComparisonTable(compareRuns([a, b], ['a.json', 'b.json']));
  assert.match(table, /y\s+2\.00 ms\s+3\.00 ms\s+1\.50× \*/);
  assert.match(table, /x\s+1\.00 ms\s+1\.00 ms\s+1\.00×/);
  assert.doesNotMatch(table, /1\.00× \*/);
  assert.match(table, /z\s+5\.00 ms\s+missing/);
  assert.match(table, /\* = significant: Welch's t-test p < 0\.05/);
  assert.match(table, /Missing from node 20\.0\.0 \(a\.json\): 1 benchmark\n {2}- cat\/w\/w/);
  assert.match(table, /Missing from node 26\.0\.0 \(b\.json\): 1 benchmark\n {2}- cat\/z\/z/);
});

test('compareRuns validates its input and names the run', () => {
  const bad = { ...b, results: [{ ...b.results[0]!, stats: { ...b.results[0]!.stats!, mean: -1 } }] };
  assert.throws(
    () => compareRuns([a, bad as BenchRun], ['a.json', 'b.json']),
    (error: unknown) => {
      assert.ok(error instanceof BenchSchemaError);
      assert.equal(error.message, 'b.json: results[0].stats.mean: expected a number ≥ 0, got -1');
      return true;
    },
  );
});

test('ts314 compare (built bin) prints the table, --json the comparison, and rejects bad files', async () => {
  const fileA = join(dir, 'a.json');
  const fileB = join(dir, 'b.json');
  writeFileSync(fileA, JSON.stringify(a));
  writeFileSync(fileB, JSON.stringify(b));
  const table = await runCli(['compare', fileA, fileB]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /1\.50× \*/);
  assert.match(table.stdout, /Missing from node 26\.0\.0/);
  const html = join(dir, 'compare.html');
  const withHtml = await runCli(['compare', fileA, fileB, '--html', html]);
  assert.equal(withHtml.code, 0, withHtml.stderr);
  assert.match(readFileSync(html, 'utf8'), /^<!doctype html>/i);
  const asJson = await runCli(['compare', fileA, fileB, '--json']);
  assert.equal(asJson.code, 0, asJson.stderr);
  assert.deepEqual((JSON.parse(asJson.stdout) as { missing: string[][] }).missing, [['cat/w/w'], ['cat/z/z']]);

  const malformed = join(dir, 'malformed.json');
  writeFileSync(malformed, '{"schema": "ts314-bench/1", "results": [');
  const bad = await runCli(['compare', fileA, malformed]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /ts314 compare: .*malformed\.json: not valid JSON/);
  assert.match(bad.stderr, /ts314 bench --output/);

  const future = join(dir, 'future.json');
  writeFileSync(future, JSON.stringify({ ...a, schema: 'ts314-bench/9' }));
  const newer = await runCli(['compare', fileA, future]);
  assert.equal(newer.code, 2);
  assert.match(newer.stderr, /future\.json: schema: version 'ts314-bench\/9' is not supported/);

  const missing = await runCli(['compare', fileA, join(dir, 'nope.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.json: cannot read it \(no such file\)/);

  const one = await runCli(['compare', fileA]);
  assert.equal(one.code, 2);
  assert.match(one.stderr, /needs at least two results files, got 1/);
});
