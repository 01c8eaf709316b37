// The page `ts314 play --html` writes opens in headless Chromium: no errors, no network, every demo with its code, output and charts.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { HOSTILE_ID } from '../../src/play/tstrings.js';
import { requireChromium, visit } from '../bench/report-browser.js';
import { requireBuild, runCli } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The little of the DOM the page-side check uses (the project compiles without the DOM library). */
interface DomNode {
  readonly dataset: Readonly<Record<string, string | undefined>>;
  readonly textContent: string | null;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode> & Iterable<DomNode>;
  getBoundingClientRect(): { readonly width: number; readonly height: number };
}

test('the play page shows each demo with code, output and charts, offline and with values escaped', { timeout: 240_000 }, async () => {
  requireBuild();
  requireChromium();
  using dir = tempDir('play-html');
  const file = join(dir.path, 'play.html');
  const cli = await runCli(['play', 'tstrings', 'pi-zstd', 'sensors', 'gc', '--quick', '--html', file], {
    env: { CI: '1' },
    timeoutMs: 200_000,
  });
  assert.equal(cli.code, 0, cli.stderr);
  const { visit: seen, result } = await visit(file, (page) =>
    page.evaluate(() => {
      const document = (globalThis as unknown as { document: DomNode & { body: DomNode } }).document;
      return {
        demos: [...document.querySelectorAll('section.demo')].map((s) => ({
          name: s.dataset.demo,
          code: s.querySelector('pre.code')?.textContent ?? '',
          output: s.querySelector('pre.output')?.textContent ?? '',
          charts: [...s.querySelectorAll('figure.chart')].map((f) => {
            const box = f.querySelector('svg')!.getBoundingClientRect();
            return {
              kind: f.dataset.chart,
              points: Number(f.dataset.points),
              marks: f.querySelectorAll('circle.point, rect.bar').length,
              width: box.width,
              height: box.height,
            };
          }),
        })),
        scripts: document.querySelectorAll('script').length,
        text: document.body.textContent ?? '',
      };
    }),
  );
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.requests, [pathToFileURL(file).href], 'the page loads nothing');
  assert.equal(result.scripts, 0, 'the hostile id in the output stays text');
  // The CLI prints html()'s escaped markup; the page shows that text as it is, escaped once more.
  assert.ok(HOSTILE_ID.includes('<script>alert(1)</script>'));
  assert.ok(result.text.includes('&lt;script&gt;alert('), 'the printed markup is shown as text');
  assert.deepEqual(
    result.demos.map((d) => d.name),
    ['tstrings', 'pi-zstd', 'sensors', 'gc'],
  );
  for (const d of result.demos) {
    assert.ok(d.code.length > 20, `${d.name}: code excerpt`);
    assert.match(d.output, /Python 3\.14: /, `${d.name}: output ends with the feature line`);
  }
  const charts = Object.fromEntries(result.demos.map((d) => [d.name, d.charts]));
  assert.equal(charts.sensors?.[0]?.kind, 'speedup');
  assert.equal(charts['pi-zstd']?.[0]?.kind, 'compression');
  assert.equal(charts.gc?.[0]?.kind, 'gc-histogram');
  for (const chart of result.demos.flatMap((d) => d.charts)) {
    assert.ok(chart.points > 0 && chart.marks === chart.points, `${chart.kind}: ${chart.marks} marks for ${chart.points} points`);
    assert.ok(chart.width > 200 && chart.height > 100, `${chart.kind} is drawn (${chart.width}×${chart.height})`);
  }
  assert.match(result.demos.find((d) => d.name === 'sensors')!.output, /Zone_7: 100 sensors, 44\.5°C avg, 2491 anomalies/);
});
