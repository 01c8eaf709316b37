// `npm run bench:matrix` for real: a tiny benchmark file under this Node and the LTS, two alternating rounds, then compare.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readBenchRun } from '../../src/bench/index.js';
import { repoRoot } from '../helpers/package.js';
import { benchDir } from './fixtures.js';

const tmp = benchDir();
const file = tmp.write(
  'tiny.bench.mjs',
  `export default { name: 'sqrt sum', fn: () => { let s = 0; for (let i = 0; i < 64; i++) s += Math.sqrt(i); return s; } };\n`,
);

function runMatrix(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'scripts', 'bench-matrix.mjs'), ...args],
      { cwd: repoRoot, env: { ...process.env, CI: '1' }, maxBuffer: 16 << 20, timeout: 170_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const ltsMajor = /^LTS_MAJOR=(\d+)$/m.exec(readFileSync(join(repoRoot, '.ci', 'run'), 'utf8'))![1]!;
const here = process.versions.node.split('.')[0]!;

test('two rounds alternate the runtimes (this Node, the LTS, the LTS, this Node) and compare puts the reference repeat last', {
  timeout: 180_000,
}, async () => {
  const out = join(tmp.path, 'matrix');
  const result = await runMatrix(['--out', out, '--rounds', '2', '--iterations', '5', '--warmup', '2', file]);
  assert.equal(result.code, 0, result.stderr);
  const rounds = [...result.stdout.matchAll(/^bench:matrix: round (\d)\/2: .* on Node (\d+)\./gm)].map((m) => `${m[1]}:${m[2]}`);
  // Under the LTS itself (CI's second pass) there is one runtime, run once per round.
  const files =
    here === ltsMajor
      ? [`results-node${here}.json`, `results-node${here}-round2.json`]
      : [
          `results-node${here}.json`,
          `results-node${ltsMajor}.json`,
          `results-node${ltsMajor}-round2.json`,
          `results-node${here}-round2.json`,
        ];
  assert.deepEqual(rounds, here === ltsMajor ? [`1:${here}`, `2:${here}`] : [`1:${here}`, `1:${ltsMajor}`, `2:${ltsMajor}`, `2:${here}`]);
  for (const name of files) {
    assert.ok(existsSync(join(out, name)), `${name} was written`);
    const run = readBenchRun(join(out, name));
    assert.equal(run.runtime.version.split('.')[0], /node(\d+)/.exec(name)![1]);
    assert.equal(run.results.length, 1);
    assert.equal(run.results[0]!.status, 'ok');
  }
  // The comparison: the reference first, then the LTS rounds, then the reference's own repeat.
  const compare = result.stdout.slice(result.stdout.indexOf('bench:matrix: ts314 compare'));
  assert.match(compare.split('\n')[0]!, new RegExp(files.map((f) => f.replace(/[.]/g, '\\.')).join(' .*')));
  assert.match(compare, /sqrt sum/);
  assert.equal([...compare.matchAll(/\d\.\d\d×/g)].length, files.length - 1, 'one ratio column per run after the first');
  assert.ok(existsSync(join(out, 'comparison.html')));
});

test('--rounds must be a whole number of at least 1', async () => {
  const result = await runMatrix(['--out', join(tmp.path, 'bad'), '--rounds', '0', file]);
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /--rounds needs a whole number >= 1, got 0/);
});
