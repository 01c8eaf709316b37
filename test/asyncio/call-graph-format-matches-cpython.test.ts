import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { allTasks, captureCallGraph, createTask, formatCallGraph, printCallGraph, type Task } from '../../src/asyncio/index.js';
import { cpython314 } from '../helpers/cpython314.js';

// The same program in CPython 3.14 (pyodide, its loop driven by this test's event loop) and in
// ts314: format_call_graph and formatCallGraph must agree line for line once the things that
// cannot agree are normalised — ids, file paths and line numbers, the `async` tag (V8 marks only
// frames resumed after an await), and the names of the TaskGroup exit frames.

// asyncio.sleep(3600) would leave a one-hour timer on this process (pyodide's loop does not clear the
// timers of cancelled handles), so the Python side sleeps on a future: the frames are the same two,
// sleep then play.
const PY_EXAMPLE = `
import asyncio
async def sleep(delay):
    await asyncio.get_event_loop().create_future()
async def play(track):
    await sleep(3600)
async def album(name, tracks):
    async with asyncio.TaskGroup() as tg:
        for track in tracks:
            tg.create_task(play(track), name=track)
async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(album("Sundowning", ["TNDNBTG", "Levitate"]), name="Sundowning")
        tg.create_task(album("TMBTE", ["DYWTYLM", "Aqua Regia"]), name="TMBTE")
loop = asyncio.get_event_loop()
main_task = loop.create_task(main())
def task_named(name):
    return next(t for t in asyncio.all_tasks(loop) if t.get_name() == name)
`;

const SAME_FRAME: Record<string, string> = {
  'TaskGroup.#aexit': 'TaskGroup._aexit',
  'TaskGroup.[Symbol.asyncDispose]': 'TaskGroup.__aexit__',
};

function normalize(text: string): string[] {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/id=0x[0-9a-f]+/, 'id=ID')
        .replace(
          /File (['"]).*?\1, line \d+, in (?:async )?(.*)\(\)$/,
          (_m, _q, name: string) => `File F, in ${SAME_FRAME[name] ?? name}()`,
        ),
    );
}

function named(name: string): Task {
  const task = [...allTasks()].find((t) => t.name === name);
  assert.ok(task, `task ${name}`);
  return task;
}

test("formatCallGraph of the docs example's tasks matches CPython's format_call_graph, with every limit rule", async () => {
  const py = await cpython314();
  py.run(PY_EXAMPLE);
  await import('./fixtures/example.js');
  // Both loops run: pyodide's schedules on this event loop's timers.
  await delay(100);
  try {
    for (const name of ['TNDNBTG', 'Aqua Regia', 'Sundowning', 'Task-1']) {
      for (const limit of [undefined, 1, 2, -1, -2, 0]) {
        const python = py.json('', `asyncio.format_call_graph(task_named(${JSON.stringify(name)}), limit=${limit ?? 'None'})`);
        const ours = formatCallGraph(named(name), limit === undefined ? undefined : { limit });
        assert.deepEqual(normalize(ours), normalize(python as string), `${name}, limit ${limit}`);
      }
    }
    // The header and the id are Python's exactly.
    const leaf = named('TNDNBTG');
    assert.match(
      formatCallGraph(leaf),
      new RegExp(
        `^\\* Task\\(name='TNDNBTG', id=0x${leaf.id.toString(16)}\\)\\n  \\+ Call stack:\\n  \\|   File '.*sleep\\.ts', line \\d+, in sleep\\(\\)`,
      ),
    );
    const graph = captureCallGraph(leaf)!;
    assert.equal(graph.future, leaf);
    assert.deepEqual(
      graph.callStack.map((entry) => entry.frame.funcname),
      ['sleep', 'play'],
    );
    assert.deepEqual(
      graph.awaitedBy.map((g) => (g.future as Task).name),
      ['Sundowning'],
    );
  } finally {
    py.run('main_task.cancel()');
    named('Task-1').cancel();
    await delay(20);
  }
  assert.equal(allTasks().size, 0);
});

test('the current task: formatCallGraph() starts at its caller; depth skips frames; limit keeps the innermost (positive) or outermost (negative)', async () => {
  const py = await cpython314();
  py.run(`
import asyncio
out = {}
async def leaf():
    out['plain'] = asyncio.format_call_graph()
    out['depth2'] = asyncio.format_call_graph(depth=2)
    out['limit1'] = asyncio.format_call_graph(limit=1)
    out['limitm1'] = asyncio.format_call_graph(limit=-1)
    out['limit0'] = asyncio.format_call_graph(limit=0)
async def mid():
    await leaf()
async def outer():
    await mid()
outer_task = asyncio.get_event_loop().create_task(outer(), name='outer')
`);
  const out: Record<string, string> = {};
  async function leaf() {
    out.plain = formatCallGraph();
    out.depth2 = formatCallGraph(undefined, { depth: 2 });
    out.limit1 = formatCallGraph(undefined, { limit: 1 });
    out.limitm1 = formatCallGraph(undefined, { limit: -1 });
    out.limit0 = formatCallGraph(undefined, { limit: 0 });
  }
  async function mid() {
    await leaf();
  }
  async function outer() {
    await mid();
  }
  await createTask(outer, { name: 'outer' });
  await delay(50);
  const python = py.json<Record<string, string>>('', 'out');
  for (const key of Object.keys(python)) assert.deepEqual(normalize(out[key]!), normalize(python[key]!), key);
  assert.equal(formatCallGraph(), '', 'outside any task: empty, as Python');
  const lines: string[] = [];
  printCallGraph(undefined, { file: { write: (text: string) => lines.push(text) } });
  assert.deepEqual(lines, ['\n']);
});
