// DistributedExecutor on BullMQ's PostgreSQL backend: the PostgreSQL server the suite starts, real `ts314 worker` processes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { createPostgresBackend, Queue } from 'bullmq';
import { DistributedExecutor, task } from '../../src/distributed/index.js';
import { CancelledError } from '../../src/futures/index.js';
import { startPostgres, type TempPostgres } from '../templatelib/helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startWorkerProcess, stopWorker, writeTasks, type WorkerProcess } from './helpers.js';

const dir = tempDir('distributed-postgres');
const { path, url } = writeTasks(dir);
let postgres: TempPostgres;
let connection: string;
const workers: WorkerProcess[] = [];

before(async () => {
  postgres = startPostgres();
  // A unix socket: node-postgres takes its directory as `host`.
  connection = `postgresql://${postgres.user}@localhost/postgres?host=${encodeURIComponent(postgres.socketDir)}&port=${postgres.port}`;
  for (let i = 0; i < 2; i++)
    workers.push(await startWorkerProcess(['--connection', connection, '--queue', 'pgwork', '--module', path, '--interpreters', '1']));
});
after(async () => {
  await Promise.all(workers.map((w) => stopWorker(w)));
  postgres?.stop();
  dir.remove();
});

describe('DistributedExecutor on PostgreSQL', () => {
  it('submit, map and errors work the same as on Redis', async () => {
    await using executor = new DistributedExecutor({ connection, queue: 'pgwork' });
    assert.equal(executor.broker.kind, 'postgres');
    assert.equal(await executor.submit(task<(a: number, b: number) => number>(url, 'add'), 20, 22), 42);
    assert.equal(await executor.submit(task<(n: number) => bigint>(url, 'factorial'), 25), 15511210043330985984000000n);
    const error = (await executor.submit(task<(m: string) => never>(url, 'fail'), 'pg says no').exception()) as Error & { code: string };
    assert.ok(error instanceof RangeError);
    assert.equal(error.code, 'ERR_TASK_SAID_NO');
    const xs = Array.from({ length: 300 }, (_, i) => i);
    const out: number[] = [];
    for await (const v of executor.map(task<(a: number, b: number) => number>(url, 'add'), xs, xs, { chunksize: 10 })) out.push(v);
    assert.deepEqual(
      out,
      xs.map((x) => 2 * x),
    );
    const many = await Promise.all(xs.map((x) => executor.submit(task<(a: number, b: number) => number>(url, 'add'), x, 1)));
    assert.deepEqual(
      many,
      xs.map((x) => x + 1),
    );
  });

  it('a task cancelled in a shared job that waits never runs, as on Redis', async () => {
    const queue = new Queue('pgshared', { connection: { connectionString: connection, migrate: true } }, createPostgresBackend);
    try {
      await using executor = new DistributedExecutor({ connection, queue: 'pgshared' });
      const log = dir.join('pg-shared.log');
      // 400 tasks at 4 per job: 100 jobs, and no worker on this queue yet.
      const futures = Array.from({ length: 400 }, (_, i) =>
        executor.submit(task<(file: string, id: number) => number>(url, 'record'), log, i),
      );
      const end = performance.now() + 30_000;
      while ((await queue.getJobCounts('wait')).wait !== 100) {
        assert.ok(performance.now() < end, 'timed out waiting for the 100 shared jobs');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const i of [0, 1, 2, 3, 6]) assert.equal(futures[i]!.cancel(), true);
      while ((await queue.getJobs(['wait'], 0, -1)).filter((job) => job.data.s !== undefined).length !== 1) {
        assert.ok(performance.now() < end, 'timed out waiting for the rewrite');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      workers.push(await startWorkerProcess(['--connection', connection, '--queue', 'pgshared', '--module', path, '--interpreters', '0']));
      for (const [i, future] of futures.entries()) {
        if ([0, 1, 2, 3, 6].includes(i)) await assert.rejects(future.result(), CancelledError);
        else assert.equal(await future, 2 * i);
      }
      const ran = (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []).map(Number);
      assert.equal(ran.length, 395);
      assert.ok(![0, 1, 2, 3, 6].some((i) => ran.includes(i)));
    } finally {
      await queue.close();
    }
  });
});
