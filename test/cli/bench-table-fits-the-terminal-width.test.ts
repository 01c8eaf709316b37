// `ts314 bench` lays its table out in the terminal's width (COLUMNS, else 100 off a terminal): long
// names are cut, low-priority statistics left out and named, and efficiency appears only where the
// worker count varies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/package.js';
import { benchDir } from '../bench/fixtures.js';

const tmp = benchDir();
tmp.write('package.json', JSON.stringify({ type: 'module' }));
tmp.write(
  'wide.bench.mjs',
  `import { defineBench } from 'ts314/bench';
const spin = (n) => { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i); return s; };
export default [
  defineBench({ name: 'one worker, a deliberately long benchmark name that no table column can hold', group: 'scaling', baseline: true, params: { workers: 1 }, fn: () => spin(2000) }),
  defineBench({ name: 'two workers', group: 'scaling', params: { workers: 2 }, fn: () => spin(1000) }),
  defineBench({ name: 'round trip A', group: 'overhead at one worker', baseline: true, params: { workers: 1 }, fn: () => spin(100) }),
  defineBench({ name: 'round trip B', group: 'overhead at one worker', params: { workers: 1 }, fn: () => spin(300), notes: ['a note long enough to need wrapping when the terminal is narrow, which it is in this test, so the footnote wraps onto more lines'] }),
];
`,
);

const ARGS = ['bench', tmp.join('wide.bench.mjs'), '--iterations', '3', '--warmup', '0'];

function widest(text: string): number {
  return Math.max(...text.split('\n').map((line) => [...line].length));
}

/** The table rows of a benchmark, by name prefix. */
function row(stdout: string, name: string): string {
  const line = stdout.split('\n').find((l) => l.trimStart().startsWith(name));
  assert.ok(line, `no row for ${name}:\n${stdout}`);
  return line;
}

test('off a terminal the whole output fits 100 columns; efficiency only in the group that varies workers', async () => {
  const { code, stdout, stderr } = await runCli(ARGS, { env: { CI: '1', COLUMNS: '' } });
  assert.equal(code, 0, stderr);
  assert.ok(widest(stdout) <= 100, `${widest(stdout)} columns:\n${stdout}`);
  assert.match(stdout, /Efficiency/);
  assert.match(row(stdout, 'two workers'), /\d+%$/);
  // Every row of the one-worker group has the same worker count: a per-worker efficiency means nothing there.
  assert.doesNotMatch(row(stdout, 'round trip B'), /%$/);
  // The long name is cut, but the baseline marker survives.
  assert.match(row(stdout, 'one wor'), /… \(baseline\)/);
});

test('COLUMNS=72 leaves out statistics, names them under the table, and wraps notes', async () => {
  const { code, stdout, stderr } = await runCli(ARGS, { env: { CI: '1', COLUMNS: '72' } });
  assert.equal(code, 0, stderr);
  assert.ok(widest(stdout) <= 72, `${widest(stdout)} columns:\n${stdout}`);
  const header = stdout.split('\n').find((l) => l.startsWith('Name'))!;
  const omitted = /Not shown, to fit 72 columns: ([^(]+)\(/.exec(stdout.replace(/\n/g, ' '))?.[1];
  assert.ok(omitted, `the omitted columns are not named:\n${stdout}`);
  for (const column of omitted
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean))
    assert.ok(!header.includes(column), `${column} is both shown and omitted`);
  assert.match(header, /Mean/);
  assert.match(stdout, /\[\d\] user\/overhead at one worker\/round trip B: a note long enough/);
});

test('a wide terminal shows every column and cuts nothing', async () => {
  const { code, stdout } = await runCli(ARGS, { env: { CI: '1', COLUMNS: '220' } });
  assert.equal(code, 0);
  for (const column of ['Std', 'P95', 'Ops/sec', '±CI95', 'Outliers', 'Speedup', 'Efficiency'])
    assert.match(stdout, new RegExp(column.replace('+', '\\+')));
  assert.match(stdout, /no table column can hold \(baseline\)/);
  assert.doesNotMatch(stdout, /Not shown/);
});
