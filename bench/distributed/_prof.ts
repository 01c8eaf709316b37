import { DistributedExecutor, task } from '../../src/distributed/index.js';
import { startRedis } from '../../test/helpers/redis.js';
import { startWorkerProcess, stopWorker } from '../../test/distributed/helpers.js';
import { fileURLToPath } from 'node:url';
const addOnePath = fileURLToPath(new URL('../futures/add-one.mjs', import.meta.url));
const addOne = task<(x: number) => number>(new URL('../futures/add-one.mjs', import.meta.url), 'default');
const redis = await startRedis();
const w = await startWorkerProcess(['--connection', redis.url, '--queue', 'inline', '--module', addOnePath, '--interpreters', '0', '--concurrency', '64']);
const ex = new DistributedExecutor({ connection: redis.url, queue: 'inline' });
const N = 5000;
for (let r = 0; r < Number(process.env.ROUNDS ?? 12); r++) {
  const t = performance.now();
  const c0 = process.cpuUsage();
  const fs = new Array(N);
  for (let i = 0; i < N; i++) fs[i] = ex.submit(addOne, i);
  await Promise.all(fs);
  const c = process.cpuUsage(c0);
  console.log(`round ${r}: ${(performance.now() - t).toFixed(0)} ms, submitter CPU ${((c.user + c.system) / N).toFixed(1)} µs/task`);
}
await ex.shutdown();
await stopWorker(w);
await redis.stop();
