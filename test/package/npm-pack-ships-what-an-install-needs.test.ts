import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { packageJson, repoRoot } from '../helpers/package.js';

// What `npm publish` would upload: a registry install gets exactly these files and nothing else. The vendored C
// libraries travel as one tarball that prepack writes (scripts/bundle-sources.mjs); its other step, the prebuilds,
// is the install test's business.
execFileSync(process.execPath, [join(repoRoot, 'scripts', 'bundle-sources.mjs')], { cwd: repoRoot });
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

test('the tarball can build the native addons: binding.gyp, the build script, every source it names, their headers and the vendored libzstd and libbz2', () => {
  const gyp = readFileSync(join(repoRoot, 'binding.gyp'), 'utf8');
  const sources = [...gyp.matchAll(/'(src\/compression\/native\/[^']+\.(?:c|S|cjs))'/g)].map((m) => m[1]!);
  assert.ok(sources.includes('src/compression/native/zstd/addon.c'), 'binding.gyp names the zstd addon sources');
  const headers = ['zstd', 'common', 'vendor/bzip2'].flatMap((dir) =>
    readdirSync(join(repoRoot, 'src/compression/native', dir))
      .filter((f) => f.endsWith('.h'))
      .map((f) => `src/compression/native/${dir}/${f}`),
  );
  const probes = [...gyp.matchAll(/node (src\/compression\/native\/[^ )]+\.cjs)/g)].map((m) => m[1]!);
  assert.ok(probes.length >= 2, 'binding.gyp runs its header and library probes');
  const bundled = new Set(
    execFileSync('tar', ['tzf', join(repoRoot, 'src/compression/native-vendor.tar.gz')], { encoding: 'utf8' })
      .split('\n')
      .map((entry) => `src/compression/native/${entry}`),
  );
  assert.ok(files.has('src/compression/native-vendor.tar.gz'), 'the vendored sources are in the tarball');
  for (const path of [
    'binding.gyp',
    'scripts/build-native.mjs',
    ...sources,
    ...probes,
    ...headers,
    'src/compression/native/vendor/zstd/lib/zstd.h',
  ]) {
    const inVendor = path.startsWith('src/compression/native/vendor/');
    assert.ok(inVendor ? bundled.has(path) : files.has(path), `${path} is not in the tarball${inVendor ? "'s native-vendor.tar.gz" : ''}`);
  }
  for (const path of files) assert.doesNotMatch(path, /^src\/compression\/native\/vendor\//, `${path} should travel inside vendor.tar.gz`);
});

test('the tarball carries no tests, benchmarks or build output', () => {
  for (const path of files) assert.doesNotMatch(path, /^(test|bench|build|node_modules)\//, `${path} should not be published`);
  for (const path of files) assert.doesNotMatch(path, /\.(o|obj|a|d|mk|tsbuildinfo)$/, `${path} is build debris`);
});

test('every source map in the tarball carries its sources or points at shipped files, and no script points at a missing map', () => {
  for (const path of files) {
    if (path.endsWith('.map')) {
      const map = JSON.parse(readFileSync(join(repoRoot, path), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      map.sources.forEach((source, i) => {
        const shipped = files.has(posix.normalize(posix.join(posix.dirname(path), source)));
        assert.ok(
          shipped || typeof map.sourcesContent?.[i] === 'string',
          `${path} points at ${source}, which is neither shipped nor inlined`,
        );
      });
    } else if (/\.(js|cjs|mjs|ts)$/.test(path)) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(repoRoot, path), 'utf8'))?.[1];
      if (url && !url.startsWith('data:')) {
        const target = posix.normalize(posix.join(posix.dirname(path), url));
        assert.ok(files.has(target), `${path} names the source map ${url}, which is not in the tarball`);
      }
    }
  }
});
