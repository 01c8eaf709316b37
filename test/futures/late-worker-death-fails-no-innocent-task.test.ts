import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { InterpreterPoolExecutor, ProcessPoolExecutor, task, type Executor } from '../../src/futures/index.js';
import type { LateFault } from './fixtures/tasks.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { tempDir } from '../helpers/temp-dir.js';

const fixtures = new URL('./fixtures/tasks.ts', import.meta.url);
const appendId = task<(file: string, id: number) => number>(fixtures, 'appendId');
const faultLater = task<(kind: LateFault, file: string, id: number) => number>(fixtures, 'faultLater');
const KINDS: readonly LateFault[] = ['throw', 'rejection', 'exit'];

function runsPerId(file: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line) counts.set(Number(line), (counts.get(Number(line)) ?? 0) + 1);
  return counts;
}

const executors: [string, (maxWorkers: number) => Executor][] = [
  ['ProcessPoolExecutor', (maxWorkers) => new ProcessPoolExecutor({ maxWorkers })],
  ['InterpreterPoolExecutor', (maxWorkers) => new InterpreterPoolExecutor({ maxWorkers })],
];

for (const [name, make] of executors) {
  for (const kind of KINDS) {
    test(`${name}: after a task whose worker dies later (${kind}), the next task still runs once and resolves`, async () => {
      using dir = tempDir('late-death');
      const file = dir.join('ran.txt');
      await using pool = make(1);
      const ROUNDS = 12;
      const late: PromiseLike<number>[] = [];
      const innocent: PromiseLike<number>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        late.push(pool.submit(faultLater, kind, file, 2 * round));
        innocent.push(pool.submit(appendId, file, 2 * round + 1));
        // Let the death happen between the two sends as well as around them.
        if (round % 2 === 1) await late.at(-1);
      }
      assert.deepEqual(
        await Promise.all(innocent),
        Array.from({ length: ROUNDS }, (_, round) => 2 * round + 1),
      );
      assert.deepEqual(
        await Promise.all(late),
        Array.from({ length: ROUNDS }, (_, round) => 2 * round),
      );
      const runs = runsPerId(file);
      for (let id = 0; id < 2 * ROUNDS; id++) assert.equal(runs.get(id), 1, `task ${id} ran ${runs.get(id) ?? 0} times`);
    });
  }

  test(`${name}: a storm of late deaths mixed with normal tasks loses nothing and runs nothing twice`, async () => {
    using dir = tempDir('late-storm');
    const file = dir.join('ran.txt');
    await using pool = make(2);
    const next = seededRandom(314).next;
    const TASKS = 300;
    const futures: PromiseLike<number>[] = [];
    for (let id = 0; id < TASKS; id++) {
      const roll = next();
      futures.push(roll < 0.1 ? pool.submit(faultLater, KINDS[Math.floor(roll * 30)]!, file, id) : pool.submit(appendId, file, id));
    }
    const settled = await Promise.allSettled(futures);
    const failed = settled.flatMap((s, id) => (s.status === 'rejected' ? [`${id}: ${(s.reason as Error).message}`] : []));
    assert.deepEqual(failed, []);
    assert.deepEqual(
      settled.map((s) => (s as PromiseFulfilledResult<number>).value),
      Array.from({ length: TASKS }, (_, id) => id),
    );
    const runs = runsPerId(file);
    for (let id = 0; id < TASKS; id++) assert.equal(runs.get(id), 1, `task ${id} ran ${runs.get(id) ?? 0} times`);
  });
}

for (const [name, make] of executors) {
  test(`${name}: a task whose module kills every worker that loads it fails after the second death, and the pool goes on`, async () => {
    await using pool = make(1);
    const deadly = task<() => string>(new URL('./fixtures/kills-its-worker-while-loading.ts', import.meta.url), 'neverCalled');
    await assert.rejects(Promise.resolve(pool.submit(deadly)), (error: Error) => {
      assert.match(error.message, /while loading this task's function or arguments, the second worker to die that way/);
      assert.equal((error.cause as Error).message, 'this module kills its worker while loading');
      return true;
    });
    assert.equal(await pool.submit((x: number) => x * 2, 21), 42);
  });
}
