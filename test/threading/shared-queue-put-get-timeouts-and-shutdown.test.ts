import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InterpreterPoolExecutor, task } from '../../src/futures/index.js';
import {
  ElementTypeError,
  SharedQueue,
  SharedQueueEmpty,
  SharedQueueError,
  SharedQueueFull,
  SharedQueueShutDown,
} from '../../src/threading/index.js';
import type * as Kernels from './fixtures/shared-kernels.js';

const kernels = new URL('./fixtures/shared-kernels.ts', import.meta.url);

test('numbers come out first in, first out, across the ring wrapping round', () => {
  const q = new SharedQueue(4);
  const out: number[] = [];
  for (let round = 0; round < 5; round++) {
    q.putMany([round, round + 0.5, -round]);
    out.push(q.get(), ...q.getMany(10));
  }
  assert.deepEqual(out, [0, 0.5, -0, 1, 1.5, -1, 2, 2.5, -2, 3, 3.5, -3, 4, 4.5, -4]);
  assert.equal(q.qsize(), 0);
  assert.ok(q.empty());
});

test('putNowait on a full queue raises SharedQueueFull and getNowait on an empty one SharedQueueEmpty', () => {
  const q = new SharedQueue(2, { type: 'int32' });
  q.putNowait(1);
  q.putNowait(2);
  assert.ok(q.full());
  assert.throws(
    () => q.putNowait(3),
    (e: unknown) => e instanceof SharedQueueFull && e instanceof SharedQueueError && /full \(2 slots\)/.test(e.message),
  );
  assert.throws(
    () => q.putMany([3, 4], { timeout: 0 }),
    (e: unknown) => e instanceof SharedQueueFull && e.written === 0,
  );
  assert.equal(q.getNowait(), 1);
  assert.equal(q.getNowait(), 2);
  assert.throws(() => q.getNowait(), SharedQueueEmpty);
});

test('blocking get and put give up after their timeout, not before', async () => {
  const q = new SharedQueue(1);
  let started = performance.now();
  assert.throws(
    () => q.get({ timeout: 60 }),
    (e: unknown) => e instanceof SharedQueueEmpty && /within 60 ms/.test(e.message),
  );
  assert.ok(performance.now() - started >= 55, 'waited for the timeout');
  q.put(1);
  started = performance.now();
  await assert.rejects(q.putAsync(2, { timeout: 60 }), SharedQueueFull);
  assert.ok(performance.now() - started >= 55);
  started = performance.now();
  await assert.rejects(new SharedQueue(3).getAsync({ timeout: 40 }), SharedQueueEmpty);
  assert.ok(performance.now() - started >= 35);
});

test('the main thread awaits numbers a worker puts later, and a blocked putMany resumes as a worker gets', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  const q = new SharedQueue(8);
  const putting = pool.submit(task<typeof Kernels.putLater>(kernels, 'putLater'), q, [7, 8, 9], 100);
  assert.equal(await q.getAsync({ timeout: 10_000 }), 7);
  assert.deepEqual([...(await q.getManyAsync(5, { timeout: 10_000 }))], [8, 9]);
  await putting;
  const values = Array.from({ length: 100 }, (_, i) => i);
  const taking = pool.submit(task<typeof Kernels.takeN>(kernels, 'takeN'), q, 100);
  await q.putManyAsync(values, { timeout: 10_000 }); // 100 numbers through 8 slots
  assert.deepEqual(await taking, values);
});

test('shutdown: puts fail at once, gets drain what is queued and then raise SharedQueueShutDown', async () => {
  const q = new SharedQueue(8);
  q.putMany([1, 2, 3]);
  q.shutdown();
  assert.ok(q.isShutDown);
  assert.throws(() => q.put(4), SharedQueueShutDown);
  assert.equal(q.get(), 1);
  assert.deepEqual([...q.getMany(10)], [2, 3]);
  assert.throws(() => q.get(), SharedQueueShutDown, 'drained: no wait, no timeout needed');
  await assert.rejects(q.getAsync(), SharedQueueShutDown);
  const dropped = new SharedQueue(4);
  dropped.putMany([1, 2]);
  dropped.shutdown({ immediate: true });
  assert.throws(() => dropped.getNowait(), SharedQueueShutDown);
});

test('a consumer sleeping in a worker wakes on close() and ends cleanly', async () => {
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });
  const q = new SharedQueue(16);
  const { SharedArray } = await import('../../src/threading/index.js');
  const seen = SharedArray.create('int32', 10);
  const consuming = pool.submit(task<typeof Kernels.consume>(kernels, 'consume'), q, seen, 10, 4);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await q.putManyAsync([0, 1, 2]);
  q.close();
  assert.equal(await consuming, 3);
  assert.deepEqual([...seen.view.subarray(0, 4)], [1, 1, 1, 0]);
});

test('bad input: capacity, type, values that do not fit, timeouts and options', () => {
  assert.throws(() => new SharedQueue(0), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /capacity must be an integer from 1/,
  });
  assert.throws(() => new SharedQueue(1.5), { name: 'InvalidArgumentError', code: 'ERR_INVALID_ARGUMENT' });
  assert.throws(
    () => new SharedQueue(4, { type: 'flaot64' as 'float64' }),
    (e: unknown) => e instanceof ElementTypeError && /Did you mean 'float64'/.test(e.message),
  );
  assert.throws(() => new SharedQueue(4, { type: 'bigint64' as 'float64' }), ElementTypeError);
  assert.throws(() => new SharedQueue(4, { typ: 'int8' } as object), /unknown option 'typ'\. Did you mean 'type'\?/);
  const bytes = new SharedQueue(4, { type: 'uint8' });
  assert.throws(() => bytes.put(300), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /300 does not fit a uint8 slot/,
  });
  assert.throws(() => bytes.putMany([1, 2.5]), { name: 'InvalidArgumentError', code: 'ERR_INVALID_ARGUMENT', message: /2\.5 \(index 1\)/ });
  assert.equal(bytes.qsize(), 0, 'a refused batch queues nothing');
  const q = new SharedQueue(4);
  assert.throws(() => q.put('1' as unknown as number), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /holds numbers, got string/,
  });
  assert.throws(() => q.get({ timeout: -1 }), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /timeout must be a number of milliseconds >= 0/,
  });
  assert.throws(() => q.get({ timout: 5 } as object), /Did you mean 'timeout'/);
  assert.throws(() => q.getMany(0), { name: 'InvalidArgumentError', code: 'ERR_INVALID_ARGUMENT' });
  assert.throws(() => q.getInto(new Float32Array(4)), /target must be a Float64Array/);
});
