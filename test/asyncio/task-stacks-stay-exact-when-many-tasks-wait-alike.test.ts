import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTask, currentTask, sleep, type Task } from '../../src/asyncio/index.js';

const LONG = 600_000;

async function cancelAll(tasks: readonly Task[]): Promise<void> {
  for (const task of tasks) task.cancel();
  await Promise.allSettled(tasks);
}

test('thousands of tasks waiting on the same line: each stack and each currentTask() is its own task', async () => {
  const selves = new Map<Task, Task | undefined>();
  async function waitAlike(): Promise<void> {
    await null;
    selves.set(currentTask()!, currentTask());
    await sleep(LONG);
  }
  async function waitElsewhere(): Promise<void> {
    await sleep(LONG);
  }
  const alike = Array.from({ length: 3000 }, (_, i) => createTask(waitAlike, { name: `alike-${i}` }));
  const elsewhere = Array.from({ length: 10 }, (_, i) => createTask(waitElsewhere, { name: `elsewhere-${i}` }));
  await sleep(20);
  try {
    assert.equal(selves.size, alike.length);
    for (const task of alike) assert.equal(selves.get(task), task, `${task.name}: currentTask() named another task`);
    const line = alike[0]!.getStack()[1]!.lineno;
    for (const task of alike) {
      const stack = task.getStack();
      assert.deepEqual(
        stack.map((frame) => frame.funcname),
        ['sleep', 'waitAlike'],
        task.name,
      );
      assert.equal(stack[1]!.lineno, line);
    }
    for (const task of elsewhere)
      assert.deepEqual(
        task.getStack().map((frame) => frame.funcname),
        ['sleep', 'waitElsewhere'],
      );
    assert.ok(elsewhere[0]!.getStack()[1]!.lineno > line, 'waitElsewhere waits further down the file than waitAlike');
  } finally {
    await cancelAll([...alike, ...elsewhere]);
  }
});

test('more distinct waiting places than are remembered: every stack is still exact', async () => {
  // 5,000 functions, each its own place in the stack text (more than the parsed places kept at once).
  const places = Array.from(
    { length: 5000 },
    (_, i) => new Function('sleep', 'ms', `return async function place_${i}() { await sleep(ms); }`)(sleep, LONG) as () => Promise<void>,
  );
  const tasks = places.map((place) => createTask(place));
  await sleep(20);
  try {
    for (const [i, task] of tasks.entries()) {
      assert.deepEqual(
        task.getStack().map((frame) => frame.funcname),
        ['sleep', `place_${i}`],
      );
    }
  } finally {
    await cancelAll(tasks);
  }
});

test("a module whose path holds the runner frames' prefix is not mistaken for a task's runner", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ts314-task-7-'));
  try {
    const file = join(dir, 'ts314-task-3.mjs');
    await writeFile(
      file,
      'export async function waitInModule(sleep, currentTask, seen) {\n  seen.push(currentTask());\n  await sleep(600000);\n}\n',
    );
    const { waitInModule } = (await import(pathToFileURL(file).href)) as {
      waitInModule: (s: typeof sleep, c: typeof currentTask, seen: (Task | undefined)[]) => Promise<void>;
    };
    const seen: (Task | undefined)[] = [];
    const tasks = Array.from({ length: 5 }, () => createTask(() => waitInModule(sleep, currentTask, seen)));
    await sleep(20);
    try {
      assert.deepEqual(seen, tasks);
      for (const task of tasks) {
        const [inSleep, inModule] = task.getStack();
        assert.equal(inSleep!.funcname, 'sleep');
        assert.deepEqual({ ...inModule! }, { funcname: 'waitInModule', filename: file, lineno: 3, async: false });
      }
    } finally {
      await cancelAll(tasks);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
