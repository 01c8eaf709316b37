// Compression speed vs ratio: a scatter of every codec row (metrics.ratio, params.bytes), MB/s from the timed mean.
import type { BenchResult } from '../result.js';
import { chartFrame, colorOf, CHART_HEIGHT, CHART_WIDTH, MARGIN } from './frame.js';
import { number } from './format.js';
import { join, markup, type Fragment } from './markup.js';
import { linearScale, logDomain, logScale } from './scale.js';

interface Point {
  readonly label: string;
  readonly direction: string;
  readonly ratio: number;
  readonly mbPerSec: number;
}

/** Throughput in MB/s (10^6 bytes) of uncompressed data: `bytes` per timed mean. */
function mbPerSecond(row: BenchResult): number | undefined {
  const metric = row.metrics?.mbPerSec;
  if (typeof metric === 'number' && metric > 0) return metric;
  const bytes = row.params.bytes;
  if (typeof bytes !== 'number' || !row.stats || row.stats.mean <= 0) return undefined;
  return bytes / (row.stats.mean / 1000) / 1e6;
}

/** The scatter, or nothing when no row reports a compression ratio. */
export function compressionChart(results: readonly BenchResult[]): Fragment[] {
  const points: Point[] = [];
  for (const row of results) {
    const ratio = row.metrics?.ratio;
    if (row.status !== 'ok' || typeof ratio !== 'number' || !(ratio > 0)) continue;
    const mbPerSec = mbPerSecond(row);
    if (mbPerSec === undefined) continue;
    const codec = typeof row.params.codec === 'string' ? row.params.codec : row.name;
    const direction = typeof row.params.direction === 'string' ? row.params.direction : row.group;
    points.push({ label: codec, direction, ratio, mbPerSec });
  }
  if (points.length === 0) return [];
  const ratios = points.map((p) => p.ratio);
  const x = linearScale(Math.min(...ratios) * 0.9, Math.max(...ratios) * 1.1, MARGIN.left, CHART_WIDTH - MARGIN.right);
  const [lo, hi] = logDomain(points.map((p) => p.mbPerSec));
  const y = logScale(lo, hi, CHART_HEIGHT - MARGIN.bottom, MARGIN.top);
  const directions = [...new Set(points.map((p) => p.direction))];
  const marks = points.map((p) => {
    const color = colorOf(directions.indexOf(p.direction));
    return markup`<g class="point" data-ratio="${p.ratio}" data-mb-per-sec="${p.mbPerSec}"><circle cx="${x(p.ratio)}" cy="${y(p.mbPerSec)}" r="5" fill="${color}"><title>${p.label} ${p.direction}: ratio ${number(p.ratio)}, ${number(p.mbPerSec)} MB/s</title></circle><text x="${x(p.ratio) + 8}" y="${y(p.mbPerSec) + 4}">${p.label}</text></g>`;
  });
  return [
    chartFrame({
      kind: 'compression',
      title: 'Compression: speed vs ratio',
      points: points.length,
      x: { scale: x, label: 'compression ratio (original / compressed)' },
      y: { scale: y, label: 'MB/s of uncompressed data (log)' },
      body: join(marks),
      legend: directions.map((label, i) => ({ label, color: colorOf(i) })),
      caption: 'Up and to the right is better. MB/s is the payload size divided by the measured mean time per call.',
    }),
  ];
}
