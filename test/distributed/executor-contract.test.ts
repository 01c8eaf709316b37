// The shared Executor contract on DistributedExecutor: a real redis-server and a real `ts314 worker` process.
import { after, before } from 'node:test';
import { DistributedExecutor, registeredTask, task } from '../../src/distributed/index.js';
import { contractTasks, executorContract } from '../futures/executor-contract.js';
import { startRedis, type TempRedis } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startWorkerProcess, stopWorker, writeTasks, type WorkerProcess } from './helpers.js';

const dir = tempDir('distributed-contract');
const { path, url } = writeTasks(dir);
let redis: TempRedis;
let worker: WorkerProcess;

before(async () => {
  redis = await startRedis();
  worker = await startWorkerProcess(['--connection', redis.url, '--queue', 'contract', '--module', path, '--interpreters', '2']);
});
after(async () => {
  await stopWorker(worker);
  await redis.stop();
  dir.remove();
});

executorContract('DistributedExecutor (task(url, name))', async () => ({
  executor: new DistributedExecutor({ connection: redis.url, queue: 'contract' }),
  tasks: contractTasks((name) => task(url, name) as never),
}));
executorContract('DistributedExecutor (registeredTask(name))', async () => ({
  executor: new DistributedExecutor({ connection: redis.url, queue: 'contract' }),
  tasks: contractTasks((name) => registeredTask(name) as never),
}));
