// Pause statistics (count, total, mean, percentiles, max) per kind, and their text rendering.
import { GC_KINDS, type GCKind, type GCPause } from './pause.js';

/** Statistics of a set of pauses, in milliseconds. */
export interface PauseStats {
  readonly count: number;
  readonly total: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Statistics overall (`all`) and for each kind that occurred. */
export interface PauseSummary {
  readonly all: PauseStats;
  readonly byKind: Partial<Record<GCKind, PauseStats>>;
}

/** The seed notebook's grading of the longest pause. */
export type PauseGrade = 'EXCELLENT' | 'GOOD' | 'MODERATE' | 'HIGH';

/**
 * Percentile with linear interpolation between closest ranks: numpy's default, which the seed
 * notebook's `np.percentile` uses, so figures compare like for like.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (rank - lower);
}

/** count/total/mean/p50/p95/p99/max of some durations (all zero when empty). */
export function statsOf(durations: readonly number[]): PauseStats {
  const sorted = [...durations].sort((a, b) => a - b);
  const total = sorted.reduce((sum, d) => sum + d, 0);
  return {
    count: sorted.length,
    total,
    mean: sorted.length === 0 ? 0 : total / sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!,
  };
}

/**
 * Summarizes pauses overall and per kind.
 * @example
 * summarize(handle.pauses).byKind.major?.p99;
 */
export function summarize(pauses: readonly GCPause[]): PauseSummary {
  const byKind: Partial<Record<GCKind, PauseStats>> = {};
  for (const kind of GC_KINDS) {
    const durations = pauses.filter((p) => p.kind === kind).map((p) => p.duration);
    if (durations.length > 0) byKind[kind] = statsOf(durations);
  }
  return { all: statsOf(pauses.map((p) => p.duration)), byKind };
}

/** The seed notebook's thresholds: < 20 ms excellent, < 50 good, < 100 moderate, else high. */
export function gradeMaxPause(maxMs: number): PauseGrade {
  if (maxMs < 20) return 'EXCELLENT';
  if (maxMs < 50) return 'GOOD';
  if (maxMs < 100) return 'MODERATE';
  return 'HIGH';
}

/** Histogram bucket upper bounds in ms: roughly logarithmic, since pauses span four orders of magnitude. */
export const HISTOGRAM_BOUNDS_MS: readonly number[] = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000];

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/**
 * An ASCII histogram of pause durations, one row per bucket from the first to the last non-empty one.
 * @example
 * console.log(formatHistogram(handle.pauses));
 */
export function formatHistogram(pauses: readonly GCPause[], width = 40): string {
  if (pauses.length === 0) return '(no pauses)';
  const labels = [...HISTOGRAM_BOUNDS_MS.map((b) => `<= ${b} ms`), `> ${HISTOGRAM_BOUNDS_MS.at(-1)} ms`];
  const counts = new Array<number>(labels.length).fill(0);
  for (const p of pauses) {
    const i = HISTOGRAM_BOUNDS_MS.findIndex((b) => p.duration <= b);
    counts[i === -1 ? labels.length - 1 : i]!++;
  }
  const first = counts.findIndex((c) => c > 0);
  const last = counts.length - 1 - [...counts].reverse().findIndex((c) => c > 0);
  const peak = Math.max(...counts);
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const rows: string[] = [];
  for (let i = first; i <= last; i++) {
    const c = counts[i]!;
    const bar = c === 0 ? '' : '#'.repeat(Math.max(1, Math.round((c / peak) * width)));
    rows.push(`${labels[i]!.padStart(labelWidth)} | ${bar} ${c}`);
  }
  return rows.join('\n');
}

/**
 * The report `ts314 gc` prints: a stats table per kind, the seed's grade, and the histogram.
 * @example
 * console.log(formatReport(handle.pauses));
 */
export function formatReport(pauses: readonly GCPause[]): string {
  const summary = summarize(pauses);
  const header = `${'kind'.padEnd(14)}${['count', 'total', 'mean', 'p50', 'p95', 'p99', 'max'].map((h) => h.padStart(9)).join('')}`;
  const row = (name: string, s: PauseStats) =>
    `${name.padEnd(14)}${String(s.count).padStart(9)}${[s.total, s.mean, s.p50, s.p95, s.p99, s.max].map((v) => ms(v).padStart(9)).join('')}`;
  const lines = ['GC pauses (ms)', header];
  for (const kind of GC_KINDS) {
    const stats = summary.byKind[kind];
    if (stats) lines.push(row(kind, stats));
  }
  lines.push(row('all', summary.all));
  if (summary.all.count > 0) lines.push('', `Max pause ${ms(summary.all.max)} ms: ${gradeMaxPause(summary.all.max)}`);
  lines.push('', formatHistogram(pauses));
  return lines.join('\n');
}
