import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../helpers/package.js';

const script = fileURLToPath(new URL('./fixtures/built-package.mjs', import.meta.url));

test('the built ts314/interpreters runs exec, call, task and a queue under plain node, with the .js bootstrap', async () => {
  assert.ok(existsSync(new URL('../../dist/internal/worker/thread-entry.js', import.meta.url)), 'dist/ is built (npm run build)');
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [script],
      { cwd: repoRoot, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout) as Record<string, unknown>;
  assert.equal(report.square, 25);
  assert.equal(report.greeting, 'hello from interpreter');
  assert.match(String(report.bootstrap), /[\\/]dist[\\/]internal[\\/]worker[\\/]thread-entry\.js$/);
  assert.equal(report.greet, 'hello, dist');
  assert.equal(report.mainId, 0);
  assert.equal(report.queue, 'TO WORKER');
  // Without a loader a .ts task works only where Node strips types itself; otherwise the error says what to do.
  if (report.typeStripping) assert.equal(report.tsTask, 33);
  else
    assert.match(
      String(report.tsTask),
      /cannot load the TypeScript module .*typed\.ts in Interpreter\(\d+\): this process has no TypeScript loader\. Run it with tsx/,
    );
});

test('the built package picks the TypeScript bootstrap when run from sources', async () => {
  const { create } = await import('../../src/interpreters/index.js');
  await using interp = create();
  assert.match(await interp.call(() => process.argv[1]!), /[\\/]src[\\/]internal[\\/]worker[\\/]thread-entry\.ts$/);
});

test('a .ts task with its own imports runs when the program is started with the tsx CLI', async () => {
  const tsxCli = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
  const program = fileURLToPath(new URL('./fixtures/tsx-cli-program.ts', import.meta.url));
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [tsxCli, program],
      { cwd: repoRoot, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
  assert.equal(code, 0, stderr);
  assert.equal(stdout.trim(), '158');
});
