import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InterpreterPoolExecutor, ProcessPoolExecutor, task } from '../../src/futures/index.js';
import { InvalidArgumentError, SharedArray, parallelFor } from '../../src/threading/index.js';
import type * as Kernels from './fixtures/shared-kernels.js';

const kernels = new URL('./fixtures/shared-kernels.ts', import.meta.url);
const echoRange = task<typeof Kernels.echoRange>(kernels, 'echoRange');

test('a range is split into contiguous chunks; results come back in chunk order with the extra args', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  assert.deepEqual(await parallelFor(10, echoRange, { executor: pool, chunks: 3, args: ['x', 7] }), [
    [0, 4, 'x', 7],
    [4, 7, 'x', 7],
    [7, 10, 'x', 7],
  ]);
  assert.deepEqual(await parallelFor({ start: 100, end: 105 }, echoRange, { executor: pool, chunks: 5 }), [
    [100, 101],
    [101, 102],
    [102, 103],
    [103, 104],
    [104, 105],
  ]);
  // Default: one chunk per worker of the executor, never more chunks than elements.
  assert.equal((await parallelFor(1000, echoRange, { executor: pool })).length, 2);
  assert.deepEqual(await parallelFor(1, echoRange, { executor: pool }), [[0, 1]]);
  assert.equal(pool.workerCount, 2, 'the executor passed in is left running');
});

test('on a fresh pool every chunk gets its own worker rather than queueing behind the first', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  const threads = await parallelFor(2, task<typeof Kernels.whichThread>(kernels, 'whichThread'), { executor: pool });
  assert.equal(new Set(threads).size, 2, `chunks ran on threads ${threads.join(', ')}`);
});

test('a SharedArray is split into chunks the kernel writes in place; the array sees every write', async () => {
  const array = SharedArray.create('float64', 1001);
  const reports = await parallelFor(array, task<typeof Kernels.fillWithIndex>(kernels, 'fillWithIndex'), { chunks: 4, args: [1] });
  assert.deepEqual(
    reports.map((r) => [r.start, r.length]),
    [
      [0, 251],
      [251, 250],
      [501, 250],
      [751, 250],
    ],
  );
  for (let i = 0; i < array.length; i++) assert.equal(array.view[i], i + 1);
});

test('a throwing chunk rejects parallelFor with the error as thrown in the worker, after the others settle', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  const failAt = task<typeof Kernels.failAt>(kernels, 'failAt');
  await assert.rejects(parallelFor(100, failAt, { executor: pool, chunks: 10, args: [35] }), (error: unknown) => {
    assert.ok(error instanceof RangeError);
    assert.equal(error.message, 'chunk [30, 40) refused index 35');
    assert.match(error.stack!, /failAt/);
    return true;
  });
  // The pool is still healthy.
  assert.deepEqual(await parallelFor(4, failAt, { executor: pool, chunks: 2, args: [-1] }), [2, 2]);
});

test('without an executor a temporary pool is used and shut down: the process exits by itself', () => {
  const script = `
    import { parallelFor, SharedArray } from ${JSON.stringify(new URL('../../src/threading/index.ts', import.meta.url).href)};
    import { task } from ${JSON.stringify(new URL('../../src/futures/index.ts', import.meta.url).href)};
    const a = SharedArray.create('float64', 64);
    const r = await parallelFor(a, task(${JSON.stringify(kernels.href)}, 'fillWithIndex'));
    const failed = await parallelFor(8, task(${JSON.stringify(kernels.href)}, 'failAt'), { args: [3] }).catch((e) => e.message);
    console.log(JSON.stringify({ chunks: r.length, last: a.view[63], failed }));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(child.error, undefined, 'the child exited on its own (no leaked workers keeping it alive)');
  assert.equal(child.status, 0, child.stderr);
  const out = JSON.parse(child.stdout.trim()) as { chunks: number; last: number; failed: string };
  assert.ok(out.chunks >= 1);
  assert.equal(out.last, 63);
  assert.match(out.failed, /refused index 3/);
});

test('bad input: empty ranges, bad chunk counts, unknown options and a ProcessPoolExecutor', async () => {
  await assert.rejects(parallelFor(0, echoRange), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /input is empty \(length 0\)/,
  });
  await assert.rejects(parallelFor({ start: 5, end: 5 }, echoRange), /input is empty/);
  await assert.rejects(parallelFor(SharedArray.create('int8', 0), echoRange as never), /SharedArray of length 0/);
  await assert.rejects(parallelFor(-3, echoRange), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /must be an integer >= 0, got -3/,
  });
  await assert.rejects(parallelFor(2.5, echoRange), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /must be an integer, got 2\.5/,
  });
  await assert.rejects(parallelFor({ start: 4, end: 2 }, echoRange), /range\.end \(2\) is before range\.start \(4\)/);
  await assert.rejects(parallelFor({ start: 0, stop: 2 } as never, echoRange), /unknown option 'stop'/);
  await assert.rejects(parallelFor(10, echoRange, { chunks: 0 }), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /chunks must be an integer from 1 to 10, got 0/,
  });
  await assert.rejects(parallelFor(10, echoRange, { chunks: 11 }), /must be an integer from 1 to 10, got 11/);
  await assert.rejects(parallelFor(10, echoRange, { chunks: 1.5 }), { name: 'InvalidArgumentError', code: 'ERR_INVALID_ARGUMENT' });
  await assert.rejects(parallelFor(10, echoRange, { chunk: 2 } as never), /unknown option 'chunk'\. Did you mean 'chunks'\?/);
  await assert.rejects(parallelFor(new Float64Array(4) as never, echoRange), /wrap data in SharedArray\.from/);
  await assert.rejects(parallelFor(10, echoRange, { chunk: 2 } as never), InvalidArgumentError);
  const processes = new ProcessPoolExecutor({ maxWorkers: 1 });
  try {
    await assert.rejects(parallelFor(10, echoRange, { executor: processes }), /cannot share memory/);
  } finally {
    await processes.shutdown();
  }
});
