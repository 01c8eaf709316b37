// The built pool under tsx: a worker registers the TypeScript loader only when a task's module is TypeScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoRoot, requireBuild } from '../helpers/package.js';

const script = fileURLToPath(new URL('./fixtures/built-pool-typescript.mjs', import.meta.url));

interface LoaderState {
  registered: boolean;
  execArgv: string[];
}

function runScript(flags: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...flags, script],
      { cwd: repoRoot, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

test('a worker runs JavaScript tasks without tsx and registers it for the first .ts task (or a .js name tsx maps to .ts)', async () => {
  requireBuild();
  for (const importFlag of [['--import', 'tsx'], ['--import=tsx']]) {
    const { code, stdout, stderr } = await runScript(importFlag);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as {
      beforeTypeScript: LoaderState;
      typed: number;
      typedByJsName: number;
      afterTypeScript: LoaderState;
      workers: number;
    };
    assert.deepEqual(report.beforeTypeScript, { registered: false, execArgv: [] }, `with ${importFlag.join(' ')}`);
    assert.equal(report.typed, 42);
    assert.equal(report.typedByJsName, 10);
    assert.deepEqual(report.afterTypeScript, { registered: true, execArgv: [] });
    // The same worker ran all four: the loader was added to it, not to a new one.
    assert.equal(report.workers, 1);
  }
});

test('under a per-process flag a worker cannot be given explicitly (--secure-heap), workers inherit every flag and .ts tasks still run', async () => {
  requireBuild();
  const { code, stdout, stderr } = await runScript(['--secure-heap=0', '--import', 'tsx']);
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout) as { beforeTypeScript: LoaderState; typed: number; typedByJsName: number };
  assert.deepEqual(report.beforeTypeScript.execArgv, ['--secure-heap=0', '--import', 'tsx']);
  assert.equal(report.typed, 42);
  assert.equal(report.typedByJsName, 10);
});
