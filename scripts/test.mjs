// Runs every test/**/*.test.ts with Node's own test runner; tsx lets tests and their workers load TypeScript.
// Two passes. Most files spend their time waiting on child processes, servers (redis-server, PostgreSQL, Chromium)
// and workers, so the first pass runs CONCURRENCY files at a time. A file whose leading comment holds the line
// `// test: serial — <why>` runs in the second pass instead, alone: it measures time (growth ratios, a bound on how
// long a wait takes) or needs both cores at once, which other test files on the same cores would skew, or it uses
// the machine-wide inspector port. Both passes always run, and the exit code is non-zero when either fails. `node scripts/test.mjs <pattern>…` runs the files whose path contains a pattern.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Test files at a time in the first pass: one more than the 2 cores of the machine the suite is timed on, since most
 * files wait more than they compute. The files that failed beside others at 3 carry the serial marker (why, in each).
 */
const CONCURRENCY = 3;
/**
 * Node's runner applies --test-timeout to each file as a whole as well as to each of its tests, and a file run beside
 * others takes longer than alone: futures/late-worker-death-fails-no-innocent-task.test.ts takes 2.5 minutes alone on
 * a loaded 2-core machine and ran past 3 minutes beside two other files. Ten minutes still bounds a hung test.
 */
const TIMEOUT_MS = 600_000;
const SERIAL_MARKER = /^\/\/ test: serial\b/;

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const only = process.argv.slice(2);

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (entry.endsWith('.test.ts')) found.push(relative(root, full));
  }
  return found;
}

/** The marker counts only in the comment lines a file starts with, where its description is. */
function isSerial(file) {
  for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
    if (!line.startsWith('//')) return false;
    if (SERIAL_MARKER.test(line)) return true;
  }
  return false;
}

let files = findTests(join(root, 'test')).sort();
if (only.length > 0) files = files.filter((f) => only.some((pattern) => f.includes(pattern)));
if (files.length === 0) {
  console.error(`no test files match ${only.join(' ')}`);
  process.exit(1);
}
const serial = files.filter(isSerial);
const concurrent = files.filter((f) => !serial.includes(f));

// Node 20 before 20.10 has no --test-concurrency (it runs one file fewer than the cores at a time): there each
// serial file gets a runner of its own.
const canSetConcurrency = spawnSync(process.execPath, ['--test-concurrency=1', '--eval', ''], { stdio: 'ignore' }).status === 0;

function runner(passFiles, concurrency) {
  const flags = canSetConcurrency ? [`--test-concurrency=${concurrency}`] : [];
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...flags, `--test-timeout=${TIMEOUT_MS}`, ...passFiles], {
    stdio: 'inherit',
    cwd: root,
  });
  return result.status === 0;
}

function pass(name, passFiles, concurrency) {
  if (passFiles.length === 0) return undefined;
  console.log(`# test.mjs: ${name}: ${passFiles.length} file${passFiles.length === 1 ? '' : 's'}, ${concurrency} at a time`);
  const started = performance.now();
  const ok =
    concurrency === 1 && !canSetConcurrency ? passFiles.map((file) => runner([file], 1)).every(Boolean) : runner(passFiles, concurrency);
  return { name, ok, files: passFiles.length, seconds: (performance.now() - started) / 1000 };
}

const passes = [pass('concurrent pass', concurrent, CONCURRENCY), pass('serial pass', serial, 1)].filter(Boolean);
for (const { name, ok, files: count, seconds } of passes) {
  console.log(`# test.mjs: ${name}: ${ok ? 'passed' : 'FAILED'} (${count} file${count === 1 ? '' : 's'}, ${seconds.toFixed(0)} s)`);
}
process.exit(passes.every((p) => p.ok) ? 0 : 1);
