// Plain-text tables of a run (mean, std, P95, ops/sec, CI, outliers, speedup) and of a comparison between runs.
import type { BenchResult, Comparison } from './result.js';
import { SIGNIFICANCE_LEVEL } from './compare.js';

/** Failure messages longer than this are cut in the table (the JSON keeps them whole). */
const MAX_MESSAGE = 100;

/**
 * A duration given in ms with a unit that keeps three significant digits: `12.3 ns`, `4.56 µs`, `789 ms`, `1.23 s`.
 * @example
 * formatDuration(0.00123); // '1.23 µs'
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  // 0.99999 ms must print as 1.00 ms, not 1000 µs: pick the unit from the value as it will be rounded.
  const [scale, unit] = (
    [
      [1000, 's'],
      [1, 'ms'],
      [1e-3, 'µs'],
    ] as const
  ).find(([size]) => Math.abs(ms) >= size * 0.9995) ?? [1e-6, 'ns'];
  const value = ms / scale;
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${unit}`;
}

/** Operations per second with thousands separators (`1,234,567`), two decimals below 10. */
export function formatRate(perSec: number): string {
  if (!Number.isFinite(perSec)) return '—';
  return perSec >= 10 ? Math.round(perSec).toLocaleString('en-US') : perSec.toFixed(2);
}

function pad(cells: readonly string[], widths: readonly number[], rightAlign: readonly boolean[]): string {
  return cells
    .map((cell, i) => (rightAlign[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
    .join('  ')
    .trimEnd();
}

function layout(header: readonly string[], rows: readonly (readonly string[] | string)[], rightAlign: readonly boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (typeof r === 'string' ? 0 : r[i]!.length))));
  const total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  const lines = [pad(header, widths, rightAlign), '-'.repeat(total)];
  for (const row of rows) lines.push(typeof row === 'string' ? row : pad(row, widths, rightAlign));
  return lines.join('\n');
}

function speedups(results: readonly BenchResult[]): Map<string, { speedup: number; efficiency: number | undefined }> {
  const out = new Map<string, { speedup: number; efficiency: number | undefined }>();
  const baselines = new Map<string, BenchResult>();
  for (const r of results) if (r.baseline && r.status === 'ok') baselines.set(`${r.category}/${r.group}`, r);
  for (const r of results) {
    const base = baselines.get(`${r.category}/${r.group}`);
    if (!base?.stats || !r.stats) continue;
    const speedup = base.stats.mean / r.stats.mean;
    const workers = r.params.workers;
    out.set(r.id, { speedup, efficiency: typeof workers === 'number' && workers > 0 ? speedup / workers : undefined });
  }
  return out;
}

/**
 * The heading lines to print before each row (`>>> category` when it changes, then the group when it
 * does), and the groups shown under a sub-heading: more than one row, or a name that differs from the group's.
 */
function sectionHeaders(rows: readonly { category: string; group: string; name: string }[]): {
  headers: Map<object, string[]>;
  grouped: Set<string>;
} {
  const sizes = new Map<string, number>();
  for (const r of rows) sizes.set(`${r.category}/${r.group}`, (sizes.get(`${r.category}/${r.group}`) ?? 0) + 1);
  const grouped = new Set(
    [...sizes]
      .filter(([key, n]) => n > 1 || rows.some((r) => `${r.category}/${r.group}` === key && r.name !== r.group))
      .map(([key]) => key),
  );
  const out = new Map<object, string[]>();
  let category: string | undefined;
  let group: string | undefined;
  for (const r of rows) {
    const lines: string[] = [];
    if (r.category !== category) {
      category = r.category;
      group = undefined;
      lines.push(`>>> ${category}`);
    }
    if (r.group !== group) {
      group = r.group;
      if (grouped.has(`${r.category}/${r.group}`)) lines.push(`  ${r.group}`);
    }
    out.set(r, lines);
  }
  return { headers: out, grouped };
}

/**
 * The results table of a run, one section per category and group. Speedup (baseline mean / mean)
 * appears for groups with a baseline row, efficiency (speedup / params.workers) for rows with `params.workers`;
 * failed benchmarks show FAILED and the message; notes follow the table as numbered footnotes.
 * @example
 * console.log(renderResultsTable(run.results));
 */
export function renderResultsTable(results: readonly BenchResult[]): string {
  const sp = speedups(results);
  const relative = sp.size > 0;
  const scaling = [...sp.values()].some((s) => s.efficiency !== undefined);
  const header = [
    'Name',
    'Mean',
    'Std',
    'P95',
    'Ops/sec',
    '±CI95',
    'Outliers',
    ...(relative ? ['Speedup'] : []),
    ...(scaling ? ['Efficiency'] : []),
  ];
  const right = header.map((_, i) => i > 0);
  const rows: (string[] | string)[] = [];
  const notes: string[] = [];
  const { headers: sections, grouped } = sectionHeaders(results);
  for (const r of results) {
    rows.push(...(sections.get(r) ?? []));
    const indent = grouped.has(`${r.category}/${r.group}`) ? '    ' : '  ';
    const marks = (r.notes ?? []).map((note) => {
      notes.push(`[${notes.length + 1}] ${r.id}: ${note}`);
      return `[${notes.length}]`;
    });
    const name = `${indent}${r.name}${r.baseline ? ' (baseline)' : ''}${marks.length ? ` ${marks.join('')}` : ''}`;
    if (r.status === 'failed' || !r.stats) {
      const message = (r.error?.message ?? 'failed').split('\n')[0]!;
      const cut = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
      rows.push(`${name}  FAILED${r.error?.phase ? ` in ${r.error.phase}` : ''}: ${r.error?.name ?? 'Error'}: ${cut}`);
      continue;
    }
    const s = r.stats;
    const ciPercent = s.mean > 0 ? ((s.ci95[1] - s.mean) / s.mean) * 100 : 0;
    const scale = sp.get(r.id);
    rows.push([
      name,
      formatDuration(s.mean),
      formatDuration(s.std),
      formatDuration(s.p95),
      formatRate(s.opsPerSec),
      `±${ciPercent.toFixed(ciPercent < 10 ? 2 : 1)}%`,
      `${s.outliers}/${s.samples}`,
      ...(relative ? [scale ? `${scale.speedup.toFixed(2)}×` : ''] : []),
      ...(scaling ? [scale?.efficiency !== undefined ? `${(scale.efficiency * 100).toFixed(0)}%` : ''] : []),
    ]);
  }
  const table = layout(header, rows, right);
  const legend =
    "Times are per operation; ±CI95 is the half-width of the 95% confidence interval of the mean, as % of the mean; outliers are outside Tukey's 1.5×IQR fences (kept in the statistics).";
  return [table, '', legend, ...(notes.length ? ['', 'Notes:', ...notes] : [])].join('\n');
}

/**
 * The comparison table: mean per run and, for each run after the first, its ratio to the first
 * (`1.23× *`: 23% slower, significant), then a legend and the benchmarks some runs lack.
 * @example
 * console.log(renderComparisonTable(compareRuns(runs, files)));
 */
export function renderComparisonTable(comparison: Comparison): string {
  const { labels } = comparison;
  const header = ['Name', ...labels.map((l) => `Mean ${l}`), ...labels.slice(1).map((l) => `${l} vs ${labels[0]}`)];
  const right = header.map((_, i) => i > 0);
  const rows: (string[] | string)[] = [];
  const { headers: sections, grouped } = sectionHeaders(comparison.rows);
  for (const row of comparison.rows) {
    rows.push(...(sections.get(row) ?? []));
    const indent = grouped.has(`${row.category}/${row.group}`) ? '    ' : '  ';
    const present = comparison.missing.map((ids) => !ids.includes(row.id));
    rows.push([
      `${indent}${row.name}`,
      ...row.means.map((m, i) => (m !== null ? formatDuration(m) : present[i] ? 'failed' : 'missing')),
      ...row.ratios.slice(1).map((ratio, j) => (ratio === null ? '—' : `${ratio.toFixed(2)}×${row.significant[j + 1] ? ' *' : '  '}`)),
    ]);
  }
  const lines = [
    layout(header, rows, right),
    '',
    `Ratio = mean time of the run / mean time of ${labels[0]} (per operation): < 1 is faster, > 1 is slower.`,
    `* = significant: Welch's t-test p < ${SIGNIFICANCE_LEVEL} on the raw samples and the 95% confidence intervals do not overlap.`,
  ];
  comparison.missing.forEach((ids, i) => {
    if (ids.length === 0) return;
    const file = comparison.files[i] ?? '';
    const where = file === '' || file.endsWith(labels[i]!) ? labels[i] : `${labels[i]} (${file})`;
    lines.push(`Missing from ${where}: ${ids.length} benchmark${ids.length === 1 ? '' : 's'}`, ...ids.map((id) => `  - ${id}`));
  });
  return lines.join('\n');
}
