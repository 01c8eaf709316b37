// The packed tarball installed into a fresh project on a machine with no C compiler: the prebuilds serve zstd, bz2 and
// lzma; without them the install still succeeds and each codec says how to get it (`npm rebuild ts314`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { repoRoot, requireBuild } from '../helpers/package.js';
import { tempDirForFile } from '../helpers/temp-dir.js';

requireBuild();
const tmp = tempDirForFile('tarball-no-compiler');

// One pack for the file: prepack's two steps (the prebuilds, reused from build/Release when current, and the vendored
// sources' tarball), then the package exactly as `npm publish` would upload it. --ignore-scripts: prepack's work is
// done just above, and prepare would rebuild dist/ under the other test files' feet.
for (const step of ['prebuild.mjs', 'bundle-sources.mjs']) {
  // Quiet unless it fails: execFileSync's error then carries the script's stderr.
  execFileSync(process.execPath, [join(repoRoot, 'scripts', step)], { cwd: repoRoot, stdio: 'pipe' });
}
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp.path], { cwd: repoRoot, encoding: 'utf8' }),
) as [{ filename: string; files: { path: string }[] }];
const withPrebuilds = join(tmp.path, packed[0].filename);

/** The same tarball with prebuilds/ taken out: a platform no prebuild fits. */
function withoutPrebuilds(): string {
  const dir = join(tmp.path, 'unpacked');
  mkdirSync(dir);
  execFileSync('tar', ['xzf', withPrebuilds, '-C', dir]);
  rmSync(join(dir, 'package', 'prebuilds'), { recursive: true });
  const tarball = join(tmp.path, 'no-prebuilds.tgz');
  execFileSync('tar', ['czf', tarball, '-C', dir, 'package']);
  return tarball;
}

const COMPILERS = /^(cc|c\+\+|gcc|g\+\+|clang|clang\+\+|make|gmake|ld|[\w-]+-(gcc|g\+\+|cc|c\+\+)(-[\d.]+)?|(gcc|g\+\+|cpp|clang)-[\d.]+)$/;

/**
 * This machine without its compilers: PATH is one folder linking every command on the real PATH except C/C++
 * compilers, linkers and make, and CC and CXX point at /bin/false as well.
 */
function compilerFreeEnv(): NodeJS.ProcessEnv {
  const bin = join(tmp.path, 'bin');
  if (!existsSync(bin)) {
    mkdirSync(bin);
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir)) {
        if (!COMPILERS.test(name) && !existsSync(join(bin, name))) symlinkSync(join(dir, name), join(bin, name));
      }
    }
    if (!existsSync(join(bin, 'node'))) symlinkSync(process.execPath, join(bin, 'node'));
  }
  for (const tool of ['cc', 'gcc', 'g++', 'c++', 'make', 'x86_64-linux-gnu-gcc']) assert.equal(existsSync(join(bin, tool)), false, tool);
  return {
    ...process.env,
    PATH: bin,
    CC: '/bin/false',
    CXX: '/bin/false',
    NODE_OPTIONS: '',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
}

/** npm's own CLI script, run with this Node: PATH no longer leads to it. */
function npmCli(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (existsSync(join(dir, 'npm'))) return join(dirname(realpathSync(join(dir, 'npm'))), 'npm-cli.js');
  }
  throw new Error('npm is not on PATH');
}

/** A fresh consumer project with `tarball` installed by npm, with no compiler anywhere. */
function installInFreshProject(name: string, tarball: string): { dir: string; pkg: string; output: string } {
  const dir = join(tmp.path, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
  const run = spawnSync(process.execPath, [npmCli(), 'install', '--offline', '--foreground-scripts', tarball], {
    cwd: dir,
    env: compilerFreeEnv(),
    encoding: 'utf8',
    timeout: 170_000,
  });
  assert.equal(run.status, 0, `npm install failed without a compiler:\n${run.stdout}\n${run.stderr}`);
  return { dir, pkg: join(dir, 'node_modules', 'ts314'), output: run.stdout + run.stderr };
}

/** Runs an ES module in the consumer project with plain Node, as the consumer's own code would. */
function runInProject(dir: string, source: string): string {
  writeFileSync(join(dir, 'probe.mjs'), source);
  return execFileSync(process.execPath, ['probe.mjs'], { cwd: dir, encoding: 'utf8', env: { ...compilerFreeEnv() } });
}

function sizeOf(path: string): number {
  const st = statSync(path);
  return st.isDirectory() ? readdirSync(path).reduce((sum, e) => sum + sizeOf(join(path, e)), 0) : st.size;
}

const CODECS = `
  import { randomBytes } from 'node:crypto';
  import * as zstd from 'ts314/compression/zstd';
  import * as bz2 from 'ts314/compression/bz2';
  import * as lzma from 'ts314/compression/lzma';
  import { available } from 'ts314/compression';
  import { features } from 'ts314/runtime';
  const data = Buffer.concat([randomBytes(4096), Buffer.from('sensor '.repeat(5000))]);
  const out = { available: available(), features: {}, codecs: {} };
  for (const [name, codec] of Object.entries({ zstd, bz2, lzma })) {
    const f = features()[name];
    out.features[name] = { available: f.available, detail: f.available ? f.detail : f.fallback };
    try {
      const packed = codec.compress(data);
      out.codecs[name] = { roundTrip: Buffer.from(codec.decompress(packed)).equals(data), smaller: packed.length < data.length };
    } catch (e) {
      out.codecs[name] = { error: { name: e.name, code: e.code, message: e.message } };
    }
  }
  console.log(JSON.stringify(out));`;

interface CodecsReport {
  available: { codec: string; available: boolean; backend?: string; reason?: string }[];
  features: Record<string, { available: boolean; detail: string }>;
  codecs: Record<string, { roundTrip?: boolean; smaller?: boolean; error?: { name: string; code: string; message: string } }>;
}

test('with the prebuilds: install compiles nothing, and zstd, bz2 and lzma round-trip in the consumer', () => {
  const { dir, pkg, output } = installInFreshProject('with-prebuilds', withPrebuilds);
  assert.equal(existsSync(join(pkg, 'build')), false, `the install should not have compiled anything:\n${output}`);
  const report = JSON.parse(runInProject(dir, CODECS)) as CodecsReport;
  for (const codec of ['zstd', 'bz2', 'lzma']) {
    assert.deepEqual(report.codecs[codec], { roundTrip: true, smaller: true }, `${codec}: ${JSON.stringify(report.codecs[codec])}`);
    assert.equal(report.features[codec]!.available, true, codec);
  }
  const installed = sizeOf(pkg);
  assert.ok(installed <= 5 * 2 ** 20, `installed package is ${(installed / 2 ** 20).toFixed(2)} MiB (limit 5 MiB)`);
});

test('without the prebuilds: install still succeeds, and each native codec says `npm rebuild ts314` fixes it', () => {
  const { dir, pkg } = installInFreshProject('without-prebuilds', withoutPrebuilds());
  assert.equal(existsSync(join(pkg, 'build')), false, 'a failed compile leaves no half-built build/ behind');
  const report = JSON.parse(runInProject(dir, CODECS)) as CodecsReport;
  const errorNames = { zstd: 'ZstdError', bz2: 'Bz2Error', lzma: 'LZMAError' } as const;
  for (const codec of ['zstd', 'bz2', 'lzma'] as const) {
    const error = report.codecs[codec]!.error;
    assert.ok(error, `${codec} should be unavailable: ${JSON.stringify(report.codecs[codec])}`);
    assert.equal(error.name, errorNames[codec]);
    assert.equal(error.code, 'ERR_UNAVAILABLE');
    assert.match(error.message, /`npm rebuild ts314`/, `${codec}: ${error.message}`);
    assert.doesNotMatch(error.message, /build:native|node-gyp rebuild/, `${codec} must not suggest a command that fails in a consumer`);
    assert.equal(report.features[codec]!.available, false);
    assert.match(report.features[codec]!.detail, /`npm rebuild ts314`/);
    const status = report.available.find((c) => c.codec === codec)!;
    assert.equal(status.available, false);
  }
  for (const codec of ['gzip', 'zlib', 'brotli']) assert.equal(report.available.find((c) => c.codec === codec)!.available, true, codec);
});
