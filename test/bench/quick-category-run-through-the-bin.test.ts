// One real built-in category through the built bin with --quick: the suite's own benchmarks run, validate and save.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateBenchRun } from '../../src/bench/index.js';
import { runCli } from '../helpers/package.js';
import { benchDir } from './fixtures.js';

const tmp = benchDir();

test('ts314 bench --quick --category uuid runs every uuid benchmark and writes a valid run', async () => {
  const out = join(tmp.path, 'uuid.json');
  const result = await runCli(['bench', '--quick', '--category', 'uuid', '--output', out], { env: { CI: '1' } });
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, />>> uuid/);
  assert.match(result.stdout, /Speedup/);
  const run = validateBenchRun(JSON.parse(readFileSync(out, 'utf8')), out);
  assert.ok(run.results.length >= 4, `${run.results.length} results`);
  assert.ok(
    run.results.every((r) => r.category === 'uuid' && r.status === 'ok'),
    JSON.stringify(run.results.map((r) => [r.id, r.status])),
  );
  assert.equal(run.options.quick, true);
  assert.deepEqual(run.options.categories, ['uuid']);
  // Quick mode's sampling budget (300 ms) ends each fast benchmark long before the 10,000-sample guard.
  for (const r of run.results) assert.ok(r.stats!.samples >= 5 && r.stats!.samples < 10_000, `${r.id}: ${r.stats!.samples} samples`);
});
