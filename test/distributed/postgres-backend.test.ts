// DistributedExecutor on BullMQ's PostgreSQL backend: the PostgreSQL server the suite starts, real `ts314 worker` processes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DistributedExecutor, task } from '../../src/distributed/index.js';
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
});
