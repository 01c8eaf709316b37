import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageJson, repoRoot } from '../helpers/package.js';

const pkg = packageJson();
// '.' is the root, which only explains the subpaths (tested below).
const subpaths = Object.keys(pkg.exports).filter((key) => key !== './package.json' && key !== '.');

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

test('importing the package root fails with a message naming every module subpath', async () => {
  const error = await import(pkg.name).then(
    () => assert.fail('import of the root succeeded'),
    (e: unknown) => e as Error & { code?: string },
  );
  assert.equal(error.code, 'ERR_PACKAGE_PATH_NOT_EXPORTED');
  for (const subpath of subpaths.filter((s) => !s.startsWith('./compression/')))
    assert.ok(error.message.includes(`${pkg.name}/${subpath.slice(2)}`), `${subpath} is not named: ${error.message}`);
});

test('ts314/compression exports each codec module as a namespace, the same objects as its subpath', async () => {
  const compression = (await import(`${pkg.name}/compression`)) as Record<string, unknown>;
  for (const codec of ['zstd', 'gzip', 'zlib', 'bz2', 'lzma', 'brotli']) {
    const direct = (await import(`${pkg.name}/compression/${codec}`)) as Record<string, unknown>;
    const namespace = compression[codec] as Record<string, unknown> | undefined;
    assert.ok(namespace, `ts314/compression has no ${codec}`);
    assert.deepEqual(Object.keys(namespace).sort(), Object.keys(direct).sort(), codec);
    for (const name of Object.keys(direct)) assert.equal(namespace[name], direct[name], `${codec}.${name}`);
  }
});
