// startLocalWorkers: real `ts314 worker` processes on a real redis-server, ready before it resolves, gone after stop(); one that cannot start says why.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DistributedError, DistributedExecutor, startLocalWorkers, task } from '../../src/distributed/index.js';
import { processesMentioning } from '../helpers/processes.js';
import { freePort, startRedis, type TempRedis } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeTasks } from './helpers.js';

const dir = tempDir('local-workers');
const { url } = writeTasks(dir);
let redis: TempRedis;
before(async () => {
  redis = await startRedis();
});
after(async () => {
  await redis?.stop();
  dir.remove();
});

test('startLocalWorkers starts ready workers that run tasks, and stop() ends every one', { timeout: 60_000 }, async () => {
  const queue = `local-${process.pid}`;
  const workers = await startLocalWorkers({ connection: redis.url, queue, modules: [new URL(url)], count: 2 });
  await using executor = new DistributedExecutor({ connection: redis.url, queue });
  try {
    assert.equal(workers.pids.length, 2);
    assert.deepEqual(processesMentioning(`--queue ${queue}`).sort(), [...workers.pids].sort());
    const add = task<(a: number, b: number) => number>(url, 'add');
    assert.deepEqual(await Promise.all([1, 2, 3, 4].map((x) => executor.submit(add, x, 10))), [11, 12, 13, 14]);
  } finally {
    await workers.stop();
  }
  assert.deepEqual(processesMentioning(`--queue ${queue}`), []);
});

test('startLocalWorkers rejects with the worker’s own words when the broker does not answer', { timeout: 60_000 }, async () => {
  const connection = `redis://127.0.0.1:${await freePort()}`;
  const error = await startLocalWorkers({ connection, queue: 'nobody', modules: [new URL(url)], count: 1 }).then(
    () => assert.fail('it started'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DistributedError, String(error));
  assert.match((error as Error).message, /a ts314 worker exited \(1\) before it was ready: .*cannot reach the Redis broker/s);
  assert.deepEqual(processesMentioning('--queue nobody'), []);
});
