import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
  createQueue,
  InvalidArgumentError,
  NotShareableError,
  Queue,
  QueueEmpty,
  QueueError,
  QueueFull,
} from '../../src/interpreters/index.js';

test('putNowait/getNowait are FIFO and qsize/empty/full track the contents', () => {
  const q = createQueue<number>({ maxsize: 3 });
  assert.equal(q.maxsize, 3);
  assert.equal(q.empty(), true);
  q.putNowait(1);
  q.putNowait(2);
  q.putNowait(3);
  assert.equal(q.qsize(), 3);
  assert.equal(q.full(), true);
  assert.throws(
    () => q.putNowait(4),
    (error: Error) => error instanceof QueueFull && error instanceof QueueError && /Queue\(\d+\) is full \(maxsize 3\)/.test(error.message),
  );
  assert.deepEqual([q.getNowait(), q.getNowait(), q.getNowait()], [1, 2, 3]);
  assert.throws(
    () => q.getNowait(),
    (error: Error) => error instanceof QueueEmpty && error instanceof QueueError,
  );
  assert.equal(q.empty(), true);
});

test('items are copies of structured data, including the types JSON loses', () => {
  const q = createQueue();
  const item = {
    n: 1n << 80n,
    d: new Date(5),
    m: new Map([['a', new Set([1])]]),
    u: new Uint16Array([1, 65535]),
    e: new RangeError('r'),
    nested: { list: [undefined, null, NaN] },
  };
  q.putNowait(item);
  const got = q.getNowait() as typeof item;
  assert.deepEqual({ ...got, e: undefined }, { ...item, e: undefined });
  assert.ok(got.e instanceof RangeError);
  assert.notEqual(got, item);
});

test('queues get process-unique increasing ids and Python-style names', () => {
  const a = createQueue();
  const b = createQueue();
  assert.ok(b.id > a.id && a.id > 0);
  assert.equal(String(a), `Queue(${a.id})`);
  assert.equal(inspect(createQueue({ maxsize: 2 })).replace(/\d+,/, 'N,'), 'Queue(N, maxsize=2, qsize=0)');
  assert.ok(a instanceof Queue);
  assert.throws(() => new (Queue as unknown as new (...a: unknown[]) => unknown)(Symbol('x')), /use createQueue\(\)/);
  assert.equal(createQueue({ maxsize: -5 }).maxsize, 0, 'maxsize <= 0 means unbounded');
});

test('put() and get() time out with QueueFull and QueueEmpty after the timeout in ms', async () => {
  const q = createQueue({ maxsize: 1 });
  await q.putAsync('x', { timeout: 0 });
  let started = performance.now();
  await assert.rejects(
    q.putAsync('y', { timeout: 60 }),
    (error: Error) => error instanceof QueueFull && /after waiting 60 ms/.test(error.message),
  );
  assert.ok(performance.now() - started >= 55, 'put waited for the timeout');
  assert.equal(await q.getAsync({ timeout: 0 }), 'x');
  started = performance.now();
  await assert.rejects(
    q.getAsync({ timeout: 60 }),
    (error: Error) => error instanceof QueueEmpty && /is empty after waiting 60 ms/.test(error.message),
  );
  assert.ok(performance.now() - started >= 55, 'get waited for the timeout');
});

test('a blocked put resumes as soon as a get makes room', async () => {
  const q = createQueue({ maxsize: 1 });
  q.putNowait('first');
  const putting = q.putAsync('second', { timeout: 5000 });
  setTimeout(() => q.getNowait(), 30);
  await putting;
  assert.equal(q.getNowait(), 'second');
});

test('bad timeouts and options are clear errors', async () => {
  const q = createQueue();
  await assert.rejects(q.getAsync({ timeout: -1 }), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /timeout must be a number of milliseconds >= 0 .*got -1/,
  });
  await assert.rejects(q.putAsync(1, { timeout: -0.5 }), InvalidArgumentError);
  await assert.rejects(q.getAsync({ timout: 5 } as never), /unknown option 'timout'\. Did you mean 'timeout'\?/);
  assert.throws(() => createQueue({ maxSize: 3 } as never), /Did you mean 'maxsize'\?/);
  assert.throws(() => createQueue({ maxsize: 1.5 }), /maxsize must be an integer/);
  assert.throws(() => createQueue({ byteCapacity: 4 }), RangeError);
});

test('an item larger than the byte capacity is refused clearly, never truncated', () => {
  const q = createQueue({ byteCapacity: 1024 });
  assert.throws(
    () => q.putNowait('x'.repeat(5000)),
    (error: Error & { code?: string }) => {
      assert.ok(error instanceof QueueError);
      assert.equal(error.code, 'ERR_QUEUE_ITEM_TOO_LARGE');
      assert.match(
        error.message,
        /the item needs \d+ bytes serialized but the queue holds 1024 bytes; create the queue with a larger byteCapacity, e\.g\. createQueue\(\{ byteCapacity: 8192 \}\)/,
      );
      return true;
    },
  );
  assert.equal(q.qsize(), 0);
});

test('an unbounded queue whose bytes are used up reports QueueFull, and works again once drained', () => {
  const q = createQueue({ byteCapacity: 256 });
  let stored = 0;
  assert.throws(
    () => {
      for (;;) {
        q.putNowait('y'.repeat(40));
        stored++;
      }
    },
    (error: Error) => error instanceof QueueFull && /bytes hold \d+ items and this one does not fit/.test(error.message),
  );
  assert.ok(stored >= 4);
  assert.equal(q.full(), false, 'an unbounded queue is never full by count');
  q.getNowait();
  q.putNowait('z');
});

test('records that wrap around the ring come back byte-exact', () => {
  const q = createQueue<Uint8Array>({ byteCapacity: 1000 });
  let expected = 0;
  let next = 0;
  for (let round = 0; round < 500; round++) {
    const size = (round * 37) % 200;
    const item = new Uint8Array(size).map((_, i) => (next + i) & 0xff);
    try {
      q.putNowait(item);
      next++;
    } catch (error) {
      assert.ok(error instanceof QueueFull);
    }
    if (round % 3 === 0 || q.qsize() > 4) {
      const got = q.getNowait();
      assert.deepEqual(
        [...got],
        [...got].map((_, i) => (expected + i) & 0xff),
      );
      expected++;
    }
  }
  while (!q.empty()) {
    const got = q.getNowait();
    assert.deepEqual(
      [...got],
      [...got].map((_, i) => (expected + i) & 0xff),
    );
    expected++;
  }
  assert.equal(expected, next);
});

test('functions, class instances, queues and SharedArrayBuffers cannot be items', () => {
  const q = createQueue();
  assert.throws(
    () => q.putNowait({ cb: () => 1 }),
    (error: Error) => error instanceof NotShareableError && (error as NotShareableError).path === 'item.cb',
  );
  assert.throws(() => q.putNowait(new (class Job {})()), /item is not shareable: it is a Job instance/);
  assert.throws(
    () => q.putNowait({ inner: createQueue() }),
    /a Queue \(or other shared object\) cannot be put into a Queue; pass it to the interpreter as a call argument/,
  );
  assert.throws(() => q.putNowait(new SharedArrayBuffer(8)), /SharedArrayBuffers are shared by passing them as call arguments/);
  assert.throws(() => q.putNowait({ [Symbol('tag')]: 1 }), {
    name: 'NotShareableError',
    message: /item\[Symbol\(tag\)\] is not shareable: symbol-keyed properties are dropped/,
  });
  assert.equal(q.qsize(), 0);
});
