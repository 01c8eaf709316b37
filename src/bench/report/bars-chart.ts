// Horizontal bar charts: ops/sec per group for one run, and per-benchmark ratios against the first run for a comparison.
import type { BenchResult, Comparison, ComparisonRow } from '../result.js';
import { chartFrame, colorOf, MARGIN } from './frame.js';
import { rate, times } from './format.js';
import { groupResults } from './groups.js';
import { join, markup, type Fragment } from './markup.js';
import { linearScale, logScale } from './scale.js';

/** Bar charts are wide with a label column, and grow with their row count. */
const WIDTH = 960;
const LABEL_COLUMN = 340;
const ROW_HEIGHT = 22;
/** Room right of the longest bar for its value label. */
const VALUE_COLUMN = 110;
/** Labels longer than this are cut (the full text stays in the bar's tooltip). */
const LABEL_CHARS = 52;

function cut(text: string): string {
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
}

/**
 * One run's throughput: a bar per benchmark, each as a fraction of the fastest row of its group
 * (groups do different work, so only rows within a group compare), labelled with its ops/s.
 */
export function throughputChart(results: readonly BenchResult[]): Fragment[] {
  const groups = groupResults(results)
    .map((g) => ({ g, rows: g.rows.filter((r) => r.status === 'ok' && r.stats && r.stats.opsPerSec > 0) }))
    .filter(({ rows }) => rows.length > 0);
  if (groups.length === 0) return [];
  const lines = groups.reduce((n, { rows }) => n + rows.length + 1, 0);
  const height = MARGIN.top + lines * ROW_HEIGHT + MARGIN.bottom;
  const x = linearScale(0, 1, LABEL_COLUMN, WIDTH - MARGIN.right - VALUE_COLUMN);
  const marks: Fragment[] = [];
  let line = 0;
  let bars = 0;
  groups.forEach(({ g, rows }, gi) => {
    const top = (l: number) => MARGIN.top + l * ROW_HEIGHT;
    marks.push(markup`<text class="group" x="8" y="${top(line) + 15}">${cut(`${g.category}: ${g.group}`)}</text>`);
    line++;
    const best = Math.max(...rows.map((r) => r.stats!.opsPerSec));
    for (const r of rows) {
      const share = r.stats!.opsPerSec / best;
      marks.push(
        markup`<text x="20" y="${top(line) + 15}">${cut(r.name)}</text><rect class="bar" x="${x(0)}" y="${top(line) + 3}" width="${Math.max(1, x(share) - x(0))}" height="${ROW_HEIGHT - 6}" fill="${colorOf(gi)}" data-ops-per-sec="${r.stats!.opsPerSec}"><title>${r.id}: ${rate(r.stats!.opsPerSec)} ops/s</title></rect><text class="value" x="${x(share) + 4}" y="${top(line) + 15}">${rate(r.stats!.opsPerSec)} ops/s</text>`,
      );
      line++;
      bars++;
    }
  });
  return [
    chartFrame({
      kind: 'throughput',
      title: 'Throughput by group (ops/s; bars relative to the fastest row of each group)',
      points: bars,
      width: WIDTH,
      left: LABEL_COLUMN,
      height,
      x: { scale: x, label: 'fraction of the fastest in its group', format: (v) => `${Math.round(v * 100)}%` },
      body: join(marks),
    }),
  ];
}

/** "category: group" of a comparison row, from its id `<category>/<group>/<name>`. */
function groupOf(row: ComparisonRow): string {
  const prefix = `${row.category}/`;
  const suffix = `/${row.name}`;
  const group = row.id.startsWith(prefix) && row.id.endsWith(suffix) ? row.id.slice(prefix.length, row.id.length - suffix.length) : '';
  return group && group !== row.name ? `${row.category}: ${group}` : row.category;
}

/**
 * A comparison's ratios: for each benchmark, a bar per later run from 1× to its mean-time ratio
 * against the first run, on a log axis (right of 1× = slower). Significant differences are marked *.
 */
export function comparisonChart(comparison: Comparison): Fragment[] {
  const runs = comparison.labels.length;
  const rows = comparison.rows.filter((r) => r.ratios.some((v, i) => i > 0 && v !== null && v > 0));
  if (runs < 2 || rows.length === 0) return [];
  const ratios = rows.flatMap((r) => r.ratios.filter((v, i): v is number => i > 0 && v !== null && v > 0));
  const extent = Math.max(2, ...ratios.map((v) => Math.max(v, 1 / v))) * 1.1;
  const x = logScale(1 / extent, extent, LABEL_COLUMN, WIDTH - MARGIN.right - VALUE_COLUMN);
  const perRow = runs - 1;
  const groups = new Set(rows.map(groupOf)).size;
  const lines = rows.length * perRow + groups;
  const height = MARGIN.top + lines * ROW_HEIGHT + rows.length * 4 + MARGIN.bottom;
  const marks: Fragment[] = [
    markup`<line class="parity" x1="${x(1)}" x2="${x(1)}" y1="${MARGIN.top}" y2="${height - MARGIN.bottom}" stroke="#333"></line>`,
  ];
  let y = MARGIN.top;
  let bars = 0;
  let currentGroup: string | undefined;
  for (const row of rows) {
    // Group headers, as in the throughput chart: names like "sequential" repeat across groups.
    if (groupOf(row) !== currentGroup) {
      currentGroup = groupOf(row);
      marks.push(markup`<text class="group" x="8" y="${y + 15}">${cut(currentGroup)}</text>`);
      y += ROW_HEIGHT;
    }
    marks.push(markup`<text x="20" y="${y + 15}">${cut(row.name)}</text>`);
    for (let i = 1; i < runs; i++) {
      const ratio = row.ratios[i];
      if (ratio !== null && ratio !== undefined && ratio > 0) {
        const from = Math.min(x(1), x(ratio));
        const mark = row.significant[i] ? ' *' : '';
        marks.push(
          markup`<rect class="bar" x="${from}" y="${y + 3}" width="${Math.max(1, Math.abs(x(ratio) - x(1)))}" height="${ROW_HEIGHT - 6}" fill="${colorOf(i - 1)}" data-ratio="${ratio}" data-significant="${row.significant[i] ? 'true' : 'false'}"><title>${row.id} — ${comparison.labels[i]} vs ${comparison.labels[0]}: ${times(ratio)} the time${mark}</title></rect><text class="value" x="${Math.max(x(1), x(ratio)) + 4}" y="${y + 15}">${times(ratio)}${mark}</text>`,
        );
        bars++;
      }
      y += ROW_HEIGHT;
    }
    y += 4;
  }
  return [
    chartFrame({
      kind: 'comparison',
      title: `Time ratio against ${comparison.labels[0]} (log axis; left of 1× is faster, * = significant)`,
      points: bars,
      width: WIDTH,
      left: LABEL_COLUMN,
      height,
      x: { scale: x, label: `mean time / mean time on ${comparison.labels[0]}`, format: (v) => `${v}×` },
      body: join(marks),
      legend: comparison.labels.slice(1).map((label, i) => ({ label: `${label} vs ${comparison.labels[0]}`, color: colorOf(i) })),
    }),
  ];
}
