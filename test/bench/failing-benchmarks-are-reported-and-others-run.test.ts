// A benchmark that throws (in setup, sometimes in fn, as an async rejection, in teardown) is reported failed; the rest still run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BenchTimeoutError, defineBench, runBenchmarks, validateBenchRun } from '../../src/bench/index.js';
import { runCli } from '../helpers/package.js';
import { benchDir, TINY_BUDGET } from './fixtures.js';

const tmp = benchDir();
tmp.write('package.json', JSON.stringify({ type: 'module' }));
tmp.write(
  'failing.bench.ts',
  `import { defineBench } from 'ts314/bench';

let calls = 0;
export const a_ok = defineBench({ name: 'ok first', fn: (): number => Math.sqrt(calls + 2) });
export const b_setup = defineBench({ name: 'setup throws', setup: (): never => { throw new TypeError('fixture missing'); }, fn: () => 1 });
export const c_sometimes = defineBench({
  name: 'fn throws sometimes',
  fn: (): number => {
    if (++calls % 500 === 0) throw new RangeError('every 500th call fails');
    return calls;
  },
});
export const d_async = defineBench({
  name: 'async rejection',
  fn: async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    throw new Error('rejected after a tick');
  },
});
export const e_teardown = defineBench({ name: 'teardown throws', fn: () => 2, teardown: (): void => { throw new Error('cleanup failed'); } });
export const f_ok = defineBench({ name: 'ok last', fn: async (): Promise<number> => 3 });
`,
);

test('failures are in the table and the JSON with their phase, the others run, and the exit code is 1', async () => {
  const out = join(tmp.path, 'out.json');
  const result = await runCli(['bench', 'failing.bench.ts', '--iterations', '5', '--output', out], { cwd: tmp.path, env: { CI: '1' } });
  assert.equal(result.code, 1, result.stderr);
  // A row may carry a note marker: `() => 2` runs under 1 ns on fast runtimes and gets the dead-code note.
  assert.match(result.stdout, /setup throws(?: \[\d+\])?\s+FAILED in setup: TypeError: fixture missing/);
  assert.match(result.stdout, /fn throws sometimes(?: \[\d+\])?\s+FAILED in fn: RangeError: every 500th call fails/);
  assert.match(result.stdout, /async rejection(?: \[\d+\])?\s+FAILED in fn: Error: rejected after a tick/);
  assert.match(result.stdout, /teardown throws(?: \[\d+\])?\s+FAILED in teardown: Error: cleanup failed/);
  assert.match(result.stderr, /4 of 6 benchmarks failed/);
  const run = validateBenchRun(JSON.parse(readFileSync(out, 'utf8')), out);
  const byName = Object.fromEntries(run.results.map((r) => [r.name, r]));
  assert.deepEqual(
    run.results.map((r) => r.status),
    ['ok', 'failed', 'failed', 'failed', 'failed', 'ok'],
  );
  assert.equal(byName['ok first']!.stats!.samples, 5);
  assert.equal(byName['ok last']!.stats!.samples, 5);
  assert.deepEqual(
    { ...byName['setup throws']!.error, stack: undefined },
    { name: 'TypeError', message: 'fixture missing', phase: 'setup', stack: undefined },
  );
  assert.match(byName['setup throws']!.error!.stack!, /failing\.bench\.ts/);
  assert.equal(byName['fn throws sometimes']!.stats, undefined);
  assert.equal(byName['async rejection']!.error!.phase, 'fn');
  assert.equal(byName['teardown throws']!.error!.phase, 'teardown');
});

test('teardown still runs after fn throws, with the setup state', async () => {
  const log: string[] = [];
  const run = await runBenchmarks(
    [
      defineBench({
        name: 'throws',
        setup: () => ({ label: 'state' }),
        fn: () => {
          throw new Error('boom');
        },
        teardown: (s) => void log.push(`teardown ${s.label}`),
      }),
    ],
    { budget: TINY_BUDGET },
  );
  assert.equal(run.results[0]!.status, 'failed');
  assert.deepEqual(log, ['teardown state']);
});

test('a non-Error throw and an invalid or duplicate definition become failed rows too', async () => {
  const run = await runBenchmarks(
    [
      defineBench({
        name: 'string thrown',
        fn: () => {
          throw 'just a string';
        },
      }),
      { name: 'no fn' } as never,
      defineBench({ name: 'twice', fn: () => 1 }),
      defineBench({ name: 'twice', fn: () => 2 }),
    ],
    { budget: TINY_BUDGET },
  );
  assert.deepEqual(
    run.results.map((r) => [r.id, r.status]),
    [
      ['user/string thrown/string thrown', 'failed'],
      ['user/no fn/no fn', 'failed'],
      ['user/twice/twice', 'ok'],
      ['user/twice/twice#2', 'failed'],
    ],
  );
  assert.equal(run.results[0]!.error!.message, 'non-Error value thrown: just a string');
  assert.match(run.results[1]!.error!.message, /'fn' must be a function/);
  assert.equal(run.results[1]!.error!.name, 'BenchDefinitionError');
  assert.match(run.results[3]!.error!.message, /duplicate benchmark id 'user\/twice\/twice'/);
  validateBenchRun(JSON.parse(JSON.stringify(run)));
});

test('an awaited call that never settles fails with BenchTimeoutError after the hard cap, and the run goes on', async () => {
  const started = performance.now();
  const run = await runBenchmarks(
    [defineBench({ name: 'hangs', fn: () => new Promise(() => {}) }), defineBench({ name: 'after', fn: () => 1 })],
    { budget: { ...TINY_BUDGET, hardCapMs: 200 } },
  );
  const elapsed = performance.now() - started;
  assert.equal(run.results[0]!.status, 'failed');
  assert.equal(run.results[0]!.error!.name, new BenchTimeoutError('').name);
  assert.match(run.results[0]!.error!.message, /still pending .* hard cap; no call had finished: it never settled/);
  assert.equal(run.results[1]!.status, 'ok');
  assert.ok(elapsed < 5_000, `took ${elapsed} ms`);
});
