import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GC_KINDS, monitor, type GCPause } from '../../src/gc/index.js';

/** The seed's workload shape: batches of rows with nested objects, most of them garbage soon after. */
function allocate(batches: number, rows: number): number {
  let kept = 0;
  for (let b = 0; b < batches; b++) {
    const batch = Array.from({ length: rows }, (_, i) => ({ id: i, nested: { value: i * 1.5, tags: [`t${i % 7}`, 'x'] } }));
    kept += batch.filter((r) => r.id % 1000 === 0).length;
  }
  return kept;
}

test('monitor records scavenges under an allocation-heavy workload, each reported to onPause', async () => {
  const seen: GCPause[] = [];
  const handle = monitor({ onPause: (p) => seen.push(p) });
  const t0 = performance.now();
  assert.ok(allocate(6, 80_000) > 0);
  const summary = await handle.stop();
  const t1 = performance.now();
  assert.ok(summary.all.count > 0, 'no GC pause observed');
  assert.ok((summary.byKind.minor?.count ?? 0) > 0, 'no minor (scavenge) pause observed');
  assert.equal(seen.length, summary.all.count);
  assert.deepEqual(seen, [...handle.pauses]);
  for (const p of handle.pauses) {
    assert.ok(GC_KINDS.includes(p.kind));
    assert.ok(p.duration >= 0 && p.start >= t0 - 1 && p.start <= t1 + 1, `pause at ${p.start} outside the monitoring window`);
  }
  const s = summary.all;
  assert.ok(s.p50 <= s.p95 && s.p95 <= s.p99 && s.p99 <= s.max);
  assert.ok(Math.abs(s.mean - s.total / s.count) < 1e-9);
  assert.equal(
    Object.values(summary.byKind).reduce((n, k) => n + k.count, 0),
    s.count,
  );
});

test('summary() right after synchronous work may lag; flush() brings it up to date', async () => {
  const handle = monitor();
  allocate(3, 80_000);
  await handle.flush();
  const flushed = handle.summary().all.count;
  assert.ok(flushed > 0);
  await handle.stop();
});

test('after stop() nothing more is recorded', async () => {
  const handle = monitor();
  allocate(1, 50_000);
  const final = await handle.stop();
  allocate(3, 80_000);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(handle.pauses.length, final.all.count);
  assert.equal(handle.active, false);
});

test('kinds filters, Symbol.dispose stops, and a misspelled option gets a suggestion', async () => {
  {
    using handle = monitor({ kinds: ['major'] });
    allocate(2, 80_000);
    await handle.flush();
    assert.ok(handle.pauses.every((p) => p.kind === 'major'));
  }
  assert.throws(() => monitor({ onPuase: () => {} } as never), /gc\.monitor: unknown option 'onPuase'\. Did you mean 'onPause'\?/);
  assert.throws(() => monitor({ onPause: 5 } as never), /onPause must be a function/);
  assert.throws(() => monitor({ kinds: ['mayjor'] } as never), /unknown GC kind 'mayjor'\. Did you mean 'major'\?/);
});

test('pauses from before monitor() started are not attributed to it, even when delivered late', async () => {
  allocate(3, 80_000); // its entries are still in flight: nothing has yielded to the event loop yet
  const startedAt = performance.now();
  const handle = monitor();
  await handle.flush();
  assert.ok(
    handle.pauses.every((p) => p.start >= startedAt),
    'a pause from before monitor() was recorded',
  );
  await handle.stop();
});
