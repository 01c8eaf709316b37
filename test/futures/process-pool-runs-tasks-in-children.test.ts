import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BrokenProcessPool, ProcessPoolExecutor, task } from '../../src/futures/index.js';
import type { Death } from './fixtures/tasks.js';
import { tempDir } from '../helpers/temp-dir.js';

const fixtures = new URL('./fixtures/tasks.ts', import.meta.url);
const whoAmI = task<() => { pid: number }>(fixtures, 'whoAmI');
const spin = task<(ms: number) => number>(fixtures, 'spin');

test('tasks run in child processes, including .ts module exports (the parent execArgv is passed on)', async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 2 });
  const pids = await Promise.all(Array.from({ length: 4 }, () => pool.submit(whoAmI)));
  for (const { pid } of pids) assert.notEqual(pid, process.pid);
  assert.equal(await pool.submit((a: number, b: number) => a * b, 6, 7), 42);
  const out: number[] = [];
  for await (const v of pool.map((x: number) => x + 1, [1, 2, 3, 4, 5], { chunksize: 2 })) out.push(v);
  assert.deepEqual(out, [2, 3, 4, 5, 6]);
  const error = (await pool.submit(task(fixtures, 'throwWithCause')).exception()) as Error;
  assert.ok(error instanceof RangeError);
  assert.equal((error.cause as Error).message, 'inner failure');
});

test('a child that exits fails only its task with BrokenProcessPool; the others run exactly once', async () => {
  using dir = tempDir('futures-proc');
  const file = dir.join('ran.txt');
  const pool = new ProcessPoolExecutor({ maxWorkers: 2 });
  try {
    const appendId = task<(file: string, id: number) => number>(fixtures, 'appendId');
    const die = task<(how: Death, file: string, id: number) => Promise<never>>(fixtures, 'die');
    const futures = Array.from({ length: 30 }, (_, id) =>
      id === 10 ? pool.submit(die, 'exit', file, id) : pool.submit(appendId, file, id),
    );
    const settled = await Promise.allSettled(futures);
    settled.forEach((s, id) => {
      if (id === 10)
        assert.ok(
          s.status === 'rejected' &&
            s.reason instanceof BrokenProcessPool &&
            /exited with code 7 while running this task/.test(s.reason.message),
          String((s as PromiseRejectedResult).reason),
        );
      else assert.deepEqual(s, { status: 'fulfilled', value: id });
    });
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map(Number)
      .sort((a, b) => a - b);
    assert.deepEqual(
      lines,
      Array.from({ length: 30 }, (_, i) => i),
    );
  } finally {
    await pool.shutdown();
  }
});

test('maxTasksPerChild replaces a child after that many tasks', async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 1, maxTasksPerChild: 2 });
  const pids = [];
  for (let i = 0; i < 4; i++) pids.push((await pool.submit(whoAmI)).pid);
  assert.equal(pids[0], pids[1]);
  assert.notEqual(pids[1], pids[2]);
  assert.equal(new Set(pids).size, 2);
});

for (const method of ['terminateWorkers', 'killWorkers'] as const) {
  test(`${method}() ends busy children promptly: running tasks fail, queued ones are cancelled`, async () => {
    const pool = new ProcessPoolExecutor({ maxWorkers: 2 });
    const running = [pool.submit(spin, 60_000), pool.submit(spin, 60_000)];
    const queued = pool.submit(spin, 1);
    while (!running.every((f) => f.running())) await new Promise((r) => setTimeout(r, 5));
    const started = performance.now();
    await pool[method]();
    assert.ok(performance.now() - started < 4000, 'did not hang');
    for (const f of running) assert.ok((await f.exception()) instanceof BrokenProcessPool);
    assert.equal(queued.cancelled(), true);
    assert.equal(pool.workerCount, 0);
    assert.throws(() => pool.submit(spin, 1), /after shutdown/);
  });
}

test('an initializer that throws breaks the process pool with BrokenProcessPool', async () => {
  const pool = new ProcessPoolExecutor({ maxWorkers: 1, initializer: task(fixtures, 'failingInitializer') });
  const error = (await pool.submit((x: number) => x, 1).exception()) as Error;
  assert.ok(error instanceof BrokenProcessPool, String(error));
  assert.equal((error.cause as Error).message, 'initializer refused');
  await pool.shutdown();
});
