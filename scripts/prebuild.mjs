// Builds the prebuilt addons the npm package ships (prebuilds/<platform>-<arch>/<name>.<libc>.node): `npm run build:prebuilds`
// (not `prebuild`, which npm would run before every `npm run build`) and `npm pack`'s prepack.
// This machine's platform always; linux-arm64 too where Debian's cross compiler (gcc-aarch64-linux-gnu) is installed.
// Every binary must need nothing beyond the C library, so it loads on any glibc Linux as new as the one that built it.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const targets = [...readFileSync(join(root, 'binding.gyp'), 'utf8').matchAll(/'target_name'\s*:\s*'([\w-]+)'/g)].map((m) => m[1]);
const require = createRequire(import.meta.url);
/** Shared libraries a prebuild may need: the C library and its loader, present on every glibc system. */
const ALLOWED_NEEDED = /^(libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|ld-linux[\w.-]*\.so\.\d)$/;

function fail(message) {
  console.error(`ts314 prebuild: ${message}`);
  process.exit(1);
}

function libcTag() {
  return process.report.getReport().header.glibcVersionRuntime ? 'glibc' : 'musl';
}

/** The dynamic libraries `file` needs (readelf from binutils, which every C toolchain brings). */
function needed(file) {
  const out = execFileSync('readelf', ['-d', file], { encoding: 'utf8' });
  return [...out.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
}

function check(file, machine) {
  const header = execFileSync('readelf', ['-h', file], { encoding: 'utf8' });
  if (!header.includes(machine)) fail(`${file} is not an ${machine} binary`);
  const extra = needed(file).filter((lib) => !ALLOWED_NEEDED.test(lib));
  // liblzma.so here means liblzma.a was missing or not position-independent when it was built (Debian: liblzma-dev).
  if (extra.length > 0) fail(`${file} needs ${extra.join(', ')} at run time; a prebuild must be self-contained`);
}

const made = [];

function newestMtime(path) {
  const st = statSync(path);
  return st.isDirectory() ? Math.max(st.mtimeMs, ...readdirSync(path).map((e) => newestMtime(join(path, e)))) : st.mtimeMs;
}

/** A cross build is skipped (it takes minutes) while its binaries are newer than every native source and binding.gyp. */
function fresh(dir) {
  if (process.argv.includes('--clean') || !existsSync(dir) || readdirSync(dir).length === 0) return false;
  const sources = Math.max(newestMtime(join(root, 'binding.gyp')), newestMtime(join(root, 'src', 'compression', 'native')));
  return readdirSync(dir).every((f) => statSync(join(dir, f)).mtimeMs > sources);
}

// This machine's platform: the development build (build/Release, rebuilt when its sources changed), checked by loading it.
if (process.platform === 'linux') {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-native.mjs'), ...(process.argv.includes('--clean') ? ['--force'] : [])], {
    cwd: root,
    stdio: 'inherit',
  });
  const dir = join(root, 'prebuilds', `linux-${process.arch}`);
  mkdirSync(dir, { recursive: true });
  for (const target of targets) {
    const built = join(root, 'build', 'Release', `${target}.node`);
    try {
      require(built);
    } catch (error) {
      // The stand-in lzma addon (built without <lzma.h>) throws here: never ship it.
      fail(`${built} does not load: ${error.message}`);
    }
    check(built, process.arch === 'x64' ? 'X86-64' : 'AArch64');
    const file = join(dir, `${target}.${libcTag()}.node`);
    copyFileSync(built, file);
    made.push(file);
  }
} else {
  console.error(`ts314 prebuild: no prebuild recipe for ${process.platform}; the package compiles there at install`);
}

// linux-arm64 from an x64 machine: the same binding.gyp in a scratch copy, so build/ is left alone.
const crossCc = 'aarch64-linux-gnu-gcc';
const armDir = join(root, 'prebuilds', 'linux-arm64');
if (process.platform === 'linux' && process.arch === 'x64' && spawnSync(crossCc, ['--version']).status === 0 && !fresh(armDir)) {
  const stage = mkdtempSync(join(tmpdir(), 'ts314-prebuild-arm64-'));
  try {
    cpSync(join(root, 'binding.gyp'), join(stage, 'binding.gyp'));
    cpSync(join(root, 'src', 'compression', 'native'), join(stage, 'src', 'compression', 'native'), { recursive: true });
    const nodeGyp =
      process.env.npm_config_node_gyp ??
      join(dirname(dirname(process.execPath)), 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    const prefix = dirname(dirname(process.execPath));
    // liblzma for arm64 (Debian: liblzma-dev:arm64) is needed to link lzma; without it the stand-in is built and
    // not shipped, so an arm64 install compiles lzma from source and takes zstd and bz2 from here.
    const armLzma = spawnSync(crossCc, ['-print-file-name=liblzma.a'], { encoding: 'utf8' }).stdout.trim();
    const env = { ...process.env, CC: crossCc, CXX: crossCc, LINK: crossCc, AR: 'aarch64-linux-gnu-ar' };
    if (!existsSync(armLzma)) env.TS314_PROBE_CC = 'false';
    execFileSync(process.execPath, [nodeGyp, 'rebuild', '--arch=arm64', '--jobs=max', '--loglevel=warn', `--nodedir=${prefix}`], {
      cwd: stage,
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
    // Written over in place, leftovers removed after: never the folder emptied first, since an `npm pack` running
    // beside this one (the package tests run side by side) may have listed its files already.
    mkdirSync(armDir, { recursive: true });
    const kept = new Set();
    for (const target of targets) {
      const built = join(stage, 'build', 'Release', `${target}.node`);
      if (!existsSync(built)) fail(`the arm64 build made no ${target}.node`);
      if (readFileSync(built).includes('built without <')) {
        console.error(`ts314 prebuild: linux-arm64 ${target} skipped (its library is not installed for arm64)`);
        continue;
      }
      check(built, 'AArch64');
      const file = join(armDir, `${target}.glibc.node`);
      copyFileSync(built, file);
      made.push(file);
      kept.add(file);
    }
    for (const entry of readdirSync(armDir)) if (!kept.has(join(armDir, entry))) rmSync(join(armDir, entry), { force: true });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

for (const file of made) console.error(`ts314 prebuild: ${file.slice(root.length + 1)}`);
