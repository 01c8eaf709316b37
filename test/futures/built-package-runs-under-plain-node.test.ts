import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runModuleScript } from '../helpers/package.js';

const SCRIPT = `
import { InterpreterPoolExecutor, ProcessPoolExecutor, BrokenInterpreterPool, parallelMap, task, wait, asCompleted } from 'ts314/futures';
const triple = task(new URL('./test/futures/fixtures/plain.mjs', 'file://' + process.cwd() + '/'), 'triple');
const pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
const out = { submit: await pool.submit((a, b) => a + b, 20, 22), module: await pool.submit(triple, 5) };
const dying = pool.submit(() => process.exit(9));
const after = [1, 2, 3].map((x) => pool.submit(triple, x));
out.death = (await dying.exception()) instanceof BrokenInterpreterPool;
out.after = await Promise.all(after);
out.map = [];
for await (const v of pool.map(triple, [1, 2, 3, 4], { chunksize: 2, buffersize: 1 })) out.map.push(v);
out.wait = (await wait(after)).done.size;
out.asCompleted = 0;
for await (const f of asCompleted(after)) out.asCompleted++;
await pool.shutdown();
const procs = new ProcessPoolExecutor({ maxWorkers: 1 });
out.process = await procs.submit(triple, 7);
await procs.terminateWorkers();
out.parallelMap = await parallelMap(triple, [1, 2]);
console.log(JSON.stringify(out));
`;

test("the built 'ts314/futures' runs pools under plain node (no TypeScript loader)", async () => {
  const stdout = await runModuleScript(SCRIPT);
  assert.deepEqual(JSON.parse(stdout), {
    submit: 42,
    module: 15,
    death: true,
    after: [3, 6, 9],
    map: [3, 6, 9, 12],
    wait: 3,
    asCompleted: 3,
    process: 21,
    parallelMap: { results: [3, 6], mode: 'interpreters', reason: 'worker threads are available' },
  });
});

test('the runnable example in docs/futures.md runs as written against the built package', async () => {
  const { readFileSync } = await import('node:fs');
  const doc = readFileSync(new URL('../../docs/futures.md', import.meta.url), 'utf8');
  const example = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
  assert.ok(example, 'docs/futures.md has a js example');
  const stdout = await runModuleScript(example);
  assert.match(stdout, /fibonacci = 12586269025n/);
  assert.match(stdout, /aborted: CancelledError/);
  assert.match(stdout, /first done: 100/);
  assert.match(stdout, /interpreters \[ 2, 4, 6 \]/);
});
