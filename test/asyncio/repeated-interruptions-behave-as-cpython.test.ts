// A second cancel or an expiry that arrives while a group or a gather is already stopping, and errors raised by
// children while they are cancelled: what CPython 3.14 does (pyodide runs the same scenarios), and no error lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { CancelledError, createTask, ExceptionGroup, gather, sleep, TaskGroup, timeout } from '../../src/asyncio/index.js';
import { cpython314 } from '../helpers/cpython314.js';
import { repoRoot, requireBuild } from '../helpers/package.js';

requireBuild();

const PYTHON = `
import asyncio, json
async def outcome(task, log):
    try: log.append(f'returned {await task}')
    except asyncio.CancelledError: log.append(f'cancelled {task.cancelled()}')
    return log
async def child_with_slow_cleanup(log):
    try: await asyncio.sleep(2)
    except asyncio.CancelledError:
        try: await asyncio.sleep(0.1); log.append('cleanup done')
        except asyncio.CancelledError: log.append('cleanup interrupted')
        raise
async def cancelled_twice_while_its_group_ends():
    log = []
    async def body():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child_with_slow_cleanup(log))
            await asyncio.sleep(2)
    t = asyncio.create_task(body())
    await asyncio.sleep(0.02); t.cancel(); await asyncio.sleep(0.03); t.cancel()
    return await outcome(t, log)
async def timeout_expires_while_its_cancelled_group_ends():
    log = []
    async def body():
        async with asyncio.timeout(0.06):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(child_with_slow_cleanup(log))
                await asyncio.sleep(2)
    t = asyncio.create_task(body())
    await asyncio.sleep(0.02); t.cancel()
    return await outcome(t, log)
async def cancelled_twice_while_its_gather_stops():
    log = []
    child = asyncio.create_task(child_with_slow_cleanup(log))
    async def body():
        try: await asyncio.gather(child)
        except asyncio.CancelledError: log.append('gather raised CancelledError')
        await asyncio.sleep(0.01); return 'r'
    t = asyncio.create_task(body())
    await asyncio.sleep(0.02); t.cancel(); await asyncio.sleep(0.03); t.cancel()
    return await outcome(t, log)
async def due_timeout_lets_started_tasks_run():
    log = []
    try:
        async with asyncio.timeout(0):
            async with asyncio.TaskGroup() as tg:
                async def child():
                    log.append('child ran'); await asyncio.sleep(2)
                tg.create_task(child())
    except TimeoutError: log.append('TimeoutError')
    return log
json.dumps({f.__name__: await f() for f in [cancelled_twice_while_its_group_ends, timeout_expires_while_its_cancelled_group_ends,
    cancelled_twice_while_its_gather_stops, due_timeout_lets_started_tasks_run]})
`;

const outcome = async (task: Promise<unknown> & { cancelled(): boolean }, log: string[]) => {
  try {
    log.push(`returned ${await task}`);
  } catch (error) {
    assert.ok(error instanceof CancelledError, `ended with ${String(error)}, not a CancelledError`);
    log.push(`cancelled ${task.cancelled() ? 'True' : 'False'}`);
  }
  return log;
};

async function childWithSlowCleanup(log: string[]): Promise<void> {
  try {
    await sleep(2000);
  } catch (error) {
    try {
      await sleep(100);
      log.push('cleanup done');
    } catch {
      log.push('cleanup interrupted');
    }
    throw error;
  }
}

const scenarios: Record<string, () => Promise<string[]>> = {
  async cancelled_twice_while_its_group_ends() {
    const log: string[] = [];
    const t = createTask(async () => {
      await using tg = new TaskGroup();
      tg.createTask(() => childWithSlowCleanup(log));
      await sleep(2000);
    });
    await sleep(20);
    t.cancel();
    await sleep(30);
    t.cancel();
    return outcome(t, log);
  },
  async timeout_expires_while_its_cancelled_group_ends() {
    const log: string[] = [];
    const t = createTask(async () => {
      using _deadline = timeout(60);
      await using tg = new TaskGroup();
      tg.createTask(() => childWithSlowCleanup(log));
      await sleep(2000);
    });
    await sleep(20);
    t.cancel();
    return outcome(t, log);
  },
  async cancelled_twice_while_its_gather_stops() {
    const log: string[] = [];
    const child = createTask(() => childWithSlowCleanup(log));
    const t = createTask(async () => {
      try {
        await gather([child]);
      } catch (error) {
        if (error instanceof CancelledError) log.push('gather raised CancelledError');
      }
      await sleep(10);
      return 'r';
    });
    await sleep(20);
    t.cancel();
    await sleep(30);
    t.cancel();
    return outcome(t, log);
  },
  async due_timeout_lets_started_tasks_run() {
    const log: string[] = [];
    await createTask(async () => {
      try {
        using _deadline = timeout(0);
        await using tg = new TaskGroup();
        tg.createTask(async () => {
          log.push('child ran');
          await sleep(2000);
        });
      } catch (error) {
        if ((error as Error).name === 'TimeoutError') log.push('TimeoutError');
      }
    });
    return log;
  },
};

test('a second cancel or an expiry while a group or a gather is stopping: one CancelledError, the children re-cancelled, as in CPython 3.14', async () => {
  const py = await cpython314();
  const python = await py.jsonAsync<Record<string, string[]>>(PYTHON);
  const ours: Record<string, string[]> = {};
  for (const [name, scenario] of Object.entries(scenarios)) ours[name] = await scenario();
  assert.deepEqual(ours, python);
});

test("a gather child that fails while a TaskGroup's error stops it: the block ends with both errors, neither lost", async () => {
  // CPython puts both in the group's ExceptionGroup; JavaScript cannot hand the block's error to the group, so
  // the block ends with a SuppressedError of the two.
  const ended = await createTask(async () => {
    try {
      await using tg = new TaskGroup();
      tg.createTask(async () => {
        await sleep(20);
        throw new RangeError('k');
      });
      await gather([
        createTask(async () => {
          try {
            await sleep(2000);
          } catch {
            throw new SyntaxError('g');
          }
        }),
      ]);
    } catch (error) {
      return error;
    }
    return undefined;
  });
  // Node 20 has no global SuppressedError: the down-levelled `await using` makes its own, by name.
  const suppressed = ended as { name: string; error: unknown; suppressed: unknown };
  assert.equal(suppressed.name, 'SuppressedError', `ended with ${String(ended)}`);
  assert.ok(suppressed.error instanceof ExceptionGroup);
  assert.equal((suppressed.error.exceptions[0] as Error).message, 'k');
  assert.ok(suppressed.suppressed instanceof SyntaxError);
});

test('a gather that fails with nobody awaiting it is reported as an unhandled rejection, as Python logs it', async () => {
  const code = `import { createTask, gather, sleep } from 'ts314/asyncio';
gather([createTask(async () => { await sleep(5); throw new RangeError('nobody awaits this'); })]);`;
  const { exitCode, stderr } = await new Promise<{ exitCode: number; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', code], { cwd: repoRoot, timeout: 30_000 }, (error, _stdout, stderr) =>
      resolve({ exitCode: error ? Number(error.code) : 0, stderr }),
    );
  });
  assert.equal(exitCode, 1, stderr);
  assert.match(stderr, /RangeError: nobody awaits this/);
});
