// The self-contained, notebook-like HTML page of a play run: per demo its code excerpt, output and charts.
import { chartFrame, colorOf, CHART_HEIGHT, CHART_WIDTH, MARGIN } from '../bench/report/frame.js';
import { join, markup, type Fragment } from '../bench/report/markup.js';
import { linearScale } from '../bench/report/scale.js';
import { STYLES } from '../bench/report/styles.js';
import { HISTOGRAM_BOUNDS_MS } from '../gc/index.js';
import type { DemoName } from './demos.js';
import type { PlayRun } from './json.js';
import type { ScalingRow } from './scaling.js';

/** As the bench report: nothing may be fetched, run or framed; the page works offline. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const PAGE_STYLES = `${STYLES}
section.demo { border-top: 1px solid var(--line); margin-top: 24px; }
pre { background: #f6f6f8; border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; overflow-x: auto; font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; }
pre.code { background: #f3f6fb; } p.feature { color: var(--good); } p.source { color: var(--muted); margin: 0; }
`;

/** Speed-up against workers with the ideal line, as the bench report draws it. */
function speedupChart(title: string, rows: readonly ScalingRow[]): Fragment[] {
  const points = rows.filter((r) => Number.isFinite(r.speedup));
  if (new Set(points.map((p) => p.workers)).size < 2) return [];
  const maxWorkers = Math.max(...points.map((p) => p.workers), 2);
  const maxY = Math.max(maxWorkers, ...points.map((p) => p.speedup)) * 1.05;
  const x = linearScale(0, maxWorkers, MARGIN.left, CHART_WIDTH - MARGIN.right, Math.min(maxWorkers, 8));
  const y = linearScale(0, maxY, CHART_HEIGHT - MARGIN.bottom, MARGIN.top);
  const color = colorOf(0);
  const path = points.map((p) => `${x(p.workers).toFixed(1)},${y(p.speedup).toFixed(1)}`).join(' ');
  const dots = points.map(
    (p) =>
      markup`<circle class="point" cx="${x(p.workers)}" cy="${y(p.speedup)}" r="4" fill="${color}" data-workers="${p.workers}" data-speedup="${p.speedup}"><title>${p.workers} workers: ${p.speedup.toFixed(2)}×</title></circle>`,
  );
  return [
    chartFrame({
      kind: 'speedup',
      title,
      points: points.length,
      x: { scale: x, label: 'workers' },
      y: { scale: y, label: 'speed-up vs sequential', format: (v) => `${v}×` },
      body: markup`<line class="ideal" x1="${x(0)}" y1="${y(0)}" x2="${x(maxWorkers)}" y2="${y(maxWorkers)}" stroke="#777" stroke-dasharray="6 4"></line><polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"></polyline>${join(dots)}`,
      legend: [
        { label: 'measured', color },
        { label: 'ideal (speed-up = workers)', color: '#777', dashed: true },
      ],
    }),
  ];
}

/** Vertical bars with their values: compression sizes, executor times, GC pause buckets. */
function barChart(
  kind: string,
  title: string,
  unit: string,
  bars: readonly { label: string; value: number }[],
  caption?: string,
): Fragment[] {
  const shown = bars.filter((b) => Number.isFinite(b.value));
  if (shown.length === 0 || !shown.some((b) => b.value > 0)) return [];
  const width = (CHART_WIDTH - MARGIN.right - MARGIN.left) / shown.length;
  const y = linearScale(0, Math.max(...shown.map((b) => b.value)) * 1.15, CHART_HEIGHT - MARGIN.bottom, MARGIN.top);
  const marks = shown.map((b, i) => {
    const left = MARGIN.left + width * i;
    const value = b.value >= 100 ? Math.round(b.value).toLocaleString('en') : String(Number(b.value.toPrecision(3)));
    return markup`<rect class="bar" x="${left + 4}" y="${y(b.value)}" width="${width - 8}" height="${y(0) - y(b.value)}" fill="${colorOf(i)}" data-value="${b.value}"><title>${b.label}: ${value} ${unit}</title></rect><text class="value" x="${left + width / 2}" y="${y(b.value) - 4}" text-anchor="middle">${value}</text><text class="tick" x="${left + width / 2}" y="${CHART_HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${b.label}</text>`;
  });
  return [chartFrame({ kind, title, points: shown.length, y: { scale: y, label: unit }, body: join(marks), caption })];
}

/** A histogram of GC pauses over the buckets ts314/gc reports with. */
function gcHistogram(durations: readonly number[]): Fragment[] {
  const edges = [0, ...HISTOGRAM_BOUNDS_MS];
  const counts = edges.map((edge, i) => durations.filter((d) => d >= edge && (i === edges.length - 1 || d < edges[i + 1]!)).length);
  const bars = counts
    .map((value, i) => ({ label: i === edges.length - 1 ? `≥${edges[i]}` : `<${edges[i + 1]}`, value }))
    .filter((b) => b.value > 0);
  return barChart('gc-histogram', 'GC pauses as V8 reported them (count per duration bucket, ms)', 'pauses', bars);
}

function chartsOf(demo: PlayRun['demos'][number]): Fragment[] {
  const r = demo.result;
  switch (r.demo) {
    case 'sensors':
      return speedupChart('Sensors: speed-up vs workers (shared memory)', r.rows);
    case 'indicators':
      return speedupChart('Indicators: speed-up vs workers (halo chunks)', r.runs);
    case 'pi-zstd':
      return barChart('compression', `zstd level ${r.compression.level}: payload size (KB)`, 'KB', [
        { label: 'serialized', value: r.compression.originalBytes / 1024 },
        { label: 'compressed', value: r.compression.compressedBytes / 1024 },
      ]);
    case 'gc':
      return gcHistogram(r.durations);
    case 'factorial':
      return barChart(
        'executors',
        `Factorials ${r.first}..${r.first + r.count - 1}: time per executor (ms)`,
        'ms',
        r.rows.map((row) => ({ label: row.executor, value: row.ms })),
      );
    case 'hybrid':
      return barChart(
        'hybrid',
        'Hybrid patterns: time (ms)',
        'ms',
        r.rows.map((row) => ({ label: row.pattern, value: row.ms })),
      );
    default:
      return [];
  }
}

/**
 * One HTML document for a play run: a header (runtime, options), then per demo its source, the
 * heart of its code, its output as the CLI prints it, and its charts (speed-up vs workers, GC
 * pauses, compression, executor times). Inline CSS and SVG, no script, no network; every string is escaped.
 * @example
 * writeFileSync('play.html', renderPlayHtml(run, (d) => renderDemoText(d.result, d.feature)));
 */
export function renderPlayHtml(
  run: PlayRun,
  textOf: (demo: PlayRun['demos'][number]) => string,
  excerptOf: (name: DemoName) => string,
): string {
  const info = run.runtime;
  const sections = run.demos.map((demo) => {
    const charts = chartsOf(demo);
    return markup`<section class="demo" id="${demo.name}" data-demo="${demo.name}"><h2>${demo.name}</h2><p class="source">${demo.source}</p><p class="feature">${demo.feature}</p><h3>Code</h3><pre class="code">${excerptOf(demo.name)}</pre><h3>Output (${(demo.durationMs / 1000).toFixed(1)} s)</h3><pre class="output">${textOf(demo)}</pre>${charts.length ? markup`<h3>Charts</h3>${join(charts)}` : markup``}</section>`;
  });
  const facts = markup`<dl class="facts"><dt>Runtime</dt><dd>${info.runtime} ${info.version}, ts314 ${info.ts314Version}</dd><dt>Platform</dt><dd>${info.platform} ${info.arch}, ${info.cpuCount} CPUs</dd><dt>Options</dt><dd>seed ${run.options.seed}, workers ${run.options.workers.join(', ')}${run.options.quick ? ', quick' : ''}</dd><dt>Started</dt><dd>${run.startedAt}</dd></dl>`;
  const title = `ts314 play: ${run.demos.map((d) => d.name).join(', ')}`;
  const body = markup`<h1>${title}</h1><p class="subtitle">The Python 3.14 notebooks' demos, run in TypeScript by ts314 ${info.ts314Version}. Times were measured on this machine, in this run.</p>${facts}${join(sections)}`;
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"><meta name="viewport" content="width=device-width, initial-scale=1">${markup`<title>${title}</title>`.html}<style>${PAGE_STYLES}</style></head><body>${body.html}</body></html>\n`;
}
