// DistributedExecutor's documented semantics on a real redis-server and real `ts314 worker` processes: unknown tasks, cancel, signal, bad connections.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  BrokerConnectionError,
  DistributedExecutor,
  TaskFailedError,
  InvalidArgumentError,
  registeredTask,
  task,
  UnknownTaskError,
} from '../../src/distributed/index.js';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BrokenExecutor, CancelledError } from '../../src/futures/index.js';
import { runCli } from '../helpers/package.js';
import { freePort, startRedis, type TempRedis } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startWorkerProcess, stopWorker, writeTasks, type WorkerProcess } from './helpers.js';

const dir = tempDir('distributed-semantics');
const { path, url } = writeTasks(dir);
let redis: TempRedis;
let worker: WorkerProcess;

before(async () => {
  redis = await startRedis();
  // One job at a time, so a second job waits while the first runs.
  worker = await startWorkerProcess([
    '--connection',
    redis.url,
    '--queue',
    'sem',
    '--module',
    path,
    '--interpreters',
    '1',
    '--concurrency',
    '1',
  ]);
});
after(async () => {
  await stopWorker(worker);
  await redis.stop();
  dir.remove();
});

const lines = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('DistributedExecutor semantics', () => {
  it('an unknown task rejects with UnknownTaskError naming what the worker offers, with a suggestion', async () => {
    await using executor = new DistributedExecutor({ connection: redis.url, queue: 'sem' });
    const error = await executor.submit(registeredTask('factorail'), 5).then(
      () => assert.fail('should reject'),
      (e: unknown) => e as Error & { code: string },
    );
    assert.equal(error.name, 'UnknownTaskError');
    assert.equal(error.code, 'ERR_UNKNOWN_TASK');
    assert.match(error.message, /unknown task 'factorail': this worker offers add, echo, factorial/);
    assert.match(error.message, /Did you mean 'factorial'\?/);
    assert.equal(new UnknownTaskError('x').code, error.code);
  });

  it('closures are refused at submit: tasks are module references', () => {
    const executor = new DistributedExecutor({ connection: redis.url, queue: 'sem' });
    try {
      assert.throws(() => executor.submit((x: number) => x, 1), /a distributed task is a module export.*registeredTask/);
      assert.throws(
        () => new DistributedExecutor({ connection: redis.url, queue: 'sem', sweepIntervall: 1 } as never),
        /Did you mean 'sweepInterval'/,
      );
      assert.throws(() => new DistributedExecutor({ connection: 'redsi://x', queue: 'sem' }), /Did you mean 'redis'\?/);
      assert.throws(() => new DistributedExecutor({ connection: redis.url, queue: 'a:b' }), InvalidArgumentError);
    } finally {
      void executor.shutdown();
    }
  });

  it('cancel() is true for a waiting job, which never runs, and false once its job runs', async () => {
    await using executor = new DistributedExecutor({ connection: redis.url, queue: 'sem' });
    const log = dir.join('cancel.log');
    const running = executor.submit(task(url, 'record'), log, 1, 1500);
    const waiting = executor.submit(task(url, 'record'), log, 2, 0);
    await until(() => running.running(), 'the first job to start');
    assert.equal(running.cancel(), false);
    assert.equal(waiting.cancel(), true);
    await assert.rejects(waiting.result(), CancelledError);
    assert.equal(await running, 2);
    // The worker is free again: a later job runs, and the cancelled one never did.
    assert.equal(await executor.submit(task(url, 'record'), log, 3, 0), 6);
    assert.deepEqual(lines(log), ['1', '3']);
  });

  it('submitWith({ signal }) removes a waiting job and interrupts a running one', async () => {
    await using executor = new DistributedExecutor({ connection: redis.url, queue: 'sem' });
    const log = dir.join('signal.log');
    const controller = new AbortController();
    const started = performance.now();
    const spinning = executor.submitWith({ signal: controller.signal }, task(url, 'record'), log, 1, 60_000);
    const queued = new AbortController();
    const second = executor.submitWith({ signal: queued.signal }, task(url, 'record'), log, 2, 0);
    await until(() => spinning.running(), 'the spinning job to start');
    queued.abort();
    controller.abort('enough');
    await assert.rejects(spinning.result(), CancelledError);
    await assert.rejects(second.result(), CancelledError);
    // The worker ended its interpreter: the next job runs long before the 60 s spin would have ended.
    assert.equal(await executor.submit(task(url, 'add'), 1, 1), 2);
    assert.ok(performance.now() - started < 50_000);
    assert.deepEqual(lines(log), ['1']);
  });

  it('a waiting job cancelled just before a running one is interrupted never runs, however late the executor gets to it', async () => {
    await using executor = new DistributedExecutor({ connection: redis.url, queue: 'sem' });
    const log = dir.join('late-cancel.log');
    const running = new AbortController();
    const spinning = executor.submitWith({ signal: running.signal }, task(url, 'record'), log, 1, 60_000);
    const waiting = new AbortController();
    const second = executor.submitWith({ signal: waiting.signal }, task(url, 'record'), log, 2, 0);
    await until(() => spinning.running(), 'the spinning job to start');
    waiting.abort();
    running.abort();
    // Whatever the aborts sent at once goes out in the microtasks below; then this thread is busy
    // well past the worker's 250 ms interrupt poll. The worker's next job, once the spin ends, must not be the cancelled one.
    for (let i = 0; i < 200; i++) await Promise.resolve();
    const end = Date.now() + 1500;
    while (Date.now() < end);
    await assert.rejects(spinning.result(), CancelledError);
    await assert.rejects(second.result(), CancelledError);
    assert.equal(await executor.submit(task(url, 'add'), 1, 1), 2);
    assert.deepEqual(lines(log), ['1']);
  });

  it('shutdown removes the job of a future cancelled while it ran, once the interrupted task ends', async () => {
    const executor = new DistributedExecutor({ connection: redis.url, queue: 'sem' });
    const controller = new AbortController();
    const spinning = executor.submitWith({ signal: controller.signal }, task(url, 'spin'), 60_000);
    await until(() => spinning.running(), 'the spinning job to start');
    controller.abort();
    await assert.rejects(spinning.result(), CancelledError);
    await executor.shutdown();
    const queue = new Queue('sem', { connection: { host: '127.0.0.1', port: redis.port } });
    try {
      // Nothing is left: not the interrupted job, nor any other this executor added.
      const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'completed', 'failed');
      assert.deepEqual(counts, { wait: 0, active: 0, delayed: 0, completed: 0, failed: 0 });
    } finally {
      await queue.close();
    }
  });

  it('jobs the broker refuses reject their futures with TaskFailedError rather than being retried forever', async () => {
    await using executor = new DistributedExecutor({ connection: redis.url, queue: 'sem' });
    await executor.ready();
    const admin = new Redis({ host: '127.0.0.1', port: redis.port });
    // A real refusal: with maxmemory at one byte and no eviction, Redis refuses every write.
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', '1');
    try {
      const futures = [executor.submit(task(url, 'add'), 1, 2), executor.submit(task(url, 'add'), 3, 4)];
      for (const future of futures) {
        const error = await future.exception({ timeout: 30_000 });
        assert.ok(error instanceof TaskFailedError, String(error));
        assert.match(error.message, /the broker refused 2 jobs: OOM command not allowed/);
      }
    } finally {
      await admin.config('SET', 'maxmemory', '0');
      admin.disconnect();
    }
    // The broker takes jobs again: the executor was not broken by the refusal.
    assert.equal(await executor.submit(task(url, 'add'), 5, 6), 11);
  });

  it('an unreachable broker fails submit futures and ready() with BrokerConnectionError within seconds', async () => {
    const port = await freePort();
    const started = performance.now();
    const executor = new DistributedExecutor({ connection: `redis://127.0.0.1:${port}`, queue: 'sem' });
    const future = executor.submit(task(url, 'add'), 1, 2);
    await assert.rejects(executor.ready(), BrokerConnectionError);
    const error = (await future.exception()) as BrokerConnectionError;
    assert.ok(error instanceof BrokerConnectionError, String(error));
    assert.equal(error.code, 'ERR_BROKER_UNREACHABLE');
    assert.match(error.message, new RegExp(`cannot reach the Redis broker at redis://127.0.0.1:${port}`));
    assert.ok(performance.now() - started < 15_000);
    assert.throws(() => executor.submit(task(url, 'add'), 1, 2), BrokenExecutor);
    await executor.shutdown();
  });

  it('ts314 worker exits 1 with a clear message when the broker is unreachable, and 2 on a bad connection string', async () => {
    const port = await freePort();
    const down = await runCli(['worker', '--connection', `redis://127.0.0.1:${port}`, '--queue', 'q', '--module', path], {
      timeoutMs: 30_000,
    });
    assert.equal(down.code, 1, down.stderr);
    assert.match(down.stderr, /cannot reach the Redis broker at redis:\/\/127\.0\.0\.1/);
    const bad = await runCli(['worker', '--connection', 'http://x', '--queue', 'q', '--module', path], { timeoutMs: 30_000 });
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /unknown broker scheme 'http:'/);
    const missing = await runCli(['worker', '--queue', 'q'], { timeoutMs: 30_000 });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--connection is required/);
  });

  it('a worker drains on SIGTERM: its running task finishes and resolves', async () => {
    const second = await startWorkerProcess(['--connection', redis.url, '--queue', 'drain', '--module', path, '--interpreters', '1']);
    await using executor = new DistributedExecutor({ connection: redis.url, queue: 'drain' });
    const future = executor.submit(task(url, 'sleepy'), 800, 'finished');
    await until(() => future.running(), 'the job to start');
    second.child.kill('SIGTERM');
    assert.equal(await future, 'finished');
    assert.equal(await second.exited, 0);
    assert.match(second.log(), /SIGTERM: draining[\s\S]*1 completed/);
  });
});
