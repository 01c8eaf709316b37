// The results table of one run: statistics per benchmark, speed-up and efficiency against the group's baseline.
import type { BenchResult } from '../result.js';
import { duration, number, percent, rate, times } from './format.js';
import { efficiencyOf, groupResults, speedupOf, variesWorkers } from './groups.js';
import { join, markup, type Fragment } from './markup.js';

function params(row: BenchResult): string {
  return Object.entries(row.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

function metrics(row: BenchResult): Fragment {
  return join(Object.entries(row.metrics ?? {}).map(([k, v]) => markup`<span class="metric">${k} ${number(v)}</span>`));
}

function resultRow(row: BenchResult, baseline: BenchResult | undefined, scaling: boolean): Fragment {
  const notes = row.notes?.length ? markup`<ul class="notes">${join(row.notes.map((n) => markup`<li>${n}</li>`))}</ul>` : markup``;
  if (row.status === 'skipped')
    return markup`<tr class="skipped" data-id="${row.id}"><td>${row.name}</td><td>${params(row)}</td><td colspan="9" class="skipped">skipped: ${row.notes?.[0] ?? ''}</td></tr>`;
  if (row.status !== 'ok' || !row.stats) {
    const e = row.error;
    const phase = e?.phase ? ` (in ${e.phase})` : '';
    return markup`<tr class="failed" data-id="${row.id}"><td>${row.name}${notes}</td><td>${params(row)}</td><td colspan="9" class="error">FAILED${phase}: ${e?.name ?? 'Error'}: ${e?.message ?? 'unknown error'}</td></tr>`;
  }
  const s = row.stats;
  const speedup = row === baseline ? 1 : speedupOf(row, baseline);
  const efficiency = scaling ? efficiencyOf(row, baseline) : undefined;
  const ciHalf = (s.ci95[1] - s.ci95[0]) / 2;
  const ciPercent = s.mean > 0 ? `±${((ciHalf / s.mean) * 100).toFixed(1)}%` : '';
  return markup`<tr class="${row.baseline ? 'ok baseline' : 'ok'}" data-id="${row.id}"><td>${row.name}${row.baseline ? ' (baseline)' : ''}${notes}</td><td>${params(row)}</td><td class="num">${duration(s.mean)}</td><td class="num">${ciPercent}</td><td class="num">${duration(s.p50)}</td><td class="num">${duration(s.p95)}</td><td class="num">${duration(s.p99)}</td><td class="num">${rate(s.opsPerSec)}</td><td class="num">${s.samples} × ${number(s.callsPerSample)}${s.outliers ? ` (${s.outliers} outl.)` : ''}</td><td class="num">${speedup === undefined ? '' : times(speedup)}${efficiency === undefined ? '' : ` (${percent(efficiency)})`}</td><td class="metrics">${metrics(row)}</td></tr>`;
}

/** One table per category, grouped rows, failed rows showing their error. */
export function resultsTable(results: readonly BenchResult[]): Fragment {
  const groups = groupResults(results);
  const body = groups.map((g) => {
    const scaling = variesWorkers(g.rows);
    return markup`<tbody><tr class="group"><th colspan="11">${g.category} — ${g.group}</th></tr>${join(g.rows.map((r) => resultRow(r, g.baseline, scaling)))}</tbody>`;
  });
  return markup`<table class="results"><thead><tr><th>benchmark</th><th>params</th><th>mean/op</th><th>95% CI</th><th>p50</th><th>p95</th><th>p99</th><th>ops/s</th><th>samples × calls</th><th>vs baseline (efficiency)</th><th>metrics</th></tr></thead>${join(body)}</table>`;
}
