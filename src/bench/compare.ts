// compareRuns(): one row per benchmark across saved runs, with ratios against the first run and a Welch test.
import { basename } from 'node:path';
import { validateBenchRun } from './json-schema.js';
import type { BenchResult, BenchRun, Comparison, ComparisonRow } from './result.js';
import { welchTest } from './stats.js';

/** Significance level of the Welch test behind compare's `*` mark. */
export const SIGNIFICANCE_LEVEL = 0.05;

function overlaps(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

function labelsOf(runs: readonly BenchRun[], files: readonly string[]): string[] {
  const labels = runs.map((run) => `${run.runtime.runtime} ${run.runtime.version}`);
  // Two runs of the same runtime (say before/after a change) are told apart by their file names.
  return labels.map((label, i) => (labels.indexOf(label) !== labels.lastIndexOf(label) ? basename(files[i] ?? `run ${i + 1}`) : label));
}

/**
 * Compares runs benchmark by benchmark (matched by id): mean per run, ratio of each run's mean to the
 * first run's (> 1 = slower than the first), Welch's t-test on the raw samples, and `significant` when
 * p < 0.05 and the 95% confidence intervals do not overlap. Benchmarks missing from some runs are listed
 * in `missing` (not an error); failed and skipped ones have a null mean, and `statuses` says which. Each run is validated first; a bad one
 * throws BenchSchemaError naming its file and field.
 * @example
 * const comparison = compareRuns([readBenchRun('node20.json'), readBenchRun('node26.json')], ['node20.json', 'node26.json']);
 * for (const row of comparison.rows) console.log(row.id, row.ratios[1], row.significant[1]);
 */
export function compareRuns(runs: readonly BenchRun[], files: readonly string[] = runs.map((_, i) => `runs[${i}]`)): Comparison {
  if (runs.length === 0) throw new RangeError('compareRuns: no runs to compare');
  if (files.length !== runs.length) throw new RangeError(`compareRuns: ${runs.length} runs but ${files.length} file names`);
  for (const [i, run] of runs.entries()) validateBenchRun(run, files[i]);
  const byRun = runs.map((run) => new Map(run.results.map((r) => [r.id, r])));
  const order: BenchResult[] = [];
  const seen = new Set<string>();
  for (const run of runs) {
    for (const result of run.results) {
      if (!seen.has(result.id)) {
        seen.add(result.id);
        order.push(result);
      }
    }
  }
  const rows: ComparisonRow[] = order.map((first) => {
    const results = byRun.map((map) => map.get(first.id));
    const ok = results.map((r) => (r?.status === 'ok' && r.stats ? r.stats : undefined));
    const means = ok.map((s) => s?.mean ?? null);
    const base = ok[0];
    const ratios = means.map((m) => (m !== null && base ? m / base.mean : null));
    const tests = ok.map((s) => (s && base ? welchTest(s.raw, base.raw) : null));
    const pValues = tests.map((t) => (t ? t.p : null));
    const significant = ok.map((s, i) =>
      Boolean(s && base && i > 0 && pValues[i] !== null && pValues[i]! < SIGNIFICANCE_LEVEL && !overlaps(s.ci95, base.ci95)),
    );
    const statuses = results.map((r) => r?.status ?? 'missing');
    return { id: first.id, category: first.category, group: first.group, name: first.name, means, statuses, ratios, pValues, significant };
  });
  const missing = byRun.map((map) => order.filter((r) => !map.has(r.id)).map((r) => r.id));
  return { schema: 'ts314-compare/1', labels: labelsOf(runs, files), files: [...files], rows, missing };
}
