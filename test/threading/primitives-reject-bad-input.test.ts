import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AtomicCounter,
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  InvalidArgumentError,
  Lock,
  RLock,
  Semaphore,
  ThreadingError,
} from '../../src/threading/index.js';

function invalid(pattern: RegExp): (e: unknown) => boolean {
  return (e: unknown) => {
    assert.ok(e instanceof InvalidArgumentError, `expected InvalidArgumentError, got ${String(e)}`);
    assert.ok(e instanceof ThreadingError);
    assert.equal(e.code, 'ERR_INVALID_ARGUMENT');
    assert.match(e.message, pattern);
    return true;
  };
}

test('Lock/RLock acquire options: no timeout when non-blocking, no negative timeout (Infinity waits for ever), no unknown keys', () => {
  for (const lock of [new Lock(), new RLock()]) {
    const name = lock.constructor.name;
    assert.throws(
      () => lock.acquire({ blocking: false, timeout: 5 }),
      invalid(new RegExp(`${name}\\.acquire\\(\\): can't specify a timeout \\(5 ms\\) for a non-blocking acquire`)),
    );
    assert.throws(
      () => lock.acquire({ timeout: -5 }),
      invalid(/timeout must be a number of milliseconds >= 0 \(omit it or pass Infinity to wait for ever\), got -5/),
    );
    assert.throws(() => lock.acquire({ timeout: -1 }), invalid(/got -1/), "-1 is Python's spelling of for ever; ts314 spells it Infinity");
    assert.throws(() => lock.acquire({ timout: 5 } as never), invalid(/unknown option 'timout'\. Did you mean 'timeout'\?/));
    assert.throws(() => lock.acquire({ timeout: Number.NaN }), invalid(/timeout must be a number of milliseconds >= 0 .*got NaN/));
    assert.throws(() => lock.acquire({ timeout: '5' as never }), invalid(/got "5"/));
    assert.throws(() => lock.acquire({ blocking: 'no' as never }), invalid(/blocking must be a boolean/));
    assert.throws(() => lock.acquire({ blocking: false, timeout: Infinity }), invalid(/can't specify a timeout/));
    assert.equal(lock.acquire({ blocking: false }), true);
    lock.release();
    assert.equal(lock.acquire({ timeout: Infinity }), true);
    lock.release();
  }
});

test('semaphores reject negative or fractional counts and release(n < 1)', () => {
  assert.throws(() => new Semaphore(-1), invalid(/Semaphore: the initial value must be an integer from 0 to 2147483647, got -1/));
  assert.throws(() => new BoundedSemaphore(1.5), invalid(/BoundedSemaphore: the initial value/));
  const sem = new Semaphore(0);
  assert.throws(() => sem.release(0), invalid(/n must be an integer from 1/));
  assert.throws(() => sem.acquire({ blocking: false, timeout: 1 }), invalid(/can't specify a timeout/));
  assert.throws(() => sem.acquire({ blockng: false } as never), invalid(/Did you mean 'blocking'\?/));
  assert.throws(() => sem.acquire({ timeout: -3 }), invalid(/timeout must be a number of milliseconds >= 0/));
  assert.equal(sem.acquire({ timeout: 0 }), false, 'a zero timeout only tries once');
});

test('Barrier rejects party counts it cannot honour and unknown options', () => {
  for (const parties of [0, -2, 1.5, 70_000, Number.NaN]) {
    assert.throws(
      () => new Barrier(parties),
      invalid(/Barrier: parties must be an integer from 1 to 65535 \(the number of threads that wait each round\)/),
    );
  }
  assert.throws(() => new Barrier(2, { actoin: () => 1 } as never), invalid(/unknown option 'actoin'\. Did you mean 'action'\?/));
  assert.throws(() => new Barrier(2, { action: 5 as never }), invalid(/action must be a function/));
  assert.throws(() => new Barrier(2, { timeout: 'soon' as never }), invalid(/timeout must be a number/));
  assert.throws(() => new Barrier(2, { action: Math.max as never }), /native or bound function/);
});

test('Condition needs a ts314 lock, known options, and reports too many waiters', async () => {
  assert.throws(() => new Condition({} as never), invalid(/lock must be a ts314 Lock or RLock/));
  assert.throws(() => new Condition(undefined, { maxWaiter: 2 } as never), invalid(/Did you mean 'maxWaiters'\?/));
  assert.throws(() => new Condition(undefined, { maxWaiters: 0 }), invalid(/maxWaiters must be an integer from 1/));
  const cond = new Condition(new RLock(), { maxWaiters: 1 });
  await cond.acquireAsync();
  const first = cond.waitAsync(5000);
  await cond.acquireAsync();
  await assert.rejects(
    cond.waitAsync(10),
    (e: unknown) =>
      e instanceof ThreadingError &&
      e.code === 'ERR_TOO_MANY_WAITERS' &&
      /more than 1 threads are waiting at once; create the Condition with a larger maxWaiters/.test(e.message),
  );
  assert.throws(() => cond.notify(-1), invalid(/n must be a non-negative integer/));
  cond.notify();
  cond.release();
  assert.equal(await first, true);
  cond.release();
});

test('AtomicCounter, Event and fromBuffer reject values of the wrong kind', () => {
  assert.throws(() => new AtomicCounter(1.5), invalid(/Int32 integer \(or a bigint for 64 bits\), got 1\.5/));
  assert.throws(() => new AtomicCounter(2 ** 31), invalid(/Int32 integer/));
  assert.throws(() => new AtomicCounter(2n ** 70n), invalid(/fit in 64 signed bits/));
  assert.throws(() => new AtomicCounter().add(1n as never), invalid(/add\(\): expected an Int32 integer number, got 1n/));
  assert.throws(() => new AtomicCounter().set(2 ** 40), invalid(/set\(\): expected an Int32 integer number, got 1099511627776/));
  assert.throws(
    () => new AtomicCounter(0n).add(1 as never),
    invalid(/expected a bigint that fits in 64 signed bits \(this is a 64-bit counter\)/),
  );
  assert.throws(() => new Event().wait('x' as never), invalid(/Event\.wait\(\): timeout must be a number/));
  assert.throws(() => new Event().wait(-1), invalid(/Event\.wait\(\): timeout must be a number of milliseconds >= 0/));
  assert.throws(() => new Event().wait({ timout: 1 } as never), invalid(/Did you mean 'timeout'\?/));
  assert.equal(new Event().wait({ timeout: 0 }), false, 'the timeout may also be given as { timeout }');
  assert.throws(() => Lock.fromBuffer(new RLock().buffer), invalid(/belongs to an RLock; use RLock\.fromBuffer\(\)/));
  assert.throws(() => RLock.fromBuffer(new SharedArrayBuffer(4)), invalid(/expected the SharedArrayBuffer of a RLock/));
  assert.throws(() => Event.fromBuffer(new Lock().buffer), invalid(/expected the SharedArrayBuffer of an Event/));
  assert.throws(() => BoundedSemaphore.fromBuffer(new Semaphore(1).buffer), invalid(/belongs to an unbounded Semaphore/));
});
