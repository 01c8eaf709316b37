import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import {
  allTasks,
  CancelledError,
  captureCallGraph,
  createTask,
  currentTask,
  ExceptionGroup,
  formatCallGraph,
  Future,
  futureAddToAwaitedBy,
  futureDiscardFromAwaitedBy,
  gather,
  InvalidArgumentError,
  InvalidStateError,
  run,
  sleep,
  type Task,
  TaskGroup,
  TimeoutError,
  timeout,
} from '../../src/asyncio/index.js';
import { cpython314 } from '../helpers/cpython314.js';

test('a task is named Task-<n> unless named, starts after its creator continues, and reports result and state', async () => {
  const order: string[] = [];
  const task = createTask(async () => {
    order.push('task');
    await sleep(1);
    return 42;
  });
  order.push('creator');
  assert.match(task.name, /^Task-\d+$/);
  assert.equal(task.done(), false);
  assert.throws(() => task.result(), InvalidStateError);
  assert.ok(allTasks().has(task));
  assert.equal(await task, 42);
  assert.deepEqual(order, ['creator', 'task']);
  assert.equal(task.done(), true);
  assert.equal(task.result(), 42);
  assert.equal(task.exception(), undefined);
  assert.equal(allTasks().has(task), false);
  const named = createTask(Promise.resolve('x'), { name: 'fetch' });
  assert.equal(named.name, 'fetch');
  assert.equal(await named, 'x');
  assert.throws(
    () => createTask(async () => 1, { nam: 'x' } as never),
    (e: Error) => e instanceof InvalidArgumentError && /Did you mean 'name'\?/.test(e.message),
  );
  assert.throws(() => createTask(42 as never), InvalidArgumentError);
});

test('cancel() throws CancelledError at the ts314 await the task is in; a task that lets it propagate ends cancelled', async () => {
  let reached = false;
  const task = createTask(async () => {
    await sleep(60_000);
    reached = true;
  });
  await delay(10);
  assert.equal(task.cancel('stop'), true);
  await assert.rejects(Promise.resolve(task), (e: Error) => e instanceof CancelledError && e.message === 'stop');
  assert.equal(task.cancelled(), true);
  assert.equal(reached, false);
  assert.equal(task.cancel(), false, 'already done');
  // A task that catches it and returns keeps its result, as in Python.
  const stubborn = createTask(async () => {
    try {
      await sleep(60_000);
    } catch (error) {
      assert.ok(error instanceof CancelledError);
    }
    return 'kept';
  });
  await delay(10);
  stubborn.cancel();
  assert.equal(await stubborn, 'kept');
  // Cancelled before it starts: the body never runs.
  let ran = false;
  const early = createTask(async () => {
    ran = true;
  });
  early.cancel();
  await assert.rejects(Promise.resolve(early), CancelledError);
  assert.equal(ran, false);
  // A cancel requested during a foreign await is delivered at the next ts314 await; the signal aborts at once.
  const later = createTask(async (self) => {
    await delay(20);
    assert.equal(self.signal.aborted, true);
    await sleep(0);
    return 'not reached';
  });
  await delay(5);
  later.cancel();
  await assert.rejects(Promise.resolve(later), CancelledError);
});

test('a cancel that finds no ts314 await is not lost: a body that returns with it pending ends its task cancelled, as in CPython 3.14', async () => {
  const py = await cpython314();
  const python = await py.jsonAsync<Record<string, string>>(`
import asyncio, json
async def outcome(task):
    try: return f'returned {await task}'
    except asyncio.CancelledError: return f'cancelled {task.cancelled()}'
async def self_cancel():
    asyncio.current_task().cancel(); return 1
async def self_cancel_then_uncancel():
    asyncio.current_task().cancel(); asyncio.current_task().uncancel(); return 1
async def cancelled_while_waiting():
    await asyncio.sleep(0.02); return 1
out = {'self': await outcome(asyncio.create_task(self_cancel())),
       'eager': await outcome(asyncio.create_task(self_cancel(), eager_start=True)),
       'uncancelled': await outcome(asyncio.create_task(self_cancel_then_uncancel()))}
waiting = asyncio.create_task(cancelled_while_waiting())
await asyncio.sleep(0.005); waiting.cancel()
out['waiting'] = await outcome(waiting)
json.dumps(out)`);
  const outcome = async (task: Task<number>) => {
    try {
      return `returned ${await task}`;
    } catch (error) {
      assert.ok(error instanceof CancelledError);
      return `cancelled ${task.cancelled() ? 'True' : 'False'}`;
    }
  };
  const selfCancel = async () => {
    currentTask()!.cancel();
    return 1;
  };
  const ours: Record<string, string> = {
    self: await outcome(createTask(selfCancel)),
    eager: await outcome(createTask(selfCancel, { eagerStart: true })),
    uncancelled: await outcome(
      createTask(async () => {
        currentTask()!.cancel();
        currentTask()!.uncancel();
        return 1;
      }),
    ),
  };
  // The wait is foreign here (a Node timer), so the cancel waits for the body, which then returns.
  const waiting = createTask(async () => {
    await delay(20);
    return 1;
  });
  await delay(5);
  waiting.cancel();
  ours.waiting = await outcome(waiting);
  assert.deepEqual(ours, python);
  assert.deepEqual(python, { self: 'cancelled True', eager: 'cancelled True', uncancelled: 'returned 1', waiting: 'cancelled True' });
});

test('cancels made before the task runs again are one CancelledError; a timeout over a cancel nobody took back ends cancelled, as in CPython 3.14', async () => {
  const py = await cpython314();
  const python = await py.jsonAsync<Record<string, string[]>>(`
import asyncio, json
async def outcome(task, log):
    try: log.append(f'returned {await task}')
    except asyncio.CancelledError: log.append(f'cancelled {task.cancelled()}')
    log.append(f'cancelling {task.cancelling()}')
    return log
async def catches_then_sleeps(log, recancel):
    try: await asyncio.sleep(2)
    except asyncio.CancelledError:
        log.append('caught')
        if recancel: asyncio.current_task().cancel()
    try: await asyncio.sleep(0.001); log.append('second sleep ok')
    except asyncio.CancelledError: log.append('second sleep cancelled'); raise
    return 'ok'
async def cancel_twice():
    log = []; t = asyncio.create_task(catches_then_sleeps(log, False))
    await asyncio.sleep(0.01); t.cancel(); t.cancel()
    return await outcome(t, log)
async def cancel_again_after_catching():
    log = []; t = asyncio.create_task(catches_then_sleeps(log, True))
    await asyncio.sleep(0.01); t.cancel()
    return await outcome(t, log)
async def timeout_after_swallowed_cancel():
    log = []
    async def body():
        try:
            async with asyncio.timeout(0.5):
                try: await asyncio.sleep(2)
                except asyncio.CancelledError: log.append('caught')
                await asyncio.sleep(2)
        except BaseException as e: log.append(f'block raised {type(e).__name__}'); raise
    t = asyncio.create_task(body())
    await asyncio.sleep(0.01); t.cancel()
    return await outcome(t, log)
json.dumps({'cancel_twice': await cancel_twice(), 'cancel_again_after_catching': await cancel_again_after_catching(),
            'timeout_after_swallowed_cancel': await timeout_after_swallowed_cancel()})`);
  const pyBool = (b: boolean) => (b ? 'True' : 'False');
  const outcome = async (task: Task<unknown>, log: string[]) => {
    try {
      log.push(`returned ${await task}`);
    } catch (error) {
      assert.ok(error instanceof CancelledError);
      log.push(`cancelled ${pyBool(task.cancelled())}`);
    }
    log.push(`cancelling ${task.cancelling()}`);
    return log;
  };
  const catchesThenSleeps = async (log: string[], recancel: boolean) => {
    try {
      await sleep(2000);
    } catch (error) {
      assert.ok(error instanceof CancelledError);
      log.push('caught');
      if (recancel) currentTask()!.cancel();
    }
    try {
      await sleep(1);
      log.push('second sleep ok');
    } catch (error) {
      log.push('second sleep cancelled');
      throw error;
    }
    return 'ok';
  };
  const twiceLog: string[] = [];
  const twice = createTask(() => catchesThenSleeps(twiceLog, false));
  await delay(10);
  twice.cancel();
  twice.cancel();
  const againLog: string[] = [];
  const again = createTask(() => catchesThenSleeps(againLog, true));
  await delay(10);
  again.cancel();
  const timeoutLog: string[] = [];
  const timed = createTask(async () => {
    try {
      using _deadline = timeout(500);
      try {
        await sleep(2000);
      } catch {
        timeoutLog.push('caught');
      }
      await sleep(2000);
    } catch (error) {
      timeoutLog.push(`block raised ${(error as Error).name}`);
      throw error;
    }
  });
  await delay(10);
  timed.cancel();
  const ours = {
    cancel_twice: await outcome(twice, twiceLog),
    cancel_again_after_catching: await outcome(again, againLog),
    timeout_after_swallowed_cancel: await outcome(timed, timeoutLog),
  };
  assert.deepEqual(ours, python);
});

test('TaskGroup: the first failure cancels the siblings and the group throws an ExceptionGroup of the failures', async () => {
  const events: string[] = [];
  const outcome = run(async () => {
    await using tg = new TaskGroup();
    tg.createTask(async () => {
      await sleep(5);
      throw new Error('boom');
    });
    tg.createTask(async () => {
      try {
        await sleep(60_000);
      } catch (error) {
        events.push((error as Error).name);
        throw error;
      }
    });
  });
  await assert.rejects(outcome, (error: unknown) => {
    assert.ok(error instanceof ExceptionGroup);
    assert.equal(error.message, 'unhandled errors in a TaskGroup (1 sub-exception)');
    assert.equal(error.exceptions.length, 1);
    assert.equal((error.exceptions[0] as Error).message, 'boom');
    return true;
  });
  assert.deepEqual(events, ['CancelledError']);
  // Results when nothing fails; no new tasks after the end.
  let group: TaskGroup | undefined;
  const results = await run(async () => {
    await using tg = new TaskGroup();
    group = tg;
    const a = tg.createTask(async () => 1);
    const b = tg.createTask(async () => {
      await sleep(2);
      return 2;
    });
    return [a, b] as const;
  });
  assert.deepEqual(
    results.map((t) => t.result()),
    [1, 2],
  );
  assert.throws(() => group!.createTask(async () => 3), InvalidStateError);
  // JavaScript can throw undefined: still a failure that cancels the siblings.
  let siblingCancelled = false;
  const thrownUndefined = run(async () => {
    await using tg = new TaskGroup();
    tg.createTask(async () => {
      await sleep(1);
      throw undefined;
    });
    tg.createTask(async () => {
      try {
        await sleep(60_000);
      } catch (error) {
        siblingCancelled = error instanceof CancelledError;
        throw error;
      }
    });
  });
  await assert.rejects(
    thrownUndefined,
    (error: unknown) => error instanceof ExceptionGroup && error.exceptions.length === 1 && error.exceptions[0] === undefined,
  );
  assert.equal(siblingCancelled, true);
});

test('gather: results in order, the first failure rejects unless returnExceptions, cancelling it cancels the children', async () => {
  assert.deepEqual(await gather([createTask(async () => 1), Promise.resolve(2), sleep(1, 3)]), [1, 2, 3]);
  await assert.rejects(Promise.resolve(gather([Promise.reject(new Error('bad')), sleep(1, 1)])), /bad/);
  const mixed = await gather([Promise.reject(new Error('bad')), sleep(1, 1)], { returnExceptions: true });
  assert.equal((mixed[0] as Error).message, 'bad');
  assert.equal(mixed[1], 1);
  assert.deepEqual(await gather([]), []);
  const child = createTask(() => sleep(60_000));
  const outer = gather([child]);
  await delay(5);
  outer.cancel();
  await assert.rejects(Promise.resolve(outer), CancelledError);
  await assert.rejects(Promise.resolve(child), CancelledError);
});

test('a cancelled gather, or a cancelled task awaiting one, ends once a child has cleaned up and ended cancelled, as in CPython 3.14', async () => {
  const py = await cpython314();
  const python = await py.jsonAsync<Record<string, string[]>>(`
import asyncio, json
async def child(log, name, cleanup):
    try: await asyncio.sleep(2)
    except asyncio.CancelledError:
        await asyncio.sleep(cleanup); log.append(name + ' cleaned up'); raise
async def gather_cancelled():
    log = []
    children = [asyncio.create_task(child(log, 'a', 0.25)), asyncio.create_task(child(log, 'b', 0.02))]
    g = asyncio.gather(*children)
    await asyncio.sleep(0.01)
    log.append(f'cancel() {g.cancel()}, done at once {g.done()}')
    try: await g
    except asyncio.CancelledError: log.append('gather raised CancelledError')
    await asyncio.wait(children)
    return log
async def awaiting_task_cancelled():
    log = []
    children = [asyncio.create_task(child(log, 'a', 0.25)), asyncio.create_task(child(log, 'b', 0.02))]
    async def parent():
        try: await asyncio.gather(*children)
        except asyncio.CancelledError: log.append('parent got CancelledError'); raise
    t = asyncio.create_task(parent())
    await asyncio.sleep(0.01); t.cancel()
    try: await t
    except asyncio.CancelledError: log.append(f'task cancelled {t.cancelled()}')
    await asyncio.wait(children)
    return log
json.dumps({'gather_cancelled': await gather_cancelled(), 'awaiting_task_cancelled': await awaiting_task_cancelled()})`);
  // Cleanups far apart in length, so the order they end in depends neither on timer ties nor on machine load.
  const child = async (log: string[], name: string, cleanupMs: number) => {
    try {
      await sleep(2000);
    } catch (error) {
      await sleep(cleanupMs);
      log.push(`${name} cleaned up`);
      throw error;
    }
  };
  const pyBool = (b: boolean) => (b ? 'True' : 'False');
  const gatherLog: string[] = [];
  const gathered = [createTask(() => child(gatherLog, 'a', 250)), createTask(() => child(gatherLog, 'b', 20))];
  const g = gather(gathered);
  await delay(10);
  gatherLog.push(`cancel() ${pyBool(g.cancel())}, done at once ${pyBool(g.done())}`);
  try {
    await g;
  } catch (error) {
    if (error instanceof CancelledError) gatherLog.push('gather raised CancelledError');
  }
  // Python's gather, oddly, ends with an exception rather than cancelled; ts314's says it was cancelled.
  assert.equal(g.cancelled(), true);
  await Promise.allSettled(gathered);
  const taskLog: string[] = [];
  const children = [createTask(() => child(taskLog, 'a', 250)), createTask(() => child(taskLog, 'b', 20))];
  const parent = createTask(async () => {
    try {
      await gather(children);
    } catch (error) {
      if (error instanceof CancelledError) taskLog.push('parent got CancelledError');
      throw error;
    }
  });
  await delay(10);
  parent.cancel();
  await assert.rejects(Promise.resolve(parent), CancelledError);
  taskLog.push(`task cancelled ${pyBool(parent.cancelled())}`);
  await Promise.allSettled(children);
  assert.deepEqual({ gather_cancelled: gatherLog, awaiting_task_cancelled: taskLog }, python);
});

test("gather: Python's spread call gather(a, b) gets a typed error saying to pass one array, not a TypeError", async () => {
  const a = sleep(1, 1);
  const b = sleep(1, 2);
  const arrayHint = /Did you mean gather\(\[a, b, …\]\)\?/;
  assert.throws(
    () => gather(a as never, b as never),
    (e: Error) =>
      e instanceof InvalidArgumentError && /expected an array of awaitables, got a promise/.test(e.message) && arrayHint.test(e.message),
  );
  assert.throws(
    () => gather([a], b as never),
    (e: Error) =>
      e instanceof InvalidArgumentError && /the second argument is options, got a promise/.test(e.message) && arrayHint.test(e.message),
  );
  assert.throws(() => gather(null as never), /gather\(\): expected an array of awaitables, got null\.$/);
  assert.throws(() => gather('ab' as never), /got string/);
  assert.deepEqual(await gather([a, b]), [1, 2]);
});

test('timeout: an expired scope throws TimeoutError at the await it interrupts; an unexpired one changes nothing', async () => {
  const slow = run(async () => {
    using _scope = timeout(20);
    await sleep(60_000);
  });
  await assert.rejects(slow, (e: Error) => e instanceof TimeoutError && (e as TimeoutError).timeoutMs === 20);
  assert.equal(
    await run(async () => {
      using scope = timeout(1000);
      await sleep(1);
      assert.equal(scope.expired(), false);
      return 'fast';
    }),
    'fast',
  );
  assert.throws(() => timeout(10), InvalidStateError, 'outside a task');
});

test("a deadline already due (0 or negative) expires at the block's next await, not before its code runs; a negative sleep is sleep(0), as in CPython 3.14", async () => {
  const py = await cpython314();
  const python = await py.jsonAsync<string[]>(`
import asyncio, json
log = []
for delay in (0, -1):
    try:
        async with asyncio.timeout(delay):
            log.append(f'{delay}: code before the await runs'); await asyncio.sleep(0); log.append(f'{delay}: sleep(0) returned')
    except TimeoutError: log.append(f'{delay}: TimeoutError')
try:
    async with asyncio.timeout(0): log.append('no await')
except TimeoutError: log.append('no await: TimeoutError')
await asyncio.sleep(-5); log.append('sleep(-5) returned')
json.dumps(log)`);
  const ours = await run(async () => {
    const log: string[] = [];
    for (const delayMs of [0, -1]) {
      try {
        using _deadline = timeout(delayMs);
        log.push(`${delayMs}: code before the await runs`);
        await sleep(0);
        log.push(`${delayMs}: sleep(0) returned`);
      } catch (error) {
        if (error instanceof TimeoutError) log.push(`${delayMs}: TimeoutError`);
      }
    }
    try {
      using _deadline = timeout(0);
      log.push('no await');
    } catch (error) {
      if (error instanceof TimeoutError) log.push('no await: TimeoutError');
    }
    await sleep(-5);
    log.push('sleep(-5) returned');
    return log;
  });
  assert.deepEqual(ours, python);
  assert.throws(() => sleep(Number.NaN), InvalidArgumentError);
});

test('currentTask() finds the task from inside its body, across awaits; captureCallGraph edges via futureAddToAwaitedBy', async () => {
  assert.equal(currentTask(), undefined);
  let seen: (Task | undefined)[] = [];
  const task = createTask(
    async () => {
      seen.push(currentTask());
      await sleep(1);
      seen.push(currentTask());
      await Promise.resolve();
      seen.push(currentTask());
    },
    { name: 'finder' },
  );
  await task;
  assert.deepEqual(seen, [task, task, task]);
  seen = [];
  // A custom combinator: a Future awaited by a task, recorded by hand.
  const future = new Future<string>();
  const waiter = createTask(
    async () => {
      await sleep(60_000).catch(() => undefined);
    },
    { name: 'waiter' },
  );
  futureAddToAwaitedBy(future, waiter);
  await delay(5);
  const graph = captureCallGraph(future)!;
  assert.deepEqual(
    graph.awaitedBy.map((g) => (g.future as Task).name),
    ['waiter'],
  );
  assert.match(formatCallGraph(future), /^\* Future\(id=0x[0-9a-f]+\)\n {2}\+ Awaited by:\n {4}\* Task\(name='waiter', id=0x[0-9a-f]+\)/);
  futureDiscardFromAwaitedBy(future, waiter);
  assert.deepEqual(captureCallGraph(future)!.awaitedBy, []);
  waiter.cancel();
  future.setResult('done');
  assert.equal(await future, 'done');
  assert.throws(() => future.setResult('again'), InvalidStateError);
});
