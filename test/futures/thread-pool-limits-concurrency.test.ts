import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { CancelledError, DEFAULT_THREAD_POOL_MAX_WORKERS, ThreadPoolExecutor } from '../../src/futures/index.js';

test('ThreadPoolExecutor runs at most maxWorkers async calls at once', async () => {
  await using pool = new ThreadPoolExecutor({ maxWorkers: 3 });
  let active = 0;
  let peak = 0;
  const job = async (ms: number): Promise<number> => {
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setTimeout(r, ms));
    active--;
    return ms;
  };
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => pool.submit(job, 5 + (i % 3))));
  assert.equal(peak, 3);
  assert.equal(results.length, 12);
  assert.equal(DEFAULT_THREAD_POOL_MAX_WORKERS, Math.min(32, availableParallelism() + 4));
});

test('shutdown({ cancelFutures: true }) cancels queued calls and waits for running ones', async () => {
  const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
  let finished = false;
  const running = pool.submit(async () => {
    await new Promise((r) => setTimeout(r, 30));
    finished = true;
  });
  const queued = pool.submit(async () => 'never');
  await pool.shutdown({ cancelFutures: true });
  assert.equal(finished, true);
  assert.equal(running.done(), true);
  await assert.rejects(queued.result(), CancelledError);
});

test('shutdown({ wait: false }) returns at once while work continues; Symbol.asyncDispose waits', async () => {
  const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
  const f = pool.submit(async () => {
    await new Promise((r) => setTimeout(r, 30));
    return 'done';
  });
  await pool.shutdown({ wait: false });
  assert.equal(f.done(), false);
  assert.equal(await f, 'done');
  let later: { done(): boolean } | undefined;
  {
    await using scoped = new ThreadPoolExecutor({ maxWorkers: 1 });
    later = scoped.submit(async () => new Promise((r) => setTimeout(r, 20)));
  }
  assert.equal(later.done(), true);
});

test('a sync function that throws rejects its future with that error', async () => {
  await using pool = new ThreadPoolExecutor();
  const error = new SyntaxError('sync failure');
  await assert.rejects(
    pool
      .submit(() => {
        throw error;
      })
      .result(),
    (e) => e === error,
  );
});
