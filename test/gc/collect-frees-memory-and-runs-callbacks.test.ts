import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callbacks, collect, getStats, type GCCallbackInfo } from '../../src/gc/index.js';

test('collect() works without --expose-gc and frees a dropped large array (heap drops)', () => {
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'this test must run without --expose-gc');
  collect();
  let big: { i: number }[] | null = Array.from({ length: 2_000_000 }, (_, i) => ({ i }));
  const heapWithArray = getStats().heap.usedHeapSize;
  assert.equal(big.length, 2_000_000);
  big = null;
  const result = collect();
  const heapAfter = getStats().heap.usedHeapSize;
  assert.ok(result.freedBytes > 30_000_000, `freed only ${result.freedBytes} bytes`);
  assert.ok(heapAfter < heapWithArray - 30_000_000, `heap ${heapWithArray} → ${heapAfter}`);
  assert.equal(result.generation, 2);
  assert.ok(result.durationMs >= 0);
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'collect() must not leak a gc global');
});

test('collect(0) runs a young-generation collection; a bad generation is a RangeError', () => {
  assert.equal(collect(0).generation, 0);
  assert.throws(() => collect(3 as never), { name: 'RangeError', message: /generation must be 0, 1 or 2, got 3/ });
});

test("callbacks get 'start' then 'stop' around collect(), and 'stop' for runtime collections", async () => {
  const events: [string, GCCallbackInfo][] = [];
  const callback = (phase: 'start' | 'stop', info: GCCallbackInfo) => events.push([phase, info]);
  callbacks.push(callback);
  try {
    collect();
    assert.deepEqual(
      events.map(([phase, info]) => [phase, info.explicit, info.generation]),
      [
        ['start', true, 2],
        ['stop', true, 2],
      ],
    );
    events.length = 0;
    for (let i = 0; i < 20; i++) Array.from({ length: 100_000 }, (_, j) => ({ j }));
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(events.length > 0, 'no runtime collection reported');
    assert.ok(events.every(([phase, info]) => phase === 'stop' && !info.explicit && info.pause !== undefined));
  } finally {
    callbacks.splice(callbacks.indexOf(callback), 1);
  }
  events.length = 0;
  collect();
  assert.equal(events.length, 0, 'a removed callback is not called');
  assert.throws(() => callbacks.push(42 as never), /gc\.callbacks only holds functions/);
});

test('getStats() reports heap, every V8 space and observed collection counts', () => {
  const stats = getStats();
  assert.ok(stats.heap.usedHeapSize > 0 && stats.heap.heapSizeLimit > stats.heap.usedHeapSize);
  const names = stats.spaces.map((s) => s.name);
  for (const space of ['new_space', 'old_space', 'code_space', 'large_object_space']) assert.ok(names.includes(space), space);
  assert.ok(stats.collections.major > 0, 'the collect() calls above were counted');
});
