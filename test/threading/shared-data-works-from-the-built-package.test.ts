import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { features } from '../../src/runtime/index.js';
import { runCli, runModuleScript } from '../helpers/package.js';

const SCRIPT = `
import { SharedArray, SharedQueue, parallelFor } from 'ts314/threading';
import { InterpreterPoolExecutor, task } from 'ts314/futures';
const kernels = new URL('./test/threading/fixtures/shared-plain-kernels.mjs', 'file://' + process.cwd() + '/');
const data = SharedArray.from(Array.from({ length: 1000 }, (_, i) => i));
const sums = await parallelFor(data, task(kernels, 'sumChunk'), { chunks: 3 });
const pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
const q = new SharedQueue(16);
const drained = pool.submit(task(kernels, 'drain'), q);
await q.putManyAsync(Array.from({ length: 100 }, (_, i) => i));
q.shutdown();
console.log(JSON.stringify({ sums, queue: await drained }));
await pool.shutdown();
`;

test("the built 'ts314/threading' shares arrays and queues with workers under plain node", async () => {
  const stdout = await runModuleScript(SCRIPT);
  assert.deepEqual(JSON.parse(stdout), { sums: [55611, 166500, 277389], queue: 4950 });
});

test('features().sharedMemoryParallelism is detected, and `ts314 info` shows it', async () => {
  const probe = features().sharedMemoryParallelism;
  assert.equal(probe.available, true, 'Node has worker_threads, SharedArrayBuffer and a blocking Atomics.wait');
  assert.match(probe.fallback, /copies data to workers/);
  const text = await runCli(['info']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /✓ sharedMemoryParallelism\s+worker_threads \+ SharedArrayBuffer \+ Atomics\.wait/);
  const json = await runCli(['info', '--json']);
  const parsed = JSON.parse(json.stdout) as { features: Record<string, { available: boolean }> };
  assert.equal(parsed.features.sharedMemoryParallelism?.available, true);
});

test("the runnable example in docs/threading.md's shared-data section runs as written against the built package", async () => {
  const doc = readFileSync(new URL('../../docs/threading.md', import.meta.url), 'utf8');
  const start = doc.indexOf('## Shared data and parallelFor');
  assert.notEqual(start, -1, 'docs/threading.md has the shared-data section');
  const next = doc.indexOf('\n## ', start + 3);
  const section = doc.slice(start, next === -1 ? undefined : next);
  const example = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(example, 'the section has a ```js example');
  await runModuleScript(example);
});
