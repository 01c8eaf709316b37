// Tasks submitted together share BullMQ jobs: fewer jobs than tasks, yet each future keeps its own result, error and cancel().
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { DistributedExecutor, task } from '../../src/distributed/index.js';
import { CancelledError, type Future } from '../../src/futures/index.js';
import { startRedis, type TempRedis } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startWorkerProcess, stopWorker, writeTasks, type WorkerProcess } from './helpers.js';

const dir = tempDir('distributed-shared-jobs');
const { path, url } = writeTasks(dir);
const record = task<(file: string, id: number) => number>(url, 'record');
const add = task<(a: number, b: number) => number>(url, 'add');
let redis: TempRedis;
const workers: WorkerProcess[] = [];
const queues: Queue[] = [];

before(async () => {
  redis = await startRedis();
});
after(async () => {
  await Promise.all(workers.map((w) => stopWorker(w)));
  await Promise.all(queues.map((q) => q.close()));
  await redis.stop();
  dir.remove();
});

/** A queue with no worker yet, so the jobs an executor adds can be counted before they run. */
function idleQueue(name: string): Queue {
  const queue = new Queue(name, { connection: { host: '127.0.0.1', port: redis.port } });
  queues.push(queue);
  return queue;
}

async function startWorker(queue: string): Promise<void> {
  workers.push(await startWorkerProcess(['--connection', redis.url, '--queue', queue, '--module', path, '--interpreters', '0']));
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = performance.now() + 30_000;
  while (!(await check())) {
    if (performance.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const waiting = async (queue: Queue): Promise<number> => (await queue.getJobCounts('wait')).wait!;
const lines = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

describe('DistributedExecutor: tasks submitted together share jobs', () => {
  it('1,001 tasks travel as far fewer jobs, and each future settles with its own value or error', async () => {
    const queue = idleQueue('shared-values');
    await using executor = new DistributedExecutor({ connection: redis.url, queue: 'shared-values' });
    const futures: Future<number>[] = [];
    for (let i = 0; i < 1000; i++) {
      futures.push(executor.submit(add, i, i));
      if (i === 500) futures.push(executor.submit(task<(message: string) => number>(url, 'fail'), 'task 501 says no'));
    }
    await until(async () => (await waiting(queue)) > 0, 'the jobs to be added');
    const jobs = await waiting(queue);
    // 1,001 tasks at 8 per job (1,001 / 128 rounded up), the failing task in a job of its own between two groups.
    assert.ok(jobs >= 126 && jobs <= 130, `${jobs} jobs for 1,001 tasks`);
    assert.equal(executor.pendingCount, 1001);
    await startWorker('shared-values');
    const outcomes = await Promise.allSettled(futures);
    outcomes.forEach((outcome, k) => {
      if (k === 501) {
        assert.equal(outcome.status, 'rejected');
        const error = (outcome as PromiseRejectedResult).reason as RangeError;
        assert.ok(error instanceof RangeError);
        assert.equal(error.message, 'task 501 says no');
      } else {
        const i = k > 501 ? k - 1 : k;
        assert.deepEqual(outcome, { status: 'fulfilled', value: 2 * i });
      }
    });
    assert.equal(executor.pendingCount, 0);
  });

  it('cancel() of a task whose shared job waits is true and the task never runs; a job whose tasks are all cancelled is removed', async () => {
    const queue = idleQueue('shared-cancel');
    await using executor = new DistributedExecutor({ connection: redis.url, queue: 'shared-cancel' });
    const log = dir.join('shared-cancel.log');
    // 400 tasks at 4 per job: 100 jobs.
    const futures = Array.from({ length: 400 }, (_, i) => executor.submit(record, log, i));
    await until(async () => (await waiting(queue)) === 100, 'the 100 shared jobs to be added');
    const cancelled = [0, 1, 2, 3, 5, 399];
    for (const i of cancelled) assert.equal(futures[i]!.cancel(), true);
    // The first job lost every task and is removed; the second and the last are rewritten to skip theirs.
    await until(async () => {
      const jobs = await queue.getJobs(['wait'], 0, -1);
      const skips = jobs.map((job) => JSON.stringify(job.data.s ?? [])).sort();
      return jobs.length === 99 && skips.filter((s) => s !== '[]').join(' ') === '[1] [3]';
    }, 'the first job to be removed and two to skip a task');
    await startWorker('shared-cancel');
    for (const [i, future] of futures.entries()) {
      if (cancelled.includes(i)) await assert.rejects(future.result(), CancelledError);
      else assert.equal(await future, 2 * i);
    }
    const ran = lines(log).map(Number);
    assert.equal(ran.length, 394);
    for (const i of cancelled) assert.ok(!ran.includes(i), `task ${i} was cancelled yet ran`);
  });

  it('shutdown({ cancelFutures: true }) cancels every task of the waiting shared jobs and leaves the queue empty', async () => {
    const queue = idleQueue('shared-shutdown');
    const executor = new DistributedExecutor({ connection: redis.url, queue: 'shared-shutdown' });
    const futures = Array.from({ length: 300 }, (_, i) => executor.submit(add, i, 1));
    await until(async () => (await waiting(queue)) > 0, 'the jobs to be added');
    await executor.shutdown({ cancelFutures: true });
    for (const future of futures) assert.equal(future.cancelled(), true);
    assert.deepEqual(await queue.getJobCounts('wait', 'active', 'completed', 'failed'), { wait: 0, active: 0, completed: 0, failed: 0 });
  });

  it('maxTasksPerJob: 1 gives every task a job of its own; a bad value is refused', async () => {
    const queue = idleQueue('shared-off');
    const executor = new DistributedExecutor({ connection: redis.url, queue: 'shared-off', maxTasksPerJob: 1 });
    const futures = Array.from({ length: 300 }, (_, i) => executor.submit(add, i, 1));
    await until(async () => (await waiting(queue)) === 300, 'a job per task');
    await executor.shutdown({ cancelFutures: true });
    assert.ok(futures.every((future) => future.cancelled()));
    assert.throws(
      () => new DistributedExecutor({ connection: redis.url, queue: 'q', maxTasksPerJob: 0 }),
      /maxTasksPerJob must be an integer >= 1, got 0/,
    );
    assert.throws(
      () => new DistributedExecutor({ connection: redis.url, queue: 'q', maxTaskPerJob: 4 } as never),
      /Did you mean 'maxTasksPerJob'/,
    );
  });
});
