import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import {
  type AwaitedInfo,
  allTasks,
  buildAsyncTree,
  buildTaskTable,
  CycleFoundError,
  formatCycleError,
  formatTaskTable,
  formatTaskTableCsv,
} from '../../src/asyncio/index.js';
import { registry } from '../../src/asyncio/registry.js';
import { cpython314 } from '../helpers/cpython314.js';

// CPython 3.14's own asyncio.tools (build_task_table, build_async_tree, the cycle report) run on the
// very data ts314 collected, as the oracle for the ts314 port of them.

const TO_PYTHON = `
import json, sys, io
from types import SimpleNamespace as NS
from asyncio import tools
def _frame(f): return NS(funcname=f['funcname'], filename=f['filename'], lineno=f['lineno'])
def _coro(c): return NS(call_stack=[_frame(f) for f in c['callStack']], task_name=c['taskName'])
def _task(t): return NS(task_id=t['taskId'], task_name=t['taskName'], coroutine_stack=[_coro(c) for c in t['coroutineStack']], awaited_by=[_coro(c) for c in t['awaitedBy']])
result = [NS(thread_id=a['threadId'], awaited_by=[_task(t) for t in a['awaitedBy']]) for a in data]
def table_text(table):
    lines = [f"{'tid':<10} {'task id':<20} {'task name':<20} {'coroutine stack':<50} {'awaiter chain':<50} {'awaiter name':<15} {'awaiter id':<15}", "-" * 180]
    lines += [f"{row[0]:<10} {row[1]:<20} {row[2]:<20} {row[3]:<50} {row[4]:<50} {row[5]:<15} {row[6]:<15}" for row in table]
    return "\\n".join(lines)
`;

async function exampleSnapshot(): Promise<AwaitedInfo[]> {
  const before = new Set(allTasks());
  await import('./fixtures/example.js');
  await delay(50);
  const snapshot = registry().snapshot();
  const mine = snapshot.awaitedBy.filter((t) => ![...before].some((b) => b.id === t.taskId));
  return [{ threadId: snapshot.threadId, awaitedBy: mine }];
}

async function stopExample(): Promise<void> {
  const main = [...allTasks()].find((t) => t.name === 'Task-1');
  main?.cancel();
  const { done } = await import('./fixtures/example.js');
  await done.then(
    () => assert.fail('main was cancelled'),
    (error: unknown) => assert.equal((error as Error).name, 'CancelledError'),
  );
  assert.equal(allTasks().size, 0, 'cancelling main cancelled every task of its groups');
}

test('the ps table and pstree tree of the docs example are what CPython 3.14 prints for the same tasks', async () => {
  const data = await exampleSnapshot();
  try {
    const py = await cpython314();
    py.set('data', data);
    py.run(TO_PYTHON);
    const table = buildTaskTable(data);
    assert.deepEqual(table, py.json('rows = tools.build_task_table(result)', 'rows'));
    assert.equal(formatTaskTable(table), py.json('', 'table_text(rows)'));
    assert.deepEqual(buildAsyncTree(data), py.json('', 'tools.build_async_tree(result)'));
    // The shape of the docs' output: seven tasks, Task-1 the root, each album awaited by it, each track by its album.
    assert.deepEqual(
      table.map((row) => [row[2], row[3], row[5]]),
      [
        ['Task-1', 'TaskGroup.#aexit -> TaskGroup.[Symbol.asyncDispose] -> main', ''],
        ['Sundowning', 'TaskGroup.#aexit -> TaskGroup.[Symbol.asyncDispose] -> album', 'Task-1'],
        ['TMBTE', 'TaskGroup.#aexit -> TaskGroup.[Symbol.asyncDispose] -> album', 'Task-1'],
        ['TNDNBTG', 'sleep -> play', 'Sundowning'],
        ['Levitate', 'sleep -> play', 'Sundowning'],
        ['DYWTYLM', 'sleep -> play', 'TMBTE'],
        ['Aqua Regia', 'sleep -> play', 'TMBTE'],
      ],
    );
    // CSV: Python's csv.writer on the same rows.
    assert.equal(
      formatTaskTableCsv(table),
      py.json(
        "import csv\nbuf = io.StringIO()\nw = csv.writer(buf)\nw.writerow(('tid', 'task id', 'task name', 'coroutine stack', 'awaiter chain', 'awaiter name', 'awaiter id'))\nw.writerows(rows)",
        'buf.getvalue()',
      ),
    );
  } finally {
    await stopExample();
  }
});

test('an await cycle is reported with CPython 3.14 lines, and the table still lists every task', async () => {
  const frame = (funcname: string, lineno: number) => ({ funcname, filename: '/app/cycle.ts', lineno, async: true });
  const gatherIn = (fn: string, line: number) => [frame('gather', 40), frame(fn, line)];
  const data: AwaitedInfo[] = [
    {
      threadId: 0,
      awaitedBy: [
        { taskId: 1, taskName: 'Task-1', coroutineStack: [{ callStack: gatherIn('main', 20), taskName: 'Task-1' }], awaitedBy: [] },
        {
          taskId: 2,
          taskName: 'Task-2',
          coroutineStack: [{ callStack: gatherIn('a', 8), taskName: 'Task-2' }],
          awaitedBy: [
            { callStack: gatherIn('main', 20), taskName: 1 },
            { callStack: gatherIn('b', 13), taskName: 3 },
          ],
        },
        {
          taskId: 3,
          taskName: 'Task-3',
          coroutineStack: [{ callStack: gatherIn('b', 13), taskName: 'Task-3' }],
          awaitedBy: [
            { callStack: gatherIn('main', 20), taskName: 1 },
            { callStack: gatherIn('a', 8), taskName: 2 },
          ],
        },
      ],
    },
  ];
  const py = await cpython314();
  py.set('data', data);
  py.run(TO_PYTHON);
  const expected = py.json(
    'err = io.StringIO()\nold, sys.stderr = sys.stderr, err\ntry:\n    tools.build_async_tree(result)\nexcept tools.CycleFoundException as e:\n    tools._print_cycle_exception(e)\nfinally:\n    sys.stderr = old',
    'err.getvalue()',
  );
  assert.throws(
    () => buildAsyncTree(data),
    (error: unknown) => {
      assert.ok(error instanceof CycleFoundError);
      assert.equal(`${formatCycleError(error)}\n`, expected);
      return true;
    },
  );
  assert.equal(expected, 'ERROR: await-graph contains cycles - cannot print a tree!\n\ncycle: Task-2 → Task-3 → Task-2\n');
  assert.deepEqual(buildTaskTable(data), py.json('', 'tools.build_task_table(result)'));
});
