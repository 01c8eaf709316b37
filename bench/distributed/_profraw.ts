import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents } from 'bullmq';
import { startRedis } from '../../test/helpers/redis.js';
const redis = await startRedis();
const connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
const rawChild = spawn(process.execPath, [fileURLToPath(new URL('./raw-worker.mjs', import.meta.url)), String(redis.port), 'raw', '64'], { stdio: ['ignore', 'inherit', 'pipe'] });
await new Promise<void>((resolve) => rawChild.stderr!.on('data', (d: Buffer) => /ready/.test(d.toString()) && resolve()));
const rawQueue = new Queue('raw', { connection });
const rawEvents = new QueueEvents('raw', { connection });
await rawEvents.waitUntilReady();
let rawBatch = 0;
const rawWaiters = new Map<string, (value: number) => void>();
rawEvents.on('completed', ({ jobId, returnvalue }) => rawWaiters.get(jobId)?.(Number(returnvalue)));
const N = 5000;
for (let r = 0; r < 12; r++) {
  const t = performance.now();
  const c0 = process.cpuUsage();
  const batch = ++rawBatch;
  const results = Array.from({ length: N }, (_, i) => new Promise<number>((resolve) => rawWaiters.set(`r${batch}-${i}`, resolve)));
  await rawQueue.addBulk(Array.from({ length: N }, (_, i) => ({ name: 'add', data: { x: i }, opts: { jobId: `r${batch}-${i}`, removeOnComplete: true } })));
  await Promise.all(results);
  const c = process.cpuUsage(c0);
  console.log(`round ${r}: ${(performance.now() - t).toFixed(0)} ms, submitter CPU ${((c.user + c.system) / N).toFixed(1)} µs/task`);
}
rawChild.kill('SIGKILL');
await rawEvents.close(); await rawQueue.close(); await redis.stop();
