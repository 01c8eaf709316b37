import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import { runCli } from '../helpers/package.js';

test('ts314 info prints runtime, cores and the Available Features block', async () => {
  const { code, stdout } = await runCli(['info']);
  assert.equal(code, 0);
  assert.match(stdout, new RegExp(`Runtime: +node ${process.versions.node.replace(/\./g, '\\.')}`));
  assert.match(stdout, new RegExp(`CPU cores: +${os.cpus().length} \\(availableParallelism ${os.availableParallelism()}\\)`));
  assert.match(stdout, /Available Features:\n( {2}[✓✗–] \w+ +\S.*\n?)+/);
  assert.match(stdout, /✓ workerThreads +available/);
});

/** The lines of the Available Features block, without the legend. */
function featureBlock(text: string): string[] {
  const start = text.indexOf('Available Features:\n') + 'Available Features:\n'.length;
  const lines = text.slice(start).split('\n');
  return lines.slice(
    0,
    lines.findIndex((l) => l.includes('present,')),
  );
}

test('info and bench show each feature the same way: ✓ present, ✗ missing with the fallback, – not needed', async () => {
  const [info, bench] = await Promise.all([
    runCli(['info']),
    // An empty --filter match exits before running anything, after printing nothing: use a real tiny run.
    runCli(['bench', '--quick', '--category', 'general', '--filter', 'regex', '--iterations', '1', '--warmup', '0'], { env: { CI: '1' } }),
  ]);
  assert.equal(info.code, 0, info.stderr);
  assert.equal(bench.code, 0, bench.stderr);
  assert.deepEqual(featureBlock(bench.stdout), featureBlock(info.stdout));
  const { stdout } = await runCli(['info', '--json']);
  const features = JSON.parse(stdout).features as Record<string, { available: boolean; optional: boolean; fallback: string }>;
  const block = featureBlock(info.stdout).join('\n');
  for (const [name, f] of Object.entries(features)) {
    const mark = f.available ? '✓' : f.optional ? '–' : '✗';
    assert.match(block, new RegExp(`^ {2}${mark} ${name} `, 'm'), `${name} should be marked ${mark}`);
    if (!f.available && !f.optional) assert.match(block, new RegExp(`${name} +missing → `), `${name} names its fallback`);
    if (!f.available && f.optional) assert.match(block, new RegExp(`${name} +absent, not needed: `), `${name} says it is not needed`);
  }
  // The feature ts314 never uses is not reported as a failure, present or not.
  assert.equal(features.nativeZstd?.optional, true);
  assert.doesNotMatch(block, /✗ nativeZstd/);
});

test('info fits 100 columns when not on a terminal, and COLUMNS when it is set', async () => {
  const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));
  const [plain, narrow] = await Promise.all([runCli(['info']), runCli(['info'], { env: { COLUMNS: '60' } })]);
  assert.ok(widest(plain.stdout) <= 100, `${widest(plain.stdout)} columns`);
  assert.ok(widest(narrow.stdout) <= 60, `${widest(narrow.stdout)} columns at COLUMNS=60`);
  assert.ok(narrow.stdout.split('\n').length > plain.stdout.split('\n').length, 'narrower output wraps onto more lines');
});

test('ts314 info --json is machine-readable and matches the text report', async () => {
  const { code, stdout } = await runCli(['info', '--json']);
  assert.equal(code, 0);
  const report = JSON.parse(stdout) as { runtime: { cpuCount: number; runtime: string }; features: Record<string, { available: boolean }> };
  assert.equal(report.runtime.runtime, 'node');
  assert.equal(report.runtime.cpuCount, os.cpus().length);
  assert.equal(report.features.sharedArrayBuffer?.available, true);
});

test('a mistyped command gets a suggestion and exit status 2', async () => {
  const { code, stderr } = await runCli(['infp']);
  assert.equal(code, 2);
  assert.match(stderr, /unknown command 'infp'\. Did you mean 'info'\?/);
  // A swapped pair is two edits: over CPython's limit for a four-letter word, so the commands are listed.
  const swapped = await runCli(['inof']);
  assert.equal(swapped.code, 2);
  assert.match(swapped.stderr, /unknown command 'inof'\. Commands: .*info/);
});

test('a mistyped option gets a suggestion and exit status 2', async () => {
  const { code, stderr } = await runCli(['info', '--jsno']);
  assert.equal(code, 2);
  assert.match(stderr, /unknown option '--jsno'\. Did you mean '--json'\?/);
});

test('ts314 --version prints the package version', async () => {
  const { code, stdout } = await runCli(['--version']);
  assert.equal(code, 0);
  assert.match(stdout.trim(), /^\d+\.\d+\.\d+/);
});
