// The reference for the distributed benchmark: a bare BullMQ Worker doing the tiny task inline (argv: port queue concurrency).
import { Worker } from 'bullmq';

const [port, queue, concurrency] = process.argv.slice(2);
const worker = new Worker(queue, async (job) => job.data.x + 1, {
  connection: { host: '127.0.0.1', port: Number(port), maxRetriesPerRequest: null },
  concurrency: Number(concurrency),
});
await worker.waitUntilReady();
process.stderr.write('raw worker: ready\n');
process.once('SIGTERM', () => worker.close().then(() => process.exit(0)));
