// Histogram charts (GC pauses): one bar per non-empty bucket of each result's BenchResult.histogram.
import type { BenchResult, Histogram } from '../result.js';
import { chartFrame, CHART_HEIGHT, CHART_WIDTH, MARGIN } from './frame.js';
import { number } from './format.js';
import { join, markup, type Fragment } from './markup.js';
import { linearScale } from './scale.js';

function bucketLabel(h: Histogram, i: number): string {
  return `${number(h.edges[i]!)}–${number(h.edges[i + 1] ?? h.edges[i]!)}`;
}

/** One chart per result that carries a histogram with at least one count. */
export function histogramCharts(results: readonly BenchResult[]): Fragment[] {
  const charts: Fragment[] = [];
  for (const row of results) {
    const h = row.histogram;
    if (row.status !== 'ok' || !h || h.counts.length === 0) continue;
    const total = h.counts.reduce((a, b) => a + b, 0);
    if (!(total > 0)) continue;
    const n = h.counts.length;
    const left = MARGIN.left;
    const width = (CHART_WIDTH - MARGIN.right - left) / n;
    const y = linearScale(0, Math.max(...h.counts) * 1.1, CHART_HEIGHT - MARGIN.bottom, MARGIN.top);
    const bars: Fragment[] = [];
    const labels: Fragment[] = [];
    // Edge values under the bucket boundaries: short enough to label every one.
    h.edges.slice(0, n + 1).forEach((edge, i) => {
      labels.push(
        markup`<text class="tick" x="${left + width * i}" y="${CHART_HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${number(edge)}</text>`,
      );
    });
    h.counts.forEach((count, i) => {
      const cx = left + width * (i + 0.5);
      if (count <= 0) return;
      bars.push(
        markup`<rect class="bar" x="${left + width * i + 2}" y="${y(count)}" width="${width - 4}" height="${y(0) - y(count)}" data-count="${count}"><title>${bucketLabel(h, i)} ${h.unit}: ${count}</title></rect><text class="value" x="${cx}" y="${y(count) - 4}" text-anchor="middle">${count}</text>`,
      );
    });
    charts.push(
      chartFrame({
        kind: 'histogram',
        title: `Histogram — ${row.category}: ${row.name}`,
        points: bars.length,
        y: { scale: y, label: 'count' },
        body: join([
          ...labels,
          markup`<text class="label" x="${(left + CHART_WIDTH - MARGIN.right) / 2}" y="${CHART_HEIGHT - 8}" text-anchor="middle">${h.unit}</text>`,
          ...bars,
        ]),
        caption: `${total} values; a bucket a–b holds values from a up to (not including) b.`,
      }),
    );
  }
  return charts;
}
