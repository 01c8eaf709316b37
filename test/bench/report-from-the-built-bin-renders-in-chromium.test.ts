// The built bin, under plain Node, runs the parallel categories (workers load dist/bench/workloads/*.js) and writes an HTML report Chromium renders.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { BenchRun } from '../../src/bench/result.js';
import { requireBuild, runCli } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';
import { requireChromium, visit } from './report-browser.js';

interface DomNode {
  readonly dataset: Readonly<Record<string, string | undefined>>;
  querySelectorAll(selector: string): ArrayLike<DomNode> & Iterable<DomNode>;
}

test('ts314 bench --html from dist: pool workers load the .js workloads and the report renders with speed-up charts', async () => {
  requireChromium();
  requireBuild();
  using dir = tempDir('bench-bin');
  const json = dir.join('run.json');
  const html = dir.join('report.html');
  const result = await runCli(
    [
      'bench',
      '--quick',
      '--category',
      'cpu,threading',
      '--filter',
      'float|sensor',
      '--workers',
      '1,2',
      '--iterations',
      '2',
      '--warmup',
      '0',
      '--output',
      json,
      '--html',
      html,
    ],
    { timeoutMs: 120_000 },
  );
  assert.equal(result.code, 0, `bench failed:\n${result.stdout}\n${result.stderr}`);
  const run = JSON.parse(readFileSync(json, 'utf8')) as BenchRun;
  assert.deepEqual(
    run.results.map((r) => [r.category, r.params.workers, r.status]),
    [
      ['cpu', 1, 'ok'],
      ['cpu', 1, 'ok'],
      ['cpu', 2, 'ok'],
      ['threading', 1, 'ok'],
      ['threading', 1, 'ok'],
      ['threading', 2, 'ok'],
    ],
  );
  const { visit: seen, result: charts } = await visit(html, (page) =>
    page.evaluate(() =>
      [...(globalThis as unknown as { document: DomNode }).document.querySelectorAll('figure.chart')].map(
        (f) => [f.dataset.chart, Number(f.dataset.points)] as const,
      ),
    ),
  );
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.requests, [pathToFileURL(html).href]);
  // One speed-up chart per group (two pool points each), then the throughput bars for all six rows.
  assert.deepEqual(charts, [
    ['speedup', 2],
    ['speedup', 2],
    ['throughput', 6],
  ]);
});
