import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { requireBuild, runCli } from '../helpers/package.js';
import { tempDirForFile } from '../helpers/temp-dir.js';

const dir = tempDirForFile('gc-cli');
let script: string;

before(() => {
  requireBuild();
  script = dir.write(
    'workload.mjs',
    `let kept = 0;
for (let b = 0; b < 4; b++) {
  const rows = Array.from({ length: 80000 }, (_, i) => ({ id: i, nested: { v: i / 3, tags: ['a', 'b'] } }));
  kept += rows.length;
}
console.log('rows', kept);
process.exitCode = Number(process.argv[2] ?? 0);
`,
  );
});

test('ts314 gc -- node script prints the summary and histogram and keeps the exit code', async () => {
  const { code, stdout, stderr } = await runCli(['gc', '--', 'node', script, '3']);
  assert.equal(code, 3);
  assert.match(stdout, /rows 320000/);
  assert.match(stderr, /ts314 gc: pid \d+ \(workload\.mjs 3\), exit code 3/);
  assert.match(stderr, /kind +count +total +mean +p50 +p95 +p99 +max/);
  assert.match(stderr, /\nminor +\d+ /);
  assert.match(stderr, /\nall +\d+ /);
  assert.match(stderr, /Max pause [\d.]+ ms: (EXCELLENT|GOOD|MODERATE|HIGH)/);
  assert.match(stderr, /<= [\d.]+ ms \| #+ \d+/);
});

test('ts314 gc --json -- script.mjs runs it with node and prints machine-readable pauses', async () => {
  const { code, stdout } = await runCli(['gc', '--json', '--', script]);
  assert.equal(code, 0);
  const reports = JSON.parse(stdout.slice(stdout.indexOf('['))) as {
    exitCode: number;
    pauses: unknown[];
    summary: { all: { count: number } };
  }[];
  assert.equal(reports.length, 1);
  assert.ok(reports[0]!.summary.all.count > 0);
  assert.equal(reports[0]!.pauses.length, reports[0]!.summary.all.count);
});

test('a script killed by process.exit still reports, and failures are clear', async () => {
  const exiting = dir.write('exits.mjs', `Array.from({ length: 300000 }, (_, i) => ({ i })); process.exit(7);`);
  const r = await runCli(['gc', '--', exiting]);
  assert.equal(r.code, 7);
  assert.match(r.stderr, /exit code 7/);
  const none = await runCli(['gc']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /nothing to run/);
  const typo = await runCli(['gc', '--jsno', '--', script]);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /unknown option '--jsno'\. Did you mean '--json'\?/);
  const missing = await runCli(['gc', '--', dir.join('missing.mjs')]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /Cannot find module|no Node process reported/);
});

test('the built package exports ts314/gc', async () => {
  const mod = (await import('ts314/gc' as string)) as typeof import('../../src/gc/index.js');
  assert.equal(typeof mod.monitor, 'function');
  assert.ok(mod.collect().heapUsedAfter > 0);
});
