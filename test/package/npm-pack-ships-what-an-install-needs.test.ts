import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageJson, repoRoot } from '../helpers/package.js';

// What `npm publish` would upload: a registry install gets exactly these files and nothing else.
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
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

test('the tarball can build the native addons: binding.gyp, the build script, every source it names, their headers and the vendored libzstd', () => {
  const gyp = readFileSync(join(repoRoot, 'binding.gyp'), 'utf8');
  const sources = [...gyp.matchAll(/'(src\/compression\/native\/[^']+\.(?:c|S|cjs))'/g)].map((m) => m[1]!);
  assert.ok(sources.includes('src/compression/native/zstd/addon.c'), 'binding.gyp names the zstd addon sources');
  const headers = ['zstd', 'common'].flatMap((dir) =>
    readdirSync(join(repoRoot, 'src/compression/native', dir))
      .filter((f) => f.endsWith('.h'))
      .map((f) => `src/compression/native/${dir}/${f}`),
  );
  for (const path of ['binding.gyp', 'scripts/build-native.mjs', ...sources, ...headers, 'src/compression/native/vendor/zstd/lib/zstd.h']) {
    assert.ok(files.has(path), `${path} is not in the tarball`);
  }
});

test('the tarball carries no tests, benchmarks or build output', () => {
  for (const path of files) assert.doesNotMatch(path, /^(test|bench|build|node_modules)\//, `${path} should not be published`);
});
