import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/package.js';

const examplePath = join(repoRoot, 'docs/examples/compression-monte-carlo-pi.ts');

test('docs/compression.md shows the Monte-Carlo π example exactly as the runnable file', async () => {
  const doc = await readFile(join(repoRoot, 'docs/compression.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Example: Monte-Carlo π'));
  const block = section.match(/```ts\n([\s\S]*?)```/)?.[1];
  assert.ok(block, 'the example section has a ts code block');
  assert.equal(block, await readFile(examplePath, 'utf8'));
});

test('the Monte-Carlo π example runs against the built package and verifies its data', async () => {
  const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', examplePath], { cwd: repoRoot, timeout: 60_000 }, (error, out, err) =>
      error ? reject(new Error(`${error.message}\n${err}`)) : resolve({ stdout: out }),
    );
  });
  assert.match(stdout, /1,000,000 samples: π ≈ 3\.1\d{5}/);
  const ratio = Number(stdout.match(/Compression:\s+([\d.]+)x/)?.[1]);
  assert.ok(ratio > 1 && ratio < 1.5, `random doubles compress only slightly (${ratio})`);
  assert.match(stdout, /Data integrity: true/);
  assert.match(stdout, /Results match: {2}true/);
});
