// The runner: calls per sample grow to the minimum sample time, sampling follows the budget or --iterations, async fns are awaited.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { defineBench, runBenchmarks, type BenchProgressEvent } from '../../src/bench/index.js';
import { MIN_SAMPLES } from '../../src/bench/runner.js';
import { TINY_BUDGET } from './fixtures.js';

function busy(ms: number): number {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) n++;
  return n;
}

test('a fast fn gets many calls per sample, so each sample lasts at least the minimum sample time', async () => {
  const run = await runBenchmarks([defineBench({ name: 'fast', fn: () => Math.hypot(3, 4) })], {
    budget: { ...TINY_BUDGET, minSampleMs: 1, sampleMs: 50 },
  });
  const stats = run.results[0]!.stats!;
  assert.ok(stats.callsPerSample > 100, `callsPerSample ${stats.callsPerSample}`);
  // The last samples use the final calls per sample; calls only grow while a sample is under half the minimum.
  const last = stats.raw[stats.raw.length - 1]! * stats.callsPerSample;
  assert.ok(last > 0.5, `last sample ${last} ms`);
  assert.ok(stats.samples >= MIN_SAMPLES);
});

test('the sampling budget bounds the time, MIN_SAMPLES is still taken, and --iterations gives exactly N', async () => {
  const run = await runBenchmarks([defineBench({ name: 'slowish', fn: () => busy(8) })], { budget: { ...TINY_BUDGET, sampleMs: 20 } });
  assert.equal(run.results[0]!.stats!.samples, MIN_SAMPLES, 'five 8 ms samples although 20 ms of sampling was allowed');
  const exact = await runBenchmarks([defineBench({ name: 'exact', fn: () => busy(0.05) })], {
    budget: TINY_BUDGET,
    iterations: 7,
    warmup: 0,
  });
  assert.equal(exact.results[0]!.stats!.samples, 7);
  assert.equal(exact.options.iterations, 7);
});

test('maxSamples caps the samples and the note says the interval is wide', async () => {
  const run = await runBenchmarks([defineBench({ name: 'capped', maxSamples: 3, fn: () => busy(1) })], { budget: TINY_BUDGET });
  const result = run.results[0]!;
  assert.equal(result.stats!.samples, 3);
  assert.ok(
    result.notes?.some((n) => /only 3 samples/.test(n)),
    String(result.notes),
  );
});

test("a definition's own notes come first in its result's notes", async () => {
  const run = await runBenchmarks(
    [defineBench({ name: 'noted', notes: ['reference library missing'], maxSamples: 3, fn: () => busy(1) })],
    { budget: TINY_BUDGET },
  );
  assert.deepEqual(run.results[0]!.notes?.slice(0, 2), ['reference library missing', 'only 3 samples: the confidence interval is wide']);
});

test('the hard cap stops a slow benchmark early, with a note', async () => {
  const run = await runBenchmarks([defineBench({ name: 'slow', fn: () => busy(40) })], {
    budget: { ...TINY_BUDGET, sampleMs: 10_000, hardCapMs: 150 },
    iterations: 100,
  });
  const result = run.results[0]!;
  assert.equal(result.status, 'ok');
  assert.ok(result.stats!.samples < 10, `samples ${result.stats!.samples}`);
  assert.ok(
    result.notes?.some((n) => /time cap/.test(n)),
    String(result.notes),
  );
});

test('async fns are awaited: a 5 ms sleep measures about 5 ms per call, per operation with opsPerCall', async () => {
  const run = await runBenchmarks(
    [defineBench({ name: 'sleep', fn: () => sleep(5) }), defineBench({ name: 'sleep per op', opsPerCall: 5, fn: async () => sleep(5) })],
    { budget: TINY_BUDGET, iterations: 5, warmup: 0 },
  );
  // libuv timers run off a cached loop clock, so one can fire up to ~1 ms before hrtime says 5 ms passed.
  assert.ok(run.results[0]!.stats!.min >= 4, `min ${run.results[0]!.stats!.min}`);
  assert.ok(run.results[1]!.stats!.min >= 0.8 && run.results[1]!.stats!.min < 4, `min ${run.results[1]!.stats!.min}`);
  assert.equal(run.results[1]!.stats!.opsPerCall, 5);
});

test('setup state reaches fn, metrics and teardown; gcBetweenSamples is noted; progress events bracket each benchmark', async () => {
  const seen: string[] = [];
  const events: BenchProgressEvent[] = [];
  const run = await runBenchmarks(
    [
      defineBench({
        name: 'stateful',
        gcBetweenSamples: true,
        setup: (context) => ({ items: [1, 2, 3], quick: context.quick, workers: context.workers }),
        fn: (s) => s.items.length,
        metrics: (s) => ({ items: s.items.length }),
        teardown: (s) => void seen.push(`quick=${s.quick} workers=${s.workers.join(',')}`),
      }),
    ],
    { budget: TINY_BUDGET, quick: true, workers: [1, 3], onProgress: (e) => events.push(e) },
  );
  const result = run.results[0]!;
  assert.deepEqual(result.metrics, { items: 3 });
  assert.deepEqual(seen, ['quick=true workers=1,3']);
  assert.ok(result.notes?.includes('a full GC ran before each sample (not timed)'));
  assert.deepEqual(
    events.map((e) => e.type),
    ['start', 'end'],
  );
  assert.equal(events[0]!.type === 'start' && events[0]!.id, 'user/stateful/stateful');
  assert.deepEqual(run.options.workers, [1, 3]);
  assert.equal(run.options.quick, true);
});

test('bad run options are rejected', async () => {
  await assert.rejects(runBenchmarks([], { iterations: 0 }), /iterations must be an integer ≥ 1, got 0/);
  await assert.rejects(runBenchmarks([], { warmup: -1 }), /warmup must be an integer ≥ 0/);
  await assert.rejects(runBenchmarks([], { workers: [2, 0] }), /workers must be an integer ≥ 1, got 0/);
});
