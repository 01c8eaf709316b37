// The HTML report of a real run opens in headless Chromium with no errors, no network, escaped names and data in every chart.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { CATEGORIES } from '../../src/bench/categories/index.js';
import type { BenchDefinition } from '../../src/bench/definition.js';
import { renderHtmlReport } from '../../src/bench/report/index.js';
import { compareRuns } from '../../src/bench/compare.js';
import { runBenchmarks } from '../../src/bench/runner.js';
import { tempDir } from '../helpers/temp-dir.js';
import { requireChromium, visit } from './report-browser.js';

/** A name a user could give a benchmark: markup that must show as text and never run or load. */
const HOSTILE = `<script>alert("x")</script> & <img src=x onerror=alert(1)>`;

async function load(name: string, keep: (d: BenchDefinition) => boolean = () => true): Promise<BenchDefinition[]> {
  const category = CATEGORIES.find((c) => c.name === name);
  assert.ok(category, `category ${name} exists`);
  return (await category.load({ quick: true, workers: [1, 2] })).filter(keep);
}

/** Marks each chart kind draws per data point, so the test counts what is drawn, not only the attribute. */
const MARK_SELECTOR: Record<string, string> = {
  speedup: 'circle.point',
  compression: 'g.point',
  histogram: 'rect.bar',
  throughput: 'rect.bar',
  comparison: 'rect.bar',
};

/** The little of the DOM the page-side checks use (the project compiles without the DOM library). */
interface DomNode {
  readonly dataset: Readonly<Record<string, string | undefined>>;
  readonly textContent: string | null;
  readonly innerText: string;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode> & Iterable<DomNode>;
  getBoundingClientRect(): { readonly width: number; readonly height: number };
}
interface DomDocument {
  readonly body: DomNode;
  querySelectorAll(selector: string): ArrayLike<DomNode> & Iterable<DomNode>;
}

test('the report of a real run renders in Chromium: no errors, no requests, every chart has data', async () => {
  requireChromium();
  const definitions = [
    // The float group (sequential and the interpreter pool at 1 and 2 workers) gives a speed-up chart.
    ...(await load('cpu', (d) => d.group!.startsWith('float'))),
    ...(await load('compression')),
    ...(await load('gc')),
    { name: HOSTILE, category: 'user', group: `"quoted" group`, fn: () => HOSTILE.length },
    {
      name: 'throws',
      category: 'user',
      fn: () => {
        throw new Error(`boom <b>${HOSTILE}</b>`);
      },
    },
  ];
  const run = await runBenchmarks(definitions, { quick: true, iterations: 3, warmup: 1, workers: [1, 2] });
  const html = renderHtmlReport({ run });
  using dir = tempDir('report');
  const file = dir.write('report.html', html);
  const { visit: seen, result } = await visit(file, (page) =>
    page.evaluate((selectors) => {
      const document = (globalThis as unknown as { document: DomDocument }).document;
      const charts = [...document.querySelectorAll('figure.chart')].map((figure) => {
        const svg = figure.querySelector('svg')!;
        const box = svg.getBoundingClientRect();
        const kind = figure.dataset.chart ?? '';
        return {
          kind,
          points: Number(figure.dataset.points),
          marks: figure.querySelectorAll(selectors[kind] ?? 'none').length,
          width: box.width,
          height: box.height,
        };
      });
      const failed = [...document.querySelectorAll('tr.failed')].map((tr) => tr.textContent ?? '');
      return {
        charts,
        failed,
        scripts: document.querySelectorAll('script').length,
        images: document.querySelectorAll('img').length,
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees (innerText skips hidden nodes)
        text: document.body.innerText,
        features: document.querySelectorAll('li.feature').length,
        rows: document.querySelectorAll('table.results tr[data-id]').length,
      };
    }, MARK_SELECTOR),
  );
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.requests, [pathToFileURL(file).href], 'the report loads nothing but itself');
  const kinds = new Set(result.charts.map((c) => c.kind));
  for (const kind of ['speedup', 'compression', 'histogram', 'throughput']) assert.ok(kinds.has(kind), `a ${kind} chart is present`);
  for (const chart of result.charts) {
    assert.ok(chart.points > 0, `${chart.kind} chart has data`);
    assert.equal(chart.marks, chart.points, `${chart.kind} chart draws one mark per data point`);
    assert.ok(chart.width > 100 && chart.height > 100, `${chart.kind} chart is laid out (${chart.width}×${chart.height})`);
  }
  // Speed-up: sequential is the baseline, the pool at 1 and 2 workers are the points.
  assert.equal(result.charts.find((c) => c.kind === 'speedup')!.points, 2);
  // Three codecs, compress and decompress.
  assert.equal(result.charts.find((c) => c.kind === 'compression')!.points, 6);
  assert.equal(result.rows, run.results.length);
  assert.ok(result.features > 0, 'the Available Features block lists features');
  // User-controlled strings are text, never markup.
  assert.equal(result.scripts, 0);
  assert.equal(result.images, 0);
  assert.ok(result.text.includes(HOSTILE), 'the hostile benchmark name shows literally');
  assert.equal(result.failed.length, 1);
  assert.match(result.failed[0]!, /FAILED \(in fn\): Error: boom <b><script>/);
});

test('the report of a comparison renders in Chromium with one bar per ratio and each run collapsed below', async () => {
  requireChromium();
  const general = await load('general', (d) => /JSON|regex/.test(d.name));
  const first = await runBenchmarks(general, { quick: true, iterations: 5, warmup: 1 });
  const extra = { name: 'only in the second run', category: 'user', fn: () => JSON.stringify({ a: [1, 2, 3] }).length };
  const second = await runBenchmarks([...general, extra], { quick: true, iterations: 5, warmup: 1 });
  const comparison = compareRuns([first, second], ['first.json', 'second.json']);
  using dir = tempDir('report');
  const file = dir.write('comparison.html', renderHtmlReport({ comparison, runs: [first, second] }));
  const { visit: seen, result } = await visit(file, (page) =>
    page.evaluate(() => {
      const document = (globalThis as unknown as { document: DomDocument }).document;
      const figure = [...document.querySelectorAll('figure.chart')].find((f) => f.dataset.chart === 'comparison');
      return {
        points: figure ? Number(figure.dataset.points) : -1,
        bars: figure ? figure.querySelectorAll('rect.bar').length : -1,
        runSections: document.querySelectorAll('section.run').length,
        comparisonRows: document.querySelectorAll('table.comparison tr[data-id]').length,
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees (innerText skips hidden nodes)
        text: document.body.innerText,
      };
    }),
  );
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.requests, [pathToFileURL(file).href]);
  const ratios = comparison.rows.filter((r) => r.ratios[1] !== null).length;
  assert.equal(ratios, general.length, 'every shared benchmark has a ratio');
  assert.equal(result.points, ratios);
  assert.equal(result.bars, ratios);
  assert.equal(result.runSections, 2);
  assert.equal(result.comparisonRows, comparison.rows.length);
  assert.ok(result.text.includes('only in the second run'), 'the benchmark missing from the first run is listed');
});
