// createTask(fn, { eagerStart: true }): Python 3.14's eager_start, checked against CPython 3.14 (pyodide) running the same program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTask, currentTask, InvalidArgumentError, sleep, type Task, TaskGroup } from '../../src/asyncio/index.js';
import { cpython314 } from '../helpers/cpython314.js';

async function ours(eagerStart: boolean): Promise<string[]> {
  const order: string[] = [];
  const t = createTask(
    async () => {
      order.push('body-start');
      await sleep(0);
      order.push('body-end');
    },
    { eagerStart },
  );
  const q = createTask(
    async () => {
      order.push('quick');
    },
    { eagerStart },
  );
  order.push('creator');
  await t;
  await q;
  order.push(`done ${t.done()} ${q.done()}`);
  return order;
}

test('eagerStart runs the function inside createTask up to its first await, in the order CPython 3.14 does', async () => {
  const py = await cpython314();
  const python = await py.jsonAsync<string[][]>(`
import asyncio, json
async def main(eager):
    order = []
    async def body():
        order.append('body-start')
        await asyncio.sleep(0)
        order.append('body-end')
    async def quick():
        order.append('quick')
    t = asyncio.create_task(body(), eager_start=eager)
    q = asyncio.create_task(quick(), eager_start=eager)
    order.append('creator')
    await t
    await q
    order.append(f'done {t.done()} {q.done()}')
    return order
json.dumps([await main(True), await main(False)])
`);
  assert.deepEqual(python[0], ['body-start', 'quick', 'creator', 'body-end', 'done True True']);
  const normalize = (order: string[]) => order.map((step) => step.replace('true', 'True').replace('true', 'True'));
  assert.deepEqual(normalize(await ours(true)), python[0]);
  assert.deepEqual(normalize(await ours(false)), python[1]);
});

test('an eager task is the current task while it runs inside createTask, is done one microtask after a body that never awaits, and works in a TaskGroup', async () => {
  let seen: Task | undefined;
  const task = createTask(
    async () => {
      seen = currentTask();
      return 7;
    },
    { eagerStart: true, name: 'eager' },
  );
  assert.equal(seen, task);
  // Python's task would be done here already; JavaScript sees an async function's return one microtask later.
  assert.equal(task.done(), false);
  await null;
  assert.equal(task.done(), true);
  assert.equal(task.result(), 7);

  const order: string[] = [];
  await createTask(async () => {
    await using tg = new TaskGroup();
    tg.createTask(
      async () => {
        order.push('child');
      },
      { eagerStart: true },
    );
    order.push('after createTask');
  });
  assert.deepEqual(order, ['child', 'after createTask']);

  const thrown = createTask(
    () => {
      throw new Error('at once');
    },
    { eagerStart: true },
  );
  await assert.rejects(thrown, /at once/);
});

test('eagerStart must be a boolean, and a misspelt option is named', () => {
  assert.throws(() => createTask(async () => 1, { eagerStart: 'yes' as unknown as boolean }), InvalidArgumentError);
  assert.throws(
    () => createTask(async () => 1, { eager_start: true } as never),
    (error: Error) => error instanceof InvalidArgumentError && /Did you mean 'eagerStart'\?/.test(error.message),
  );
});
