import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, InterpreterPoolExecutor, ThreadPoolExecutor, TimeoutError, task } from '../../src/futures/index.js';

const fixtures = new URL('./fixtures/tasks.ts', import.meta.url);

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

async function* asyncRange(n: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    await new Promise((r) => setImmediate(r));
    yield i;
  }
}

test('map yields results in input order across workers, with and without chunksize', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  const input = Array.from({ length: 200 }, (_, i) => i);
  // Later items finish first, so order must come from map, not from completion.
  const slowFirst = (x: number): number => {
    const end = Date.now() + (x < 4 ? 20 : 0);
    while (Date.now() < end);
    return x * 2;
  };
  assert.deepEqual(
    await collect(pool.map(slowFirst, input)),
    input.map((x) => x * 2),
  );
  assert.deepEqual(
    await collect(pool.map(slowFirst, input, { chunksize: 16 })),
    input.map((x) => x * 2),
  );
});

test('map zips several sync and async iterables and stops at the shortest', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  assert.deepEqual(await collect(pool.map((a: number, b: number) => `${b}${a}`, [1, 2, 3, 4], asyncRange(3), { chunksize: 2 })), [
    '01',
    '12',
    '23',
  ]);
  const zipped = await collect(pool.map((a: number, b: number) => a * 10 + b, asyncRange(5), [9, 8, 7]));
  assert.deepEqual(zipped, [9, 18, 27]);
});

test("a task's error is thrown at its own position, after the results before it", async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  for (const chunksize of [1, 3]) {
    const seen: number[] = [];
    await assert.rejects(
      async () => {
        for await (const v of pool.map(
          (x: number) => {
            if (x === 4) throw new RangeError(`bad item ${x}`);
            return x;
          },
          [0, 1, 2, 3, 4, 5, 6],
          { chunksize },
        ))
          seen.push(v);
      },
      (e: unknown) => e instanceof RangeError && e.message === 'bad item 4',
    );
    assert.deepEqual(seen, [0, 1, 2, 3], `chunksize ${chunksize}`);
  }
});

test('buffersize keeps at most buffersize + 1 tasks ahead of the consumer, even for an endless generator', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  const started = new Int32Array(new SharedArrayBuffer(4));
  function* endless(): Generator<number> {
    for (let i = 0; ; i++) yield i;
  }
  const bump = (c: Int32Array, _i: number): number => Atomics.add(c, 0, 1);
  let pulled = 0;
  function* counted(): Generator<Int32Array> {
    for (;;) {
      pulled++;
      yield started;
    }
  }
  const iterator = pool.map(bump, counted(), endless(), { buffersize: 4 });
  assert.equal(pulled, 4, 'buffersize tasks submitted at the call');
  const first = await iterator.next();
  assert.equal(first.done, false);
  assert.equal(pulled, 5, 'one more submitted before waiting for the oldest');
  for (let i = 0; i < 20; i++) await iterator.next();
  assert.equal(pulled, 25);
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(Atomics.load(started, 0) <= 25, `at most 25 tasks ran, got ${Atomics.load(started, 0)}`);
  await iterator.return!(undefined);
});

test('buffersize is validated with Python 3.14 messages', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  assert.throws(
    () => pool.map((x: number) => x, [1], { buffersize: 0 }),
    (e: unknown) => e instanceof RangeError && /buffersize must be undefined or > 0/.test(e.message),
  );
  assert.throws(
    () => pool.map((x: number) => x, [1], { buffersize: 1.5 }),
    (e: unknown) => e instanceof TypeError && /buffersize must be an integer or undefined/.test(e.message),
  );
  assert.throws(() => pool.map((x: number) => x, [1], { buffersize: '2' as never }), TypeError);
  assert.throws(() => pool.map((x: number) => x, [1], { chunksize: 0 }), /chunksize must be >= 1/);
  assert.throws(
    () => pool.map((x: number) => x, [1], { bufersize: 2 } as never),
    /unknown option 'bufersize'. Did you mean 'buffersize'\?/,
  );
  assert.throws(() => pool.map((x: number) => x, 5 as never), /must be an iterable/);
});

test('closing the map iterator early cancels the pending futures', async () => {
  await using pool = new ThreadPoolExecutor({ maxWorkers: 1 });
  const ran: number[] = [];
  const iterator = pool.map(
    async (x: number) => {
      ran.push(x);
      await new Promise((r) => setTimeout(r, 5));
      return x;
    },
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  for await (const v of iterator) if (v === 1) break;
  await pool.shutdown();
  assert.ok(ran.length <= 3, `ran ${ran.join(',')}`);
});

test('map timeout is measured from the call and raises TimeoutError from the iteration', async () => {
  const pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  const spin = task<(ms: number) => number>(fixtures, 'spin');
  await pool.submit(spin, 0); // worker started, so the timeout measures the tasks, not start-up under load
  const got: number[] = [];
  const started = performance.now();
  await assert.rejects(
    async () => {
      for await (const v of pool.map(spin, [0, 5000, 0], { timeout: 400 })) got.push(v);
    },
    (e: unknown) => e instanceof TimeoutError && /not ready within 400 ms of the map\(\) call/.test(e.message),
  );
  assert.ok(performance.now() - started < 4000);
  assert.deepEqual(got, [0]);
  await pool.terminateWorkers();
});

test('ThreadPoolExecutor.map accepts async iterables and closures (nothing is copied)', async () => {
  await using pool = new ThreadPoolExecutor({ maxWorkers: 3 });
  const offset = 100;
  assert.deepEqual(await collect(pool.map(async (x: number) => x + offset, asyncRange(5))), [100, 101, 102, 103, 104]);
  const blocker = pool.submit(() => new Promise((r) => setTimeout(r, 30)));
  const queued = [pool.submit(async () => 1), pool.submit(async () => 2), pool.submit(async () => 3)];
  assert.equal(queued[2]!.cancel(), true, 'a queued call can be cancelled');
  await assert.rejects(queued[2]!.result(), CancelledError);
  assert.deepEqual(await Promise.all([blocker, queued[0], queued[1]]), [undefined, 1, 2]);
});
