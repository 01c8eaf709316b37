import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { packageJson, repoRoot } from '../helpers/package.js';

// What `npm publish` would upload: a registry install gets exactly these files and nothing else.
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
) as [{ files: { path: string }[] }];
const files = new Set(packed[0].files.map((f) => f.path));

test('the tarball holds every export target (JS and types) and the bin', () => {
  const pkg = packageJson();
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const paths = typeof target === 'string' ? [target] : [target.default, target.types];
    for (const path of paths) assert.ok(files.has(path.replace(/^\.\//, '')), `${subpath} → ${path} is not in the tarball`);
  }
  for (const bin of Object.values(pkg.bin)) assert.ok(files.has(bin), `bin ${bin} is not in the tarball`);
});

test('the tarball can build the native addons: binding.gyp, the build script and the vendored libzstd', () => {
  for (const path of ['binding.gyp', 'scripts/build-native.mjs', 'src/compression/native/zstd/zstd_addon.c', 'src/compression/native/vendor/zstd/lib/zstd.h']) {
    assert.ok(files.has(path), `${path} is not in the tarball`);
  }
});

test('the tarball carries no tests, benchmarks or build output', () => {
  for (const path of files) assert.doesNotMatch(path, /^(test|bench|build|node_modules)\//, `${path} should not be published`);
});
