// What the report derives from a run's rows: groups, each row's baseline, speed-up and efficiency.
import type { BenchResult } from '../result.js';

/** Rows of one (category, group), in run order, with the group's baseline if it has one that ran. */
export interface ResultGroup {
  readonly key: string;
  readonly category: string;
  readonly group: string;
  readonly rows: readonly BenchResult[];
  readonly baseline: BenchResult | undefined;
}

export function groupResults(results: readonly BenchResult[]): ResultGroup[] {
  const byKey = new Map<string, BenchResult[]>();
  for (const r of results) {
    const key = `${r.category}/${r.group}`;
    let rows = byKey.get(key);
    if (!rows) byKey.set(key, (rows = []));
    rows.push(r);
  }
  return [...byKey].map(([key, rows]) => ({
    key,
    category: rows[0]!.category,
    group: rows[0]!.group,
    rows,
    baseline: rows.find((r) => r.baseline && r.status === 'ok' && r.stats),
  }));
}

/** Baseline mean / row mean (>1 = faster than the baseline), or undefined when either did not run. */
export function speedupOf(row: BenchResult, baseline: BenchResult | undefined): number | undefined {
  if (!baseline?.stats || !row.stats || row.stats.mean <= 0) return undefined;
  return baseline.stats.mean / row.stats.mean;
}

/** The row's worker count, when it has a numeric `workers` param. */
export function workersOf(row: BenchResult): number | undefined {
  const w = row.params.workers;
  return typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : undefined;
}

/** Speed-up per worker (1 = perfect scaling), for rows that name their worker count. */
export function efficiencyOf(row: BenchResult, baseline: BenchResult | undefined): number | undefined {
  const s = speedupOf(row, baseline);
  const w = workersOf(row);
  return s === undefined || w === undefined ? undefined : s / w;
}

/**
 * Whether the group's rows span several worker counts: only then is efficiency (speed-up per
 * worker) a scaling figure. Rows that all use one worker (an executor's overhead, say) have none.
 */
export function variesWorkers(rows: readonly BenchResult[]): boolean {
  return new Set(rows.map(workersOf).filter((w) => w !== undefined)).size >= 2;
}
