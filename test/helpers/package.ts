// Test helpers for exercising ts314 as users get it: the built dist/, its exports map and its bin.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const binPath = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

/** Fails with one clear message when dist/ is not built: `npm test` builds first, a subset run may not. */
export function requireBuild(): void {
  assert.ok(existsSync(binPath), `dist/ is not built (${binPath} is missing): run \`npm run build\` first (\`npm test\` does)`);
}

export interface PackageJson {
  name: string;
  bin: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
}

export function packageJson(): PackageJson {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `ts314` bin in a child process with plain Node (no TypeScript loader), as a user would. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      {
        cwd: options.cwd ?? repoRoot,
        env: { ...process.env, ...options.env, NODE_OPTIONS: '' },
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 2 ** 20,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs an ES module script (`node --input-type=module -e`) with plain Node from the repository root,
 * so `import('ts314/…')` resolves to the built package as a user's code would; resolves with stdout,
 * rejects with the exit error and stderr.
 */
export function runModuleScript(source: string, options: { timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', source],
      { cwd: repoRoot, env: { ...process.env, NODE_OPTIONS: '' }, timeout: options.timeoutMs ?? 60_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}
