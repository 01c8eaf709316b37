// Plain-text tables of a run (mean, std, P95, ops/sec, CI, outliers, speedup) and of a comparison between runs.
import type { BenchResult, Comparison } from './result.js';
import { SIGNIFICANCE_LEVEL } from './compare.js';
import { efficiencyOf, groupResults, speedupOf, variesWorkers } from './report/groups.js';
import { displayWidth, truncate, wrapText } from '../internal/text-wrap.js';

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

/** Width the tables are laid out in when the caller does not say: what `ts314 bench` uses off a terminal. */
export const DEFAULT_TABLE_WIDTH = 100;

/** The name column is never cut below this many characters, even when nothing else is left to drop. */
const MIN_NAME_WIDTH = 24;

/** Options of {@link renderResultsTable} and {@link renderComparisonTable}. */
export interface TableOptions {
  /** Columns the table may use (a terminal's width); default DEFAULT_TABLE_WIDTH. */
  readonly width?: number | undefined;
}

function pad(cells: readonly string[], widths: readonly number[], rightAlign: readonly boolean[]): string {
  return cells
    .map((cell, i) => (rightAlign[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
    .join('  ')
    .trimEnd();
}

function columnWidths(header: readonly string[], rows: readonly (readonly string[] | string)[]): number[] {
  return header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => (typeof r === 'string' ? 0 : displayWidth(r[i]!)))));
}

function layout(header: readonly string[], rows: readonly (readonly string[] | string)[], rightAlign: readonly boolean[]): string {
  const widths = columnWidths(header, rows);
  const total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  const lines = [pad(header, widths, rightAlign), '-'.repeat(total)];
  for (const row of rows) lines.push(typeof row === 'string' ? row : pad(row, widths, rightAlign));
  return lines.join('\n');
}

/**
 * Makes a table fit `width`: cuts the first column's cells (names) down to `nameFloor` characters
 * when that is enough; otherwise leaves out the columns in `droppable`, least wanted first, and
 * tries again; at the last, names go down to MIN_NAME_WIDTH and lines are cut. Returns the kept
 * header and rows, and the columns left out.
 */
function fit(
  header: readonly string[],
  rows: readonly (readonly string[] | string)[],
  width: number,
  droppable: readonly string[],
  nameFloor: number,
): { header: string[]; rows: (string[] | string)[]; dropped: string[] } {
  const nameWidth = Math.max(displayWidth(header[0]!), ...rows.map((r) => (typeof r === 'string' ? 0 : displayWidth(r[0]!))));
  const othersWidth = (cols: readonly number[]) =>
    columnWidths(
      cols.map((i) => header[i]!),
      rows.map((r) => (typeof r === 'string' ? r : cols.map((i) => r[i]!))),
    )
      .slice(1)
      .reduce((a, b) => a + b + 2, 0);
  let keep = header.map((_, i) => i);
  const dropped: string[] = [];
  for (const name of ['', ...droppable]) {
    if (name !== '') {
      const index = header.indexOf(name);
      if (index === -1) continue;
      keep = keep.filter((i) => i !== index);
      dropped.push(name);
    }
    if (Math.min(nameWidth, nameFloor) + othersWidth(keep) <= width) break;
  }
  const room = Math.max(MIN_NAME_WIDTH, width - othersWidth(keep));
  const cutLines = (text: string) =>
    text
      .split('\n')
      .map((line) => truncate(line, width))
      .join('\n');
  const cutName = (row: readonly string[]) => {
    const tail = nameTails.get(row) ?? '';
    const head = row[0]!.slice(0, row[0]!.length - tail.length);
    return displayWidth(row[0]!) <= room ? row[0]! : truncate(head, Math.max(1, room - displayWidth(tail))) + tail;
  };
  const kept = rows.map((r) => (typeof r === 'string' ? cutLines(r) : [cutName(r), ...keep.slice(1).map((i) => r[i]!)]));
  return { header: keep.map((i) => header[i]!), rows: kept, dropped };
}

/** The end of a row's name cell that cutting must keep (` (baseline) [2]`), by row. */
const nameTails = new WeakMap<readonly string[], string>();

/** Statistics the results table leaves out when it does not fit, least wanted first (Ops/sec is 1 / Mean). */
const DROP_ORDER = ['Outliers', 'Ops/sec', 'Std', 'P95', '±CI95'] as const;

/** Names are cut to this before a statistic is left out, so long names do not cost columns. */
const NAME_FLOOR = 32;

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
 * The results table of a run, one section per category and group, laid out in `options.width`
 * columns (default 100). Speedup (baseline mean / mean) appears for groups with a baseline row;
 * efficiency (speedup / params.workers) only in groups that vary the worker count, where it
 * measures scaling. Failed benchmarks show FAILED and the message; notes follow the table as
 * numbered footnotes. When the table is too wide, long names are cut (to 32 characters at least),
 * then Outliers, Ops/sec, Std, P95 and ±CI95 are left out in that order, said so under the table;
 * the JSON keeps everything.
 * @example
 * console.log(renderResultsTable(run.results, { width: process.stdout.columns }));
 */
export function renderResultsTable(results: readonly BenchResult[], options: TableOptions = {}): string {
  const width = options.width ?? DEFAULT_TABLE_WIDTH;
  const groups = new Map(groupResults(results).map((g) => [g.key, g]));
  const scale = (r: BenchResult) => {
    const g = groups.get(`${r.category}/${r.group}`);
    return {
      speedup: speedupOf(r, g?.baseline),
      efficiency: g && variesWorkers(g.rows) ? efficiencyOf(r, g.baseline) : undefined,
    };
  };
  const relative = results.some((r) => scale(r).speedup !== undefined);
  const scaling = results.some((r) => scale(r).efficiency !== undefined);
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
    const tail = `${r.baseline ? ' (baseline)' : ''}${marks.length ? ` ${marks.join('')}` : ''}`;
    const name = `${indent}${r.name}${tail}`;
    if (r.status === 'skipped') {
      rows.push(wrapText(`${name}  skipped (see the note)`, width, `${indent}    `).join('\n'));
      continue;
    }
    if (r.status === 'failed' || !r.stats) {
      const message = (r.error?.message ?? 'failed').split('\n')[0]!;
      const cut = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
      const failure = `${name}  FAILED${r.error?.phase ? ` in ${r.error.phase}` : ''}: ${r.error?.name ?? 'Error'}: ${cut}`;
      rows.push(wrapText(failure, width, `${indent}    `).join('\n'));
      continue;
    }
    const s = r.stats;
    const ciPercent = s.mean > 0 ? ((s.ci95[1] - s.mean) / s.mean) * 100 : 0;
    const { speedup, efficiency } = scale(r);
    const row = [
      name,
      formatDuration(s.mean),
      formatDuration(s.std),
      formatDuration(s.p95),
      formatRate(s.opsPerSec),
      `±${ciPercent.toFixed(ciPercent < 10 ? 2 : 1)}%`,
      `${s.outliers}/${s.samples}`,
      ...(relative ? [speedup !== undefined ? `${speedup.toFixed(2)}×` : ''] : []),
      ...(scaling ? [efficiency !== undefined ? `${(efficiency * 100).toFixed(0)}%` : ''] : []),
    ];
    nameTails.set(row, tail);
    rows.push(row);
  }
  const fitted = fit(header, rows, width, DROP_ORDER, NAME_FLOOR);
  const table = layout(
    fitted.header,
    fitted.rows,
    fitted.header.map((_, i) => i > 0),
  );
  const paragraph = (text: string, hang = '') => wrapText(text, width, hang);
  const legend = paragraph(
    "Times are per operation; ±CI95 is the half-width of the 95% confidence interval of the mean, as % of the mean; outliers are outside Tukey's 1.5×IQR fences (kept in the statistics)." +
      (scaling ? ' Efficiency is speedup / workers, shown where a group varies the worker count.' : ''),
  );
  const omitted = fitted.dropped.length
    ? paragraph(
        `Not shown, to fit ${width} columns: ${fitted.dropped.join(', ')} (a wider terminal or COLUMNS shows them; --output keeps every statistic).`,
      )
    : [];
  return [table, '', ...legend, ...omitted, ...(notes.length ? ['', 'Notes:', ...notes.flatMap((n) => paragraph(n, '    '))] : [])].join(
    '\n',
  );
}

/**
 * The comparison table: mean per run and, for each run after the first, its ratio to the first
 * (`1.23× *`: 23% slower, significant), then a legend and the benchmarks some runs lack.
 * @example
 * console.log(renderComparisonTable(compareRuns(runs, files)));
 */
export function renderComparisonTable(comparison: Comparison, options: TableOptions = {}): string {
  const width = options.width ?? DEFAULT_TABLE_WIDTH;
  const { labels } = comparison;
  const header = ['Name', ...labels.map((l) => `Mean ${l}`), ...labels.slice(1).map((l) => `${l} vs ${labels[0]}`)];
  const right = header.map((_, i) => i > 0);
  const rows: (string[] | string)[] = [];
  const { headers: sections, grouped } = sectionHeaders(comparison.rows);
  for (const row of comparison.rows) {
    rows.push(...(sections.get(row) ?? []));
    const indent = grouped.has(`${row.category}/${row.group}`) ? '    ' : '  ';
    rows.push([
      `${indent}${row.name}`,
      ...row.means.map((m, i) => (m !== null ? formatDuration(m) : row.statuses[i] === 'ok' ? 'failed' : row.statuses[i]!)),
      ...row.ratios.slice(1).map((ratio, j) => (ratio === null ? '—' : `${ratio.toFixed(2)}×${row.significant[j + 1] ? ' *' : '  '}`)),
    ]);
  }
  const fitted = fit(header, rows, width, [], NAME_FLOOR);
  const lines = [
    layout(fitted.header, fitted.rows, right),
    '',
    ...wrapText(`Ratio = mean time of the run / mean time of ${labels[0]} (per operation): < 1 is faster, > 1 is slower.`, width),
    ...wrapText(
      `* = significant: Welch's t-test p < ${SIGNIFICANCE_LEVEL} on the raw samples and the 95% confidence intervals do not overlap.`,
      width,
    ),
  ];
  comparison.missing.forEach((ids, i) => {
    if (ids.length === 0) return;
    const file = comparison.files[i] ?? '';
    const where = file === '' || file.endsWith(labels[i]!) ? labels[i] : `${labels[i]} (${file})`;
    lines.push(
      `Missing from ${where}: ${ids.length} benchmark${ids.length === 1 ? '' : 's'}`,
      ...ids.map((id) => truncate(`  - ${id}`, width)),
    );
  });
  return lines.join('\n');
}
