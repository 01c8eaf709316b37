// Builds ts314's native addons (binding.gyp → build/Release/*.node) with node-gyp, only when missing or stale.
// Uses the node-gyp npm ships (npm_config_node_gyp in npm scripts) and this Node's own headers, so nothing is downloaded.
//
//   node scripts/build-native.mjs            development: build when missing or stale; a failed compile fails
//   node scripts/build-native.mjs --force    development: rebuild
//   node scripts/build-native.mjs --install  the package's install script: nothing to do when an addon loads for
//                                           this platform (a shipped prebuild), else compile; never fails, since
//                                           without the addons zstd, bz2 and lzma report themselves unavailable
//                                           and everything else works. Under `npm rebuild` it always compiles.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const gypFile = join(root, 'binding.gyp');
if (!existsSync(gypFile)) process.exit(0);

const install = process.argv.includes('--install');
const rebuild = install && process.env.npm_command === 'rebuild';
const force = process.argv.includes('--force') || rebuild;
const targets = [...readFileSync(gypFile, 'utf8').matchAll(/'target_name'\s*:\s*'([\w-]+)'/g)].map((m) => m[1]);
const require = createRequire(import.meta.url);

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function staleTargets() {
  const sourcesChanged = Math.max(newestMtime(gypFile), newestMtime(join(root, 'src', 'compression', 'native')));
  return targets.filter((t) => {
    const out = join(root, 'build', 'Release', `${t}.node`);
    return !existsSync(out) || statSync(out).mtimeMs < sourcesChanged;
  });
}

/** The files src/internal/native-addons.ts tries, in its order: a local build, then this platform's prebuild. */
function candidates(target) {
  const dir = `${process.platform}-${process.arch}`;
  const libc = process.platform !== 'linux' ? '' : process.report.getReport().header.glibcVersionRuntime ? '.glibc' : '.musl';
  return [join(root, 'build', 'Release', `${target}.node`), join(root, 'prebuilds', dir, `${target}${libc}.node`)];
}

function loads(target) {
  return candidates(target).some((file) => {
    try {
      require(file);
      return true;
    } catch {
      return false;
    }
  });
}

const unloadable = install ? targets.filter((t) => !loads(t)) : [];
if (install && !rebuild && unloadable.length === 0) process.exit(0);
if (!install && !force && staleTargets().length === 0) process.exit(0);

/** Without the addons ts314 still works: say so, and the one command that adds them later. */
function installFailed(reason) {
  rmSync(join(root, 'build'), { recursive: true, force: true });
  const codecs = unloadable.map((t) => t.replace(/^ts314_/, '')).join(', ');
  if (!codecs) console.error(`ts314: ${reason}; the prebuilt addons still serve every codec.`);
  else
    console.error(
      `ts314: ${reason}, and no prebuilt addon for ${codecs} loads on ${process.platform}-${process.arch}, so ${codecs} ` +
        'report themselves unavailable (everything else works). To add them, install a C compiler, make and python3, then run `npm rebuild ts314`.',
    );
  // An explicit `npm rebuild` should fail loudly; an install should not fail for want of three codecs.
  process.exit(rebuild ? 1 : 0);
}

// node-gyp rebuild wipes build/, so two builds of one tree at once (npm install + npm run build) would
// break each other: serialise them with a lock directory, stolen only when its holder is long gone.
const lock = join(tmpdir(), `ts314-native-build-${createHash('sha1').update(root).digest('hex').slice(0, 12)}.lock`);
for (;;) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
    } catch {
      // released meanwhile
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}
process.on('exit', () => rmSync(lock, { recursive: true, force: true }));
const stale = staleTargets();
if (!install && !force && stale.length === 0) process.exit(0);

function findNodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  try {
    candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a dependency: fall back to the copy bundled with npm
  }
  const prefix = dirname(dirname(process.execPath));
  candidates.push(join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((c) => c && existsSync(c));
}

const nodeGyp = findNodeGyp();
if (!nodeGyp) {
  if (install) installFailed('node-gyp was not found (it ships with npm)');
  console.error('ts314 build: node-gyp was not found (it ships with npm); run the build through `npm run build:native`.');
  process.exit(1);
}
// The npm package carries the vendored libraries as one tarball (scripts/bundle-sources.mjs): unpacked for the
// compile and removed again after an install, so the installed package stays small either way.
const native = join(root, 'src', 'compression', 'native');
const unpacked = !existsSync(join(native, 'vendor')) && existsSync(join(native, '..', 'native-vendor.tar.gz'));
if (unpacked) {
  try {
    execFileSync('tar', ['xzf', join(native, '..', 'native-vendor.tar.gz'), '-C', native], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    if (install) installFailed('unpacking the vendored C sources (src/compression/native-vendor.tar.gz) with tar failed');
    console.error('ts314 build: unpacking src/compression/native-vendor.tar.gz with tar failed (above).');
    process.exit(1);
  }
  if (install) process.on('exit', () => rmSync(join(native, 'vendor'), { recursive: true, force: true }));
}
const args = [nodeGyp, 'rebuild', '--jobs=max', '--loglevel=warn'];
// Build against the running Node's headers when they are installed beside it (Debian's /usr, official tarballs).
const prefix = dirname(dirname(process.execPath));
if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);
console.error(`ts314 build: compiling native addons (${(stale.length ? stale : targets).join(', ')}) with node-gyp…`);
try {
  execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
} catch {
  if (install) installFailed('compiling the native addons failed (above)');
  console.error('ts314 build: node-gyp failed (above). A C compiler (gcc/clang), make and python3 are needed.');
  process.exit(1);
}
if (install) {
  // An installed package keeps only the addons: object files and makefiles would be megabytes of dead weight.
  const release = join(root, 'build', 'Release');
  for (const entry of readdirSync(join(root, 'build')))
    if (entry !== 'Release') rmSync(join(root, 'build', entry), { recursive: true, force: true });
  for (const entry of readdirSync(release)) if (!entry.endsWith('.node')) rmSync(join(release, entry), { recursive: true, force: true });
}
