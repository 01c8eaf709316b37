// The comparison table: each benchmark's mean per run and its ratio and significance against the first run.
import type { Comparison } from '../result.js';
import { duration, times } from './format.js';
import { join, markup, type Fragment } from './markup.js';

export function comparisonTable(comparison: Comparison): Fragment {
  const head = comparison.labels.map((label, i) => (i === 0 ? markup`<th>${label}</th>` : markup`<th>${label}</th><th>ratio</th>`));
  const rows = comparison.rows.map((row) => {
    const cells = comparison.labels.map((_, i) => {
      const mean = row.means[i];
      const status = row.statuses[i];
      const absent = status === undefined || status === 'ok' ? '—' : status;
      const meanCell = markup`<td class="num">${mean === null || mean === undefined ? absent : duration(mean)}</td>`;
      if (i === 0) return meanCell;
      const ratio = row.ratios[i];
      const p = row.pValues[i];
      const sig = row.significant[i] ? ' *' : '';
      const title = p === null || p === undefined ? 'not computable' : `p = ${p.toPrecision(2)}`;
      return markup`${meanCell}<td class="${row.significant[i] ? (ratio !== null && ratio !== undefined && ratio > 1 ? 'num slower' : 'num faster') : 'num'}" title="${title}">${ratio === null || ratio === undefined ? '—' : times(ratio)}${sig}</td>`;
    });
    return markup`<tr data-id="${row.id}"><td>${row.category}</td><td>${row.name}</td>${join(cells)}</tr>`;
  });
  const missing = comparison.missing
    .map((ids, i) => ({ ids, label: comparison.labels[i] ?? `run ${i + 1}` }))
    .filter(({ ids }) => ids.length > 0)
    .map(({ ids, label }) => markup`<li>${label} lacks ${ids.length}: ${ids.join(', ')}</li>`);
  return markup`<table class="results comparison"><thead><tr><th>category</th><th>benchmark</th>${join(head)}</tr></thead><tbody>${join(rows)}</tbody></table><p class="caption">ratio = mean time / mean time on ${comparison.labels[0] ?? 'the first run'} (&gt;1 is slower); * = significant (Welch p &lt; 0.05 and 95% confidence intervals apart).</p>${missing.length ? markup`<h3>Benchmarks not in every run</h3><ul>${join(missing)}</ul>` : markup``}`;
}
