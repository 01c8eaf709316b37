// Builds ts314's native addons (binding.gyp → build/Release/*.node) with node-gyp, only when missing or stale.
// Uses the node-gyp npm ships (npm_config_node_gyp in npm scripts) and this Node's own headers, so nothing is downloaded.
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

const targets = [...readFileSync(gypFile, 'utf8').matchAll(/'target_name'\s*:\s*'([\w-]+)'/g)].map((m) => m[1]);

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

const force = process.argv.includes('--force');
if (staleTargets().length === 0 && !force) process.exit(0);

// node-gyp rebuild wipes build/, so two builds of one tree at once (npm install + npm run build) would
// break each other: serialise them with a lock directory, stolen only when its holder is long gone.
const lock = join(tmpdir(), `ts314-native-build-${createHash('sha1').update(root).digest('hex').slice(0, 12)}.lock`);
for (let waited = 0; ; waited += 200) {
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
if (stale.length === 0 && !force) process.exit(0);

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
  console.error('ts314 build: node-gyp was not found (it ships with npm); run the build through `npm run build:native`.');
  process.exit(1);
}
const args = [nodeGyp, 'rebuild', '--jobs=max', '--loglevel=warn'];
// Build against the running Node's headers when they are installed beside it (Debian's /usr, official tarballs).
const prefix = dirname(dirname(process.execPath));
if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);
console.error(`ts314 build: compiling native addons (${(stale.length ? stale : targets).join(', ')}) with node-gyp…`);
try {
  execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
} catch {
  console.error('ts314 build: node-gyp failed (above). A C compiler (gcc/clang), make and python3 are needed.');
  process.exit(1);
}
