import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parallelMap, task } from '../../src/futures/index.js';
import { features } from '../../src/runtime/index.js';

test('parallelMap uses interpreters where worker threads exist, and says so', async () => {
  const { results, mode, reason } = await parallelMap((n: number) => n * n, [1, 2, 3, 4], { maxWorkers: 2, chunksize: 2 });
  assert.deepEqual(results, [1, 4, 9, 16]);
  assert.equal(features().workerThreads.available, true);
  assert.equal(mode, 'interpreters');
  assert.match(reason, /worker threads are available/);
});

test('parallelMap can be told to use processes or to run sequentially, with the same results', async () => {
  const spin = task<(ms: number) => number>(new URL('./fixtures/tasks.ts', import.meta.url), 'spin');
  const processes = await parallelMap(spin, [0, 1], { mode: 'processes', maxWorkers: 1 });
  assert.deepEqual(processes, { results: [0, 1], mode: 'processes', reason: "mode 'processes' was requested" });
  const sequential = await parallelMap(
    (n: number) => n + 1,
    (async function* () {
      yield 1;
      yield 2;
    })(),
    { mode: 'sequential' },
  );
  assert.deepEqual(sequential.results, [2, 3]);
  assert.equal(sequential.mode, 'sequential');
  await assert.rejects(
    parallelMap((n: number) => n, [1], { mode: 'thread' as never }),
    /mode must be one of/,
  );
  await assert.rejects(
    parallelMap((n: number) => n, [1], { chunkSize: 2 } as never),
    /Did you mean 'chunksize'\?/,
  );
});
