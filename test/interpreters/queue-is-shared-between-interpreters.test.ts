import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { create, createQueue, task, type Queue } from '../../src/interpreters/index.js';
import type * as Inside from './fixtures/inside.js';

const inside = new URL('./fixtures/inside.ts', import.meta.url);

test('main puts and the interpreter gets, from the same queue passed as an argument', async () => {
  await using interp = create();
  const q = createQueue();
  for (const item of ['a', { b: 2 }, [3n]]) await q.putAsync(item);
  const drained = await interp.call(task<typeof Inside.drain>(inside, 'drain'), q, 3);
  assert.deepEqual(drained, { id: q.id, items: ['a', { b: 2 }, [3n]] });
  assert.equal(q.empty(), true, 'the items were taken from this very queue');
});

test('the interpreter puts and main gets', async () => {
  await using interp = create();
  const q = createQueue<number>();
  await interp.call(async (queue: Queue<number>) => {
    for (let i = 0; i < 5; i++) await queue.putAsync(i * i);
  }, q);
  assert.equal(q.qsize(), 5);
  assert.deepEqual(
    [0, 1, 2, 3, 4].map(() => q.getNowait()),
    [0, 1, 4, 9, 16],
  );
});

test('a queue sent to an interpreter and back is the same object, and keeps its id', async () => {
  await using interp = create();
  const q = createQueue();
  const back = await interp.call((queue: Queue) => ({ queue, id: queue.id, again: queue }), q);
  assert.equal(back.queue, q);
  assert.equal(back.again, q);
  assert.equal(back.id, q.id);
});

test('two interpreters share one queue: one produces, the other consumes', async () => {
  await using producer = create();
  await using consumer = create();
  const q = createQueue<number>({ maxsize: 4 });
  await consumer.prepareMain({ q });
  const consumed = consumer.call(async () => {
    const queue = (globalThis as unknown as { q: Queue<number> }).q;
    let sum = 0;
    for (let i = 0; i < 100; i++) sum += await queue.getAsync({ timeout: 10_000 });
    return sum;
  });
  await producer.call(async (queue: Queue<number>) => {
    for (let i = 1; i <= 100; i++) await queue.putAsync(i, { timeout: 10_000 });
  }, q);
  assert.equal(await consumed, 5050);
  assert.equal(q.qsize(), 0);
});

test('a blocking get in main is woken by a put from an interpreter', async () => {
  await using interp = create();
  const q = createQueue<string>();
  const started = performance.now();
  const getting = q.getAsync({ timeout: 10_000 });
  const putting = interp.call(async (queue: Queue<string>) => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    queue.putNowait('woken');
  }, q);
  assert.equal(await getting, 'woken');
  await putting;
  const waited = performance.now() - started;
  assert.ok(waited >= 150 && waited < 5000, `woken by the put after ~200 ms, not by a timeout (waited ${waited.toFixed(0)} ms)`);
});

test('a blocking get in an interpreter is woken by a put from main, and times out with QueueEmpty', async () => {
  await using interp = create();
  const q = createQueue<string>();
  const getting = interp.call((queue: Queue<string>) => queue.getAsync({ timeout: 10_000 }), q);
  setTimeout(() => q.putNowait('from main'), 100);
  assert.equal(await getting, 'from main');
  await assert.rejects(
    interp.call((queue: Queue<string>) => queue.getAsync({ timeout: 50 }), q),
    (error: Error) => {
      assert.equal((error.cause as Error).name, 'QueueEmpty');
      assert.match((error.cause as Error).message, /is empty after waiting 50 ms/);
      return true;
    },
  );
});

test('without Atomics.waitAsync, waiting falls back to polling and still works across interpreters', async () => {
  const script = `
    delete Atomics.waitAsync;
    const { create, createQueue } = await import(${JSON.stringify(new URL('../../src/interpreters/index.ts', import.meta.url).href)});
    const interp = create();
    const q = createQueue();
    const getting = q.getAsync({ timeout: 10000 });
    await interp.call(async (queue) => { await new Promise((r) => setTimeout(r, 100)); queue.putNowait('polled'); }, q);
    console.log(typeof Atomics.waitAsync, await getting);
    await interp.close();
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 0);
  assert.equal(out.trim(), 'undefined polled');
});

test('queues nested in arrays, Maps (as keys and values) and Sets arrive as the same queues', async () => {
  await using interp = create();
  const a = createQueue<string>();
  const b = createQueue<string>();
  const c = createQueue<string>();
  await interp.call(
    (holder: { list: Queue<string>[]; byKey: Map<Queue<string>, Queue<string>>; set: Set<Queue<string>> }) => {
      holder.list[0]!.putNowait('in list');
      for (const [key, value] of holder.byKey) {
        key.putNowait('map key');
        value.putNowait('map value');
      }
      for (const queue of holder.set) queue.putNowait('in set');
    },
    { list: [a], byKey: new Map([[b, c]]), set: new Set([a]) },
  );
  assert.deepEqual([a.getNowait(), a.getNowait(), b.getNowait(), c.getNowait()], ['in list', 'in set', 'map key', 'map value']);
});
