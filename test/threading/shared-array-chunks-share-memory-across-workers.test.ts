import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InterpreterPoolExecutor, task } from '../../src/futures/index.js';
import { create } from '../../src/interpreters/index.js';
import { SharedArray } from '../../src/threading/index.js';
import type * as Kernels from './fixtures/shared-kernels.js';

const kernels = new URL('./fixtures/shared-kernels.ts', import.meta.url);
const fillWithIndex = task<typeof Kernels.fillWithIndex>(kernels, 'fillWithIndex');

test('chunks(n) cover the array contiguously, sizes differ by at most one, and share its memory', () => {
  const array = SharedArray.create('float64', 10);
  const parts = array.chunks(3);
  assert.deepEqual(
    parts.map((p) => [p.start, p.length]),
    [
      [0, 4],
      [4, 3],
      [7, 3],
    ],
  );
  for (const part of parts) {
    assert.equal(part.buffer, array.buffer, 'same SharedArrayBuffer, no copy');
    assert.equal(part.byteOffset, part.start * 8);
  }
  parts[1]!.view[0] = 42;
  assert.equal(array.view[4], 42);
  const nested = parts[2]!.chunks(2);
  assert.deepEqual(
    nested.map((p) => [p.start, p.end]),
    [
      [7, 9],
      [9, 10],
    ],
  );
});

test('a worker writes into its chunk and the main thread reads the writes in the original array', async () => {
  const array = SharedArray.create('float64', 1000);
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  const reports = await Promise.all(array.chunks(4).map((chunk) => pool.submit(fillWithIndex, chunk, 0.5)));
  for (let i = 0; i < array.length; i++) assert.equal(array.view[i], i + 0.5);
  assert.deepEqual(
    reports.map((r) => [r.start, r.length]),
    [
      [0, 250],
      [250, 250],
      [500, 250],
      [750, 250],
    ],
  );
  assert.ok(
    reports.every((r) => r.threadId !== 0),
    'ran in worker threads',
  );
  assert.ok(
    reports.every((r) => r.tag === '[object SharedArray<float64>]'),
    'the worker got a SharedArray, not a plain copy',
  );
});

test('slice() views the same memory in an interpreter too, and every element type round-trips', async () => {
  const ints = SharedArray.from(new Int32Array([1, 2, 3, 4, 5, 6]));
  assert.equal(ints.type, 'int32');
  const middle = ints.slice(2, -1);
  assert.deepEqual([...middle.view], [3, 4, 5]);
  assert.equal(middle.start, 2);
  const interp = create();
  try {
    await interp.call((view: SharedArray<'int32'>) => {
      for (let i = 0; i < view.length; i++) view.view[i] = -view.view[i]!;
    }, middle);
  } finally {
    interp.close();
  }
  assert.deepEqual([...ints.view], [1, 2, -3, -4, -5, 6]);
  assert.equal(SharedArray.from([1, 2.5]).type, 'float64');
  assert.equal(SharedArray.from([1n, 2n]).type, 'bigint64');
  assert.deepEqual([...SharedArray.from([250, 5], 'uint8').view], [250, 5]);
  assert.equal(SharedArray.create('biguint64', 3).view.constructor, BigUint64Array);
});
