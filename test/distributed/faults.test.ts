// Faults on real processes: 2,400 tasks on 3 `ts314 worker`s, one SIGKILLed mid-run and the redis-server restarted mid-run; SIGTERM while the broker is down (stopped, or died mid-command), idle or draining; the stall limit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DistributedExecutor, TaskStalledError, task } from '../../src/distributed/index.js';
import type { Future } from '../../src/futures/index.js';
import { startRedis, type TempRedis } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startWorkerProcess, stopWorker, writeTasks, type WorkerProcess } from './helpers.js';

const dir = tempDir('distributed-faults');
const { path, url } = writeTasks(dir);
let redis: TempRedis;
const workers: WorkerProcess[] = [];

/** Short locks and frequent stall checks, so a killed worker's jobs come back in about a second. */
const STALL_FLAGS = ['--lock-duration', '2000', '--stalled-interval', '1000'];

function worker(queue: string, extra: string[]): Promise<WorkerProcess> {
  return startWorkerProcess([
    '--connection',
    redis.url,
    '--queue',
    queue,
    '--module',
    path,
    '--interpreters',
    '1',
    ...STALL_FLAGS,
    ...extra,
  ]).then((w) => {
    workers.push(w);
    return w;
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The worker's exit code, or a failure naming the hang (the worker is killed so the suite goes on). */
async function exitWithin(w: WorkerProcess, ms: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      w.child.kill('SIGKILL');
      reject(new Error(`ts314 worker did not exit within ${ms} ms of SIGTERM:\n${w.log()}`));
    }, ms);
  });
  try {
    return await Promise.race([w.exited, hung]);
  } finally {
    clearTimeout(timer);
  }
}

before(async () => {
  redis = await startRedis();
});
after(async () => {
  await Promise.all(workers.map((w) => stopWorker(w)));
  await redis.stop();
  dir.remove();
});

describe('DistributedExecutor under faults', () => {
  // Tasks submitted together share jobs by default (a killed worker loses several tasks at once); maxTasksPerJob: 1 gives each its own.
  for (const [mode, maxTasksPerJob, queue] of [
    ['tasks sharing jobs', undefined, 'faults'],
    ['a job per task', 1, 'faults-single'],
  ] as const) {
    it(`2,400 tasks on 3 workers, one SIGKILLed mid-run, the broker restarted mid-run: every future resolves once, with its value (${mode})`, async () => {
      const pool = await Promise.all([0, 1, 2].map(() => worker(queue, ['--concurrency', '4', '--max-stalled', '10'])));
      await using executor = new DistributedExecutor({
        connection: redis.url,
        queue,
        sweepInterval: 200,
        recheckInterval: 2000,
        maxTasksPerJob,
      });
      const log = dir.join(`runs-${queue}.log`);
      const N = 2400;
      const resolutions = new Array<number>(N).fill(0);
      const futures: Future<number>[] = [];
      for (let i = 0; i < N; i++) {
        const future = executor.submit(task<(file: string, id: number, ms: number) => number>(url, 'record'), log, i, 2);
        future.addDoneCallback(() => resolutions[i]!++);
        futures.push(future);
      }
      const done = () => resolutions.reduce((a, b) => a + b, 0);
      await until(() => done() >= N / 8, 'the first results');
      pool[0]!.child.kill('SIGKILL');
      assert.equal(await pool[0]!.exited, 'SIGKILL');
      await until(() => done() >= N / 3, 'results after the kill');
      await redis.restart(300);
      const values = await Promise.all(futures);
      assert.deepEqual(
        values,
        values.map((_, i) => 2 * i),
      );
      assert.deepEqual(
        resolutions,
        resolutions.map(() => 1),
      );
      // At least once: every task ran; a few ran twice (the killed worker's, and any whose lock lapsed in the restart).
      const runs = new Map<number, number>();
      for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) runs.set(Number(line), (runs.get(Number(line)) ?? 0) + 1);
      assert.equal(runs.size, N);
      // Results are removed once read: nothing is left behind in the queue.
      await executor.shutdown();
      assert.equal(executor.pendingCount, 0);
    });
  }

  it('the broker restarted without its data: the executor adds the lost jobs again and every future resolves', async () => {
    await Promise.all([0, 1].map(() => worker('wipe', ['--concurrency', '4', '--max-stalled', '10'])));
    await using executor = new DistributedExecutor({ connection: redis.url, queue: 'wipe', sweepInterval: 200, recheckInterval: 1000 });
    const log = dir.join('wipe.log');
    const N = 600;
    let done = 0;
    const futures = Array.from({ length: N }, (_, i) => {
      const future = executor.submit(task<(file: string, id: number, ms: number) => number>(url, 'record'), log, i, 3);
      future.addDoneCallback(() => done++);
      return future;
    });
    await until(() => done >= N / 6, 'the first results');
    await redis.restart(300, { wipe: true });
    const values = await Promise.all(futures);
    assert.deepEqual(
      values,
      values.map((_, i) => 2 * i),
    );
    const ran = new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean));
    assert.equal(ran.size, N);
  });

  it('a worker with nothing running exits on SIGTERM while the broker is down', async () => {
    const idle = await worker('idle-down', []);
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    idle.child.kill('SIGTERM');
    try {
      assert.equal(await exitWithin(idle, 15_000), 0);
    } finally {
      await redis.start();
    }
  });

  it('a worker with nothing running exits on SIGTERM after the broker died with its commands unanswered', async () => {
    // With --stalled-interval 1000, a stall check is on the wire when the broker dies: ioredis keeps it to send again.
    const idle = await worker('idle-crash', []);
    await redis.crash(1500);
    idle.child.kill('SIGTERM');
    try {
      assert.equal(await exitWithin(idle, 15_000), 0);
    } finally {
      await redis.start();
    }
  });

  it('SIGTERM while the broker is down and a task runs: the drain stores its result once the broker is back, then exits', async () => {
    // The default 30 s lock outlasts the outage, so the result is this worker's to store.
    const draining = await startWorkerProcess([
      '--connection',
      redis.url,
      '--queue',
      'down-drain',
      '--module',
      path,
      '--interpreters',
      '1',
    ]);
    workers.push(draining);
    await using executor = new DistributedExecutor({ connection: redis.url, queue: 'down-drain', sweepInterval: 200 });
    const future = executor.submit(task<(ms: number, value: string) => string>(url, 'sleepy'), 800, 'kept');
    await until(() => future.running(), 'the task to start');
    await redis.kill();
    draining.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal(draining.child.exitCode, null, `the drain ended before the result was stored:\n${draining.log()}`);
    await redis.start();
    assert.equal(await exitWithin(draining, 15_000), 0);
    assert.equal(await future, 'kept');
  });

  it('a task whose worker dies more often than the stall limit rejects with TaskStalledError', async () => {
    const doomed = await worker('stall', ['--max-stalled', '0']);
    await using executor = new DistributedExecutor({ connection: redis.url, queue: 'stall', sweepInterval: 200 });
    const future = executor.submit(task<(ms: number) => number>(url, 'spin'), 60_000);
    await until(() => future.running(), 'the job to start');
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    // Another worker's stall check finds the job's lock expired; with --max-stalled 0 it fails the job.
    await worker('stall', ['--max-stalled', '0']);
    const error = (await future.exception()) as TaskStalledError;
    assert.ok(error instanceof TaskStalledError, String(error));
    assert.equal(error.code, 'ERR_TASK_STALLED');
    assert.match(error.message, /stall limit/);
  });
});
