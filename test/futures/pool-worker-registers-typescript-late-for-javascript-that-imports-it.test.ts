// The built pool under tsx: a JavaScript task module that imports TypeScript loads, though the worker started without tsx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoRoot, requireBuild } from '../helpers/package.js';

const script = fileURLToPath(new URL('./fixtures/built-pool-js-imports-typescript.mjs', import.meta.url));

function runCase(name: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, name],
      { cwd: repoRoot, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

// The TypeScript file has an enum, so Node's own type stripping cannot load it either: only tsx can.
for (const [name, how] of [
  ['directly', 'imports a .ts file itself'],
  ['through-javascript', 'imports a JavaScript module that imports a .ts file'],
  ['by-js-name', "imports a .ts file by its .js name (tsx's mapping)"],
] as const) {
  test(`a JavaScript task module that ${how} runs, twice, after a JavaScript task ran without tsx`, async () => {
    requireBuild();
    const { code, stdout, stderr } = await runCase(name);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as {
      beforeTypeScript: { registered: boolean; execArgv: string[] };
      boosted: number;
      again: number;
      expected: [number, number];
    };
    assert.deepEqual(report.beforeTypeScript, { registered: false, execArgv: [] });
    assert.deepEqual([report.boosted, report.again], report.expected);
  });
}
