import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageJson, repoRoot } from '../helpers/package.js';

const pkg = packageJson();
const subpaths = Object.keys(pkg.exports).filter((key) => key !== './package.json');

test('package.json declares at least the runtime export', () => {
  assert.ok(subpaths.includes('./runtime'));
});

for (const subpath of subpaths) {
  test(`${pkg.name}/${subpath.slice(2)} resolves to built JS and types and exports something`, async () => {
    const target = pkg.exports[subpath]!;
    assert.equal(typeof target, 'object', `${subpath} should list "types" and "default"`);
    const { types, default: js } = target as { types: string; default: string };
    assert.ok(js.startsWith('./dist/') && js.endsWith('.js'), `${subpath} → ${js} should point into dist/`);
    assert.ok(existsSync(join(repoRoot, js)), `${js} is missing: was the package built?`);
    assert.ok(existsSync(join(repoRoot, types)), `${types} is missing`);
    // Self-reference by package name goes through the exports map exactly as a dependent's import would.
    const mod = (await import(`${pkg.name}/${subpath.slice(2)}`)) as Record<string, unknown>;
    assert.ok(Object.keys(mod).length > 0, `${subpath} exports nothing`);
  });
}

test('every source module folder with an index.ts is exported', async () => {
  const { readdirSync } = await import('node:fs');
  const modules = readdirSync(join(repoRoot, 'src'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !['internal', 'cli'].includes(d.name) && existsSync(join(repoRoot, 'src', d.name, 'index.ts')))
    .map((d) => `./${d.name}`);
  for (const mod of modules) assert.ok(subpaths.includes(mod), `src/${mod.slice(2)} has no "${mod}" entry in package.json exports`);
});
