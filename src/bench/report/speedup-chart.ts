// Speed-up vs workers: one chart per parallel group (rows with params.workers and a baseline), with the ideal line.
import type { BenchResult } from '../result.js';
import { chartFrame, colorOf, CHART_HEIGHT, CHART_WIDTH, MARGIN } from './frame.js';
import { times } from './format.js';
import { groupResults, speedupOf, workersOf } from './groups.js';
import { join, markup, type Fragment } from './markup.js';
import { linearScale } from './scale.js';

interface Point {
  readonly workers: number;
  readonly speedup: number;
  readonly row: BenchResult;
}

/** Series name of a row: its executor param, else its name. */
function seriesOf(row: BenchResult): string {
  const e = row.params.executor;
  return typeof e === 'string' ? e : row.name;
}

/** The speed-up charts of a run: none when no group has parallel rows measured against a baseline. */
export function speedupCharts(results: readonly BenchResult[]): Fragment[] {
  const charts: Fragment[] = [];
  for (const group of groupResults(results)) {
    if (!group.baseline) continue;
    const series = new Map<string, Point[]>();
    for (const row of group.rows) {
      if (row === group.baseline || row.status !== 'ok') continue;
      const workers = workersOf(row);
      const speedup = speedupOf(row, group.baseline);
      if (workers === undefined || speedup === undefined) continue;
      const name = seriesOf(row);
      if (!series.has(name)) series.set(name, []);
      series.get(name)!.push({ workers, speedup, row });
    }
    const points = [...series.values()].flat();
    // Scaling needs at least two worker counts; a group at one count (e.g. per-task overhead) has no curve.
    if (new Set(points.map((p) => p.workers)).size < 2) continue;
    for (const list of series.values()) list.sort((a, b) => a.workers - b.workers);
    const maxWorkers = Math.max(...points.map((p) => p.workers), 2);
    const maxY = Math.max(maxWorkers, ...points.map((p) => p.speedup)) * 1.05;
    const x = linearScale(0, maxWorkers, MARGIN.left, CHART_WIDTH - MARGIN.right, Math.min(maxWorkers, 8));
    const y = linearScale(0, maxY, CHART_HEIGHT - MARGIN.bottom, MARGIN.top);
    const ideal = markup`<line class="ideal" x1="${x(0)}" y1="${y(0)}" x2="${x(maxWorkers)}" y2="${y(maxWorkers)}" stroke="#777" stroke-dasharray="6 4"></line><line class="parity" x1="${x(0)}" y1="${y(1)}" x2="${x(maxWorkers)}" y2="${y(1)}" stroke="#bbb"></line>`;
    const drawn = [...series].map(([name, list], i) => {
      const color = colorOf(i);
      const path = list.map((p) => `${x(p.workers).toFixed(1)},${y(p.speedup).toFixed(1)}`).join(' ');
      const dots = list.map(
        (p) =>
          markup`<circle class="point" cx="${x(p.workers)}" cy="${y(p.speedup)}" r="4" fill="${color}" data-workers="${p.workers}" data-speedup="${p.speedup}"><title>${name} ×${p.workers}: ${times(p.speedup)} (${p.row.name})</title></circle>`,
      );
      return markup`<g class="series" data-series="${name}"><polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"></polyline>${join(dots)}</g>`;
    });
    charts.push(
      chartFrame({
        kind: 'speedup',
        title: `Speed-up vs workers — ${group.category}: ${group.group}`,
        points: points.length,
        x: { scale: x, label: 'workers' },
        y: { scale: y, label: `speed-up vs ${group.baseline.name}`, format: (v) => `${v}×` },
        body: join([ideal, ...drawn]),
        legend: [
          ...[...series.keys()].map((label, i) => ({ label, color: colorOf(i) })),
          { label: 'ideal (speed-up = workers)', color: '#777', dashed: true },
        ],
      }),
    );
  }
  return charts;
}
