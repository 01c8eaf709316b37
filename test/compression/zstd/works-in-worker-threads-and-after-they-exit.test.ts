// The addon is context-aware: worker threads load their own instance, and the main thread keeps working after they exit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { compress, decompress } from '../../../src/compression/zstd/index.js';

const workerFile = new URL('./fixtures/compress-in-worker.ts', import.meta.url).href;
// Node 20 does not carry `--import tsx` hooks into workers, so the worker registers tsx itself first.
const BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(require('node:worker_threads').workerData.file); })`;

test('worker-threads-compress-independently-and-the-main-thread-decodes-their-frames', async () => {
  const frames = await Promise.all(
    Array.from({ length: 4 }, (_, id) => {
      const worker = new Worker(BOOT, { eval: true, workerData: { id, file: workerFile } });
      return new Promise<Uint8Array>((resolve, reject) => {
        worker.once('message', (frame: Uint8Array) => {
          void worker.terminate().then(() => resolve(frame));
        });
        worker.once('error', reject);
      });
    }),
  );
  for (const [id, frame] of frames.entries()) assert.equal(decompress(frame).toString(), `worker ${id}${' '.repeat(5000)}`);
  assert.equal(decompress(compress(Buffer.from('main thread after workers exited'))).toString(), 'main thread after workers exited');
});
