// The uuid category in a project without the `uuid` package: no reference rows are faked, and the table says why.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { BenchRun } from '../../src/bench/index.js';
import { repoRoot } from '../helpers/package.js';
import { tempDirForFile } from '../helpers/temp-dir.js';

// The built package alone, outside any node_modules tree, as a user's project without `uuid` has it.
const dir = tempDirForFile('no-uuid').path;
cpSync(join(repoRoot, 'dist'), join(dir, 'dist'), { recursive: true });
cpSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));

test('without `uuid` installed, crypto.randomUUID() is the v4 reference and both groups carry a note saying so', async () => {
  const output = join(dir, 'run.json');
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [join(dir, 'dist', 'cli', 'index.js'), 'bench', '--quick', '--category', 'uuid', '--output', output],
      { cwd: dir, env: { ...process.env, CI: '1' } },
      (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
    ),
  );
  const run = JSON.parse(readFileSync(output, 'utf8')) as BenchRun;
  const names = run.results.map((r) => r.name);
  assert.ok(!names.some((n) => n.includes('uuid (npm)')), `no reference rows without the package: ${names.join(', ')}`);
  const v4Reference = run.results.find((r) => r.name === 'crypto.randomUUID()')!;
  assert.equal(v4Reference.baseline, true);
  for (const group of ['uuid4 ×1000', 'uuid7 ×1000']) {
    const noted = run.results.filter((r) => r.group === group && r.notes?.some((n) => n.includes('`uuid` npm package is not installed')));
    assert.equal(noted.length, 1, `one row of ${group} carries the note`);
  }
  assert.match(stdout, /Notes:\n\[1\] uuid\/uuid4 ×1000\/crypto\.randomUUID\(\): the `uuid` npm package is not installed/);
});
