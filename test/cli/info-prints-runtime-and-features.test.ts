import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import { runCli } from '../helpers/package.js';

test('ts314 info prints runtime, cores and the Available Features block', async () => {
  const { code, stdout } = await runCli(['info']);
  assert.equal(code, 0);
  assert.match(stdout, new RegExp(`Runtime: +node ${process.versions.node.replace(/\./g, '\\.')}`));
  assert.match(stdout, new RegExp(`CPU cores: +${os.cpus().length} \\(availableParallelism ${os.availableParallelism()}\\)`));
  assert.match(stdout, /Available Features:\n( {2}- \w+ +(YES|NO).*\n?)+/);
  assert.match(stdout, /workerThreads +YES/);
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
