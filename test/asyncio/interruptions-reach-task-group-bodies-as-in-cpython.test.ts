// A child's failure, a cancel and an expiring timeout stop a TaskGroup's body, its children and a gather as CPython 3.14 does (pyodide runs the same scenarios).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import {
  CancelledError,
  createTask,
  currentTask,
  ExceptionGroup,
  gather,
  InvalidStateError,
  sleep,
  TaskGroup,
  TimeoutError,
  timeout,
} from '../../src/asyncio/index.js';
import { cpython314 } from '../helpers/cpython314.js';

const PYTHON = `
import asyncio, json
def kind(e):
    if isinstance(e, BaseExceptionGroup):
        return f'{type(e).__name__}[' + ','.join(kind(x) for x in e.exceptions) + ']'
    return type(e).__name__ + (f'({e})' if type(e).__name__ not in ('CancelledError', 'TimeoutError') else '')
async def scenario(body):
    loop = asyncio.get_running_loop(); log = []; t0 = loop.time()
    def at(): return 'prompt' if loop.time() - t0 < 0.5 else 'late'
    task = asyncio.create_task(body(log))
    try:
        await task; log.append('task returned ' + at())
    except BaseException as e:
        log.append(f'task raised {kind(e)} {at()}')
    await asyncio.sleep(0.05)
    return log
async def waiter(log, label, secs):
    try: await asyncio.sleep(secs); log.append(label + ' finished')
    except BaseException: log.append(label + ' interrupted'); raise
async def fail(secs, msg='boom'):
    await asyncio.sleep(secs); raise ValueError(msg)
async def fail_when_cancelled(msg):
    try: await asyncio.sleep(2)
    except asyncio.CancelledError: raise ValueError(msg)
async def child_fails_while_body_awaits(log):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(0.01)); tg.create_task(waiter(log, 'sibling', 2))
            await waiter(log, 'body', 2)
    except BaseException as e: log.append('block raised ' + kind(e))
    log.append(f'cancelling {asyncio.current_task().cancelling()}')
async def task_cancelled_while_body_awaits(log):
    asyncio.get_running_loop().call_later(0.01, asyncio.current_task().cancel)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(waiter(log, 'child', 2))
        await waiter(log, 'body', 2)
async def task_cancelled_while_block_ends(log):
    asyncio.get_running_loop().call_later(0.03, asyncio.current_task().cancel)
    async with asyncio.TaskGroup() as tg:
        tg.create_task(waiter(log, 'child', 2))
        await asyncio.sleep(0.01)
async def timeout_expires_in_gather(log):
    child = asyncio.create_task(waiter(log, 'child', 2))
    try:
        async with asyncio.timeout(0.01): await asyncio.gather(child)
    except BaseException as e: log.append('block raised ' + kind(e))
    await asyncio.sleep(0); log.append(f'child cancelled {child.cancelled()}')
async def timeout_expires_around_group(log):
    try:
        async with asyncio.timeout(0.01):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(waiter(log, 'child', 2))
                await waiter(log, 'body', 2)
    except BaseException as e: log.append('block raised ' + kind(e))
async def outer_child_fails_inside_inner_group(log):
    try:
        async with asyncio.TaskGroup() as outer:
            outer.create_task(fail(0.01))
            async with asyncio.TaskGroup() as inner:
                inner.create_task(waiter(log, 'inner child', 2))
                await waiter(log, 'inner body', 2)
    except BaseException as e: log.append('block raised ' + kind(e))
async def child_fails_while_body_gathers(log):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(0.01))
            await asyncio.gather(asyncio.create_task(waiter(log, 'gathered', 2)))
    except BaseException as e: log.append('block raised ' + kind(e))
async def sibling_fails_when_cancelled(log):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(0.01, 'one'))
            tg.create_task(fail_when_cancelled('two'))
            await waiter(log, 'body', 2)
    except BaseException as e: log.append('block raised ' + kind(e))
async def inner_child_fails_when_outer_fails(log):
    try:
        async with asyncio.TaskGroup() as outer:
            outer.create_task(fail(0.01))
            async with asyncio.TaskGroup() as inner:
                inner.create_task(fail_when_cancelled('inner'))
                await waiter(log, 'inner body', 2)
    except BaseException as e: log.append('block raised ' + kind(e))
async def task_cancelled_inside_nested_groups(log):
    asyncio.get_running_loop().call_later(0.01, asyncio.current_task().cancel)
    async with asyncio.TaskGroup() as outer:
        outer.create_task(waiter(log, 'outer child', 2))
        async with asyncio.TaskGroup() as inner:
            inner.create_task(waiter(log, 'inner child', 2))
            await waiter(log, 'inner body', 2)
out = {}
for s in [child_fails_while_body_awaits, task_cancelled_while_body_awaits, task_cancelled_while_block_ends,
          timeout_expires_in_gather, timeout_expires_around_group, outer_child_fails_inside_inner_group,
          child_fails_while_body_gathers, sibling_fails_when_cancelled, inner_child_fails_when_outer_fails,
          task_cancelled_inside_nested_groups]:
    out[s.__name__] = await scenario(s)
json.dumps(out)
`;

class ValueError extends Error {
  override name = 'ValueError';
}

function kind(error: unknown): string {
  if (error instanceof ExceptionGroup) return `ExceptionGroup[${error.exceptions.map(kind).join(',')}]`;
  const name = (error as Error).constructor.name;
  return name === 'CancelledError' || name === 'TimeoutError' ? name : `${name}(${(error as Error).message})`;
}

type Body = (log: string[]) => Promise<void>;

async function scenario(body: Body): Promise<string[]> {
  const log: string[] = [];
  const start = performance.now();
  const at = () => (performance.now() - start < 500 ? 'prompt' : 'late');
  const task = createTask(() => body(log));
  try {
    await task;
    log.push(`task returned ${at()}`);
  } catch (error) {
    log.push(`task raised ${kind(error)} ${at()}`);
  }
  await delay(50);
  return log;
}

async function waiter(log: string[], label: string, ms: number): Promise<void> {
  try {
    await sleep(ms);
    log.push(`${label} finished`);
  } catch (error) {
    log.push(`${label} interrupted`);
    throw error;
  }
}

async function fail(ms: number, message = 'boom'): Promise<never> {
  await sleep(ms);
  throw new ValueError(message);
}

async function failWhenCancelled(message: string): Promise<never> {
  try {
    await sleep(2000);
  } catch {}
  throw new ValueError(message);
}

const scenarios: Record<string, Body> = {
  async child_fails_while_body_awaits(log) {
    try {
      await using tg = new TaskGroup();
      tg.createTask(() => fail(10));
      tg.createTask(() => waiter(log, 'sibling', 2000));
      await waiter(log, 'body', 2000);
    } catch (error) {
      log.push(`block raised ${kind(error)}`);
    }
    log.push(`cancelling ${currentTask()!.cancelling()}`);
  },
  async task_cancelled_while_body_awaits(log) {
    const self = currentTask()!;
    setTimeout(() => self.cancel(), 10);
    await using tg = new TaskGroup();
    tg.createTask(() => waiter(log, 'child', 2000));
    await waiter(log, 'body', 2000);
  },
  async task_cancelled_while_block_ends(log) {
    const self = currentTask()!;
    setTimeout(() => self.cancel(), 30);
    await using tg = new TaskGroup();
    tg.createTask(() => waiter(log, 'child', 2000));
    await sleep(10);
  },
  async timeout_expires_in_gather(log) {
    const child = createTask(() => waiter(log, 'child', 2000));
    try {
      using _deadline = timeout(10);
      await gather([child]);
    } catch (error) {
      log.push(`block raised ${kind(error)}`);
    }
    await sleep(0);
    log.push(`child cancelled ${child.cancelled() ? 'True' : 'False'}`);
  },
  async timeout_expires_around_group(log) {
    try {
      using _deadline = timeout(10);
      await using tg = new TaskGroup();
      tg.createTask(() => waiter(log, 'child', 2000));
      await waiter(log, 'body', 2000);
    } catch (error) {
      log.push(`block raised ${kind(error)}`);
    }
  },
  async outer_child_fails_inside_inner_group(log) {
    try {
      await using outer = new TaskGroup();
      outer.createTask(() => fail(10));
      await using inner = new TaskGroup();
      inner.createTask(() => waiter(log, 'inner child', 2000));
      await waiter(log, 'inner body', 2000);
    } catch (error) {
      log.push(`block raised ${kind(error)}`);
    }
  },
  async child_fails_while_body_gathers(log) {
    try {
      await using tg = new TaskGroup();
      tg.createTask(() => fail(10));
      await gather([createTask(() => waiter(log, 'gathered', 2000))]);
    } catch (error) {
      log.push(`block raised ${kind(error)}`);
    }
  },
  async sibling_fails_when_cancelled(log) {
    try {
      await using tg = new TaskGroup();
      tg.createTask(() => fail(10, 'one'));
      tg.createTask(() => failWhenCancelled('two'));
      await waiter(log, 'body', 2000);
    } catch (error) {
      log.push(`block raised ${kind(error)}`);
    }
  },
  async inner_child_fails_when_outer_fails(log) {
    try {
      await using outer = new TaskGroup();
      outer.createTask(() => fail(10));
      await using inner = new TaskGroup();
      inner.createTask(() => failWhenCancelled('inner'));
      await waiter(log, 'inner body', 2000);
    } catch (error) {
      log.push(`block raised ${kind(error)}`);
    }
  },
  async task_cancelled_inside_nested_groups(log) {
    const self = currentTask()!;
    setTimeout(() => self.cancel(), 10);
    await using outer = new TaskGroup();
    outer.createTask(() => waiter(log, 'outer child', 2000));
    await using inner = new TaskGroup();
    inner.createTask(() => waiter(log, 'inner child', 2000));
    await waiter(log, 'inner body', 2000);
  },
};

test('a failing child, a cancel and an expiring timeout stop the body, the children and a gather in the order and with the outcome CPython 3.14 gives', async () => {
  const py = await cpython314();
  const python = await py.jsonAsync<Record<string, string[]>>(PYTHON);
  const ours: Record<string, string[]> = {};
  for (const [name, body] of Object.entries(scenarios)) ours[name] = await scenario(body);
  assert.deepEqual(ours, python);
});

test('the body of a group whose child failed is interrupted with the ExceptionGroup the block throws, complete when it leaves the block', async () => {
  let atAwait: unknown;
  let outside: unknown;
  try {
    await createTask(async () => {
      await using tg = new TaskGroup();
      tg.createTask(() => fail(5, 'first'));
      tg.createTask(async () => {
        try {
          await sleep(2000);
        } catch {
          // Fails while the group cancels it: after the body was interrupted.
          await delay(5);
          throw new ValueError('second');
        }
      });
      try {
        await sleep(2000);
      } catch (error) {
        atAwait = error;
        assert.equal(kind(error), 'ExceptionGroup[ValueError(first)]');
        throw error;
      }
    });
  } catch (error) {
    outside = error;
  }
  assert.equal(outside, atAwait);
  assert.equal(kind(outside), 'ExceptionGroup[ValueError(first),ValueError(second)]');
  assert.equal((outside as Error).message, 'unhandled errors in a TaskGroup (2 sub-exceptions)');
  assert.ok(!(outside instanceof CancelledError));
});

test('a cancel requested during a foreign await is taken at the end of the block: the children are cancelled and awaited, not orphaned', async () => {
  const log: string[] = [];
  const task = createTask(async () => {
    await using tg = new TaskGroup();
    tg.createTask(() => waiter(log, 'child', 300));
    await delay(20);
    log.push('body done');
  });
  await delay(5);
  task.cancel();
  await assert.rejects(Promise.resolve(task), CancelledError);
  assert.deepEqual(log, ['body done', 'child interrupted']);
  await delay(350);
  assert.deepEqual(log, ['body done', 'child interrupted']);
});

test('a timeout that expires during a foreign await inside a group ends the block with TimeoutError once it is reached, cancelling the children', async () => {
  const log: string[] = [];
  const outcome = await createTask(async () => {
    try {
      using _deadline = timeout(10);
      await using tg = new TaskGroup();
      tg.createTask(() => waiter(log, 'child', 2000));
      await delay(30);
      log.push('body done');
    } catch (error) {
      return kind(error);
    }
    return 'no error';
  });
  assert.equal(outcome, 'TimeoutError');
  assert.deepEqual(log, ['body done', 'child interrupted']);
});

test("a failure while the block awaits a foreign promise is thrown as the block ends; a block that catches the group's error has handled it", async () => {
  const log: string[] = [];
  const atEnd = createTask(async () => {
    await using tg = new TaskGroup();
    tg.createTask(() => fail(5));
    tg.createTask(() => waiter(log, 'sibling', 2000));
    await delay(30);
    log.push('body done');
  });
  await assert.rejects(Promise.resolve(atEnd), (error: unknown) => kind(error) === 'ExceptionGroup[ValueError(boom)]');
  assert.deepEqual(log, ['sibling interrupted', 'body done']);

  // Python would raise the group's errors even so; here the block was given them and chose to go on.
  const handled = await createTask(async () => {
    let caught = '';
    {
      await using tg = new TaskGroup();
      tg.createTask(() => fail(5));
      try {
        await sleep(2000);
      } catch (error) {
        caught = kind(error);
      }
    }
    return caught;
  });
  assert.equal(handled, 'ExceptionGroup[ValueError(boom)]');
});

/** The message of the InvalidStateError `reschedule` throws. */
function refused(reschedule: () => void): string {
  try {
    reschedule();
  } catch (error) {
    assert.ok(error instanceof InvalidStateError);
    return error.message;
  }
  assert.fail('reschedule() was allowed');
}

test('a timeout can be rescheduled only while active, with the messages CPython 3.14 gives', async () => {
  const py = await cpython314();
  const python = await py.jsonAsync<string[]>(`
import asyncio, json
async def states():
    out = []
    try:
        async with asyncio.timeout(0.005) as t:
            await asyncio.sleep(1)
    except TimeoutError:
        try: t.reschedule(None)
        except RuntimeError as e: out.append(str(e))
    async with asyncio.timeout(1) as t:
        pass
    try: t.reschedule(None)
    except RuntimeError as e: out.append(str(e))
    async with asyncio.timeout(0.005) as t:
        try: await asyncio.sleep(1)
        except asyncio.CancelledError: pass
        try: t.reschedule(None)
        except RuntimeError as e: out.append(str(e))
        asyncio.current_task().uncancel()
    return out
json.dumps(await asyncio.create_task(states()))
`);
  const ours = await createTask(async () => {
    const out: string[] = [];
    let scope: ReturnType<typeof timeout> | undefined;
    try {
      using t = timeout(5);
      scope = t;
      await sleep(1000);
    } catch (error) {
      assert.ok(error instanceof TimeoutError);
      out.push(refused(() => scope!.reschedule(Infinity)));
    }
    {
      using t = timeout(1000);
      scope = t;
    }
    out.push(refused(() => scope!.reschedule(Infinity)));
    {
      using t = timeout(5);
      await sleep(1000).catch(() => {});
      out.push(refused(() => t.reschedule(Infinity)));
    }
    return out;
  });
  assert.deepEqual(ours, python);
});

test('a task cancelled while its group fails gets the group error, then CancelledError at its next await, as in Python', async () => {
  const log: string[] = [];
  const task = createTask(async () => {
    try {
      await using tg = new TaskGroup();
      tg.createTask(() => fail(5));
      // A foreign await: the group's error and the cancel both wait for the block's end.
      await delay(30);
    } catch (error) {
      log.push(`block raised ${kind(error)}`);
    }
    try {
      await sleep(0);
      log.push('next await returned');
    } catch (error) {
      log.push(`next await raised ${kind(error)}`);
      throw error;
    }
  });
  await delay(15);
  task.cancel();
  await assert.rejects(Promise.resolve(task), CancelledError);
  assert.deepEqual(log, ['block raised ExceptionGroup[ValueError(boom)]', 'next await raised CancelledError']);
});

test('tasks that fail while a cancelled block ends: JavaScript reports both as a SuppressedError (the group error, then the CancelledError)', async () => {
  // Python raises the ExceptionGroup alone; a disposer cannot replace the error a block is ending with.
  const task = createTask(async () => {
    await using tg = new TaskGroup();
    tg.createTask(() => failWhenCancelled('cleanup'));
    await sleep(2000);
  });
  const start = performance.now();
  setTimeout(() => task.cancel(), 10);
  await assert.rejects(Promise.resolve(task), (error: Error & { error?: unknown; suppressed?: unknown }) => {
    assert.equal(error.name, 'SuppressedError');
    assert.equal(kind(error.error), 'ExceptionGroup[ValueError(cleanup)]');
    assert.ok(error.suppressed instanceof CancelledError);
    return true;
  });
  assert.ok(performance.now() - start < 1000, 'the child was cancelled, not awaited to its end');
});

test('uncancel() drops only a pending cancel: a pending group error or timeout still ends its block', async () => {
  const outcomes = await createTask(async () => {
    const seen: string[] = [];
    try {
      await using tg = new TaskGroup();
      tg.createTask(() => fail(5));
      await delay(20);
      currentTask()!.uncancel();
    } catch (error) {
      seen.push(kind(error));
    }
    try {
      using _deadline = timeout(5);
      await delay(20);
      currentTask()!.uncancel();
    } catch (error) {
      seen.push(kind(error));
    }
    return seen;
  });
  assert.deepEqual(outcomes, ['ExceptionGroup[ValueError(boom)]', 'TimeoutError']);
});
