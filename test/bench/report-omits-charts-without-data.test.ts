// A chart with nothing to draw is left out of the report; each chart present declares (and draws) its data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATEGORIES } from '../../src/bench/categories/index.js';
import { renderHtmlReport } from '../../src/bench/report/index.js';
import { runBenchmarks } from '../../src/bench/runner.js';

function charts(html: string): { kind: string; points: number }[] {
  return [...html.matchAll(/<figure class="chart" data-chart="([a-z-]+)" data-points="(\d+)"/g)].map((m) => ({
    kind: m[1]!,
    points: Number(m[2]),
  }));
}

test('a run without parallel, compression or GC rows has only the throughput chart', async () => {
  const definitions = await CATEGORIES.find((c) => c.name === 'general')!.load({ quick: true, workers: [1] });
  const run = await runBenchmarks(definitions, { quick: true, iterations: 2, warmup: 0 });
  const found = charts(renderHtmlReport({ run }));
  assert.deepEqual(found, [{ kind: 'throughput', points: definitions.length }]);
});

test('a run where everything failed has no chart, and the table names each failure', async () => {
  const run = await runBenchmarks(
    [
      {
        name: 'a',
        fn: () => {
          throw new TypeError('first failure');
        },
      },
      {
        name: 'b',
        setup: () => {
          throw new RangeError('second failure');
        },
        fn: () => 1,
      },
    ],
    { quick: true, iterations: 1, warmup: 0 },
  );
  const html = renderHtmlReport({ run });
  assert.deepEqual(charts(html), []);
  assert.match(html, /FAILED \(in fn\): TypeError: first failure/);
  assert.match(html, /FAILED \(in setup\): RangeError: second failure/);
});

test('renderHtmlReport refuses to render nothing', () => {
  assert.throws(() => renderHtmlReport({}), { name: 'TypeError', message: /pass \{ run \} or \{ comparison \}/ });
});
