// Plain-text rendering of each demo's result, as its notebook meant to print it, in at most 100 columns.
import type { DemoResult } from './demos.js';
import type { FactorialResult } from './factorial.js';
import type { FeaturesResult } from './features.js';
import type { GcResult } from './gc.js';
import type { HybridResult } from './hybrid.js';
import type { IndicatorsResult } from './indicators.js';
import type { PiZstdResult } from './pi-zstd.js';
import type { ScalingRow } from './scaling.js';
import type { SensorsResult } from './sensors.js';
import type { TstringsResult } from './tstrings.js';

/** The widest line any demo prints. */
export const TEXT_WIDTH = 100;

const int = (n: number) => Math.round(n).toLocaleString('en');
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 0)} ms`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Cuts a line to TEXT_WIDTH (an ellipsis marks the cut). */
function fit(line: string): string {
  return line.length > TEXT_WIDTH ? `${line.slice(0, TEXT_WIDTH - 1)}…` : line;
}

function scalingTable(rows: readonly ScalingRow[], what: string): string[] {
  const lines = [`  ${'configuration'.padEnd(30)} ${'time'.padStart(10)} ${'speed-up'.padStart(9)} ${'efficiency'.padStart(11)}  ${what}`];
  for (const r of rows) {
    const name =
      r.executor === 'sequential'
        ? 'sequential (main thread)'
        : r.executor === 'DistributedExecutor'
          ? r.startedWorkers
            ? `${r.workers} ts314 worker processes`
            : `${r.workers} chunks on running workers`
          : `${r.workers} workers (interpreters)`;
    const mark = r.speedup > 3 ? '🚀' : r.speedup > 1.5 ? '📈' : r.executor === 'sequential' ? '' : '⚠️';
    lines.push(
      `  ${name.padEnd(30)} ${ms(r.ms).padStart(10)} ${`${r.speedup.toFixed(2)}×`.padStart(9)} ${`${(r.efficiency * 100).toFixed(0)}%`.padStart(11)}  ${r.identical ? 'yes' : 'NO'} ${mark}`.trimEnd(),
    );
  }
  const pools = rows.filter((r) => r.startupMs > 0);
  if (pools.length > 0)
    lines.push(
      `  (${rows.some((r) => r.executor === 'DistributedExecutor') ? 'start-up and first run' : 'pool start-up'}, not in the times: ${pools
        .map((r) => `${r.workers} workers ${ms(r.startupMs)}`)
        .join(', ')})`,
    );
  return lines;
}

function tstringsText(r: TstringsResult): string[] {
  const api = r.apiResponse as { results: { summary: { high_risk: number; total: number } }; performance: { processing_ms: number } };
  const error = r.errorResponse as { error: { code: string; type: string } };
  return [
    `t\`hello \${name}\` → strings ${JSON.stringify(r.uppercase.strings)}, values ${JSON.stringify(r.uppercase.values)}`,
    `Interpolations upper-cased: '${r.uppercase.result}'`,
    '',
    '1. ML prediction response (json processor):',
    `   ✅ Generated response for ${api.results.summary.total} predictions`,
    `   High risk transactions: ${api.results.summary.high_risk}`,
    `   Processing time: ${api.performance.processing_ms}ms`,
    '2. Error response:',
    `   ✅ Generated error response: ${error.error.code} (${error.error.type})`,
    `3. A transaction id with a quote, a newline, <script> and SQL: still valid JSON, id intact: ${r.hostile.idSurvived}`,
    '',
    '📋 Sample JSON output:',
    ...JSON.stringify(r.apiResponse, null, 2)
      .slice(0, 300)
      .split('\n')
      .map((l) => `   ${l}`),
    '   ...',
    '',
    'The same predictions through html() (escaped for each context):',
    `   ${r.html.match(/<tr>.*?<\/tr>/gs)?.at(-1) ?? r.html}`,
    'and through sql() (values become parameters):',
    `   ${r.sql.text}`,
    `   ${r.sql.values.length} parameters, the hostile id among them as a value`,
  ];
}

function piZstdText(r: PiZstdResult): string[] {
  const c = r.compression;
  return [
    `Computing π estimates (NumPy-compatible stream, seed ${r.seed}):`,
    ...r.estimates.map((e) => `${e.samples.toLocaleString('en').padStart(9)} samples: π ≈ ${e.pi.toFixed(6)} (${ms(e.ms)})`),
    '',
    `100,000 normal floats + the estimates, serialized and compressed with zstd level ${c.level}:`,
    `Original data: ${kb(c.originalBytes)}`,
    `Compressed:    ${kb(c.compressedBytes)} (${ms(c.compressMs)}; decompressed in ${ms(c.decompressMs)})`,
    `Compression:   ${c.ratio.toFixed(2)}x smaller (random doubles have little redundancy: expect little)`,
    `Data integrity: ${c.dataIntact}`,
    `Results match:  ${c.resultsIntact}`,
  ];
}

function indicatorsText(r: IndicatorsResult): string[] {
  const wrong = Object.entries(r.notebookChunkingErrors).filter(([, n]) => n > 0);
  return [
    `Dataset: ${r.rows.toLocaleString('en')} rows, ${(r.datasetBytes / 1024 ** 2).toFixed(1)} MB; features: ${r.features.join(', ')}`,
    `Best of ${r.repeats} run${r.repeats > 1 ? 's' : ''}; chunks read the ${r.halo} rows before them (halo), whole-column stats over all rows.`,
    ...scalingTable(r.runs, 'equal to sequential'),
    '',
    "The notebook's chunking (4 chunks, each processed alone) is wrong at chunk edges:",
    wrong.length === 0
      ? '  no value differs at this size'
      : `  ${wrong.map(([f, n]) => `${f} ${int(n)}`).join(', ')} values differ from the sequential result`,
    '  (rolling windows restart at each chunk; z-score and rank use per-chunk mean, std and order)',
    r.broker !== undefined
      ? `Parallel rows: DistributedExecutor on ${r.broker}; each chunk's rows plus the halo travel to a ts314 worker.`
      : 'On many machines: ts314 play indicators --connection redis://host:6379 runs the chunks on ts314 workers.',
  ];
}

function sensorsText(r: SensorsResult): string[] {
  const readings = r.sensors * r.readings;
  return [
    `Analyzing ${r.sensors} sensors with ${r.readings.toLocaleString('en')} readings each (seed ${r.seed}, best of ${r.repeats})`,
    ...scalingTable(r.rows, 'results match'),
    '',
    'ZONE ANALYSIS:',
    ...r.zones.map((z) => `  ${z.zone}: ${z.sensors} sensors, ${z.avgTemp.toFixed(1)}°C avg, ${z.anomalies} anomalies`),
    '',
    'PERFORMANCE SUMMARY:',
    `Best configuration: ${r.best.workers === 1 ? 'sequential' : `${r.best.workers} workers`} (${r.best.speedup.toFixed(1)}x speedup)`,
    `Data processed: ${readings.toLocaleString('en')} sensor readings`,
    `Analysis throughput: ${int(r.throughput)} readings/sec`,
  ];
}

function gcText(r: GcResult): string[] {
  const p = r.pauses;
  const verdict = {
    EXCELLENT: '🎉 EXCELLENT - Sub-20ms pauses!',
    GOOD: '✅ GOOD - Acceptable latency',
    MODERATE: '⚠️ MODERATE - Some delays',
    HIGH: '❌ HIGH - Noticeable pauses',
  }[r.grade];
  return [
    ...r.batches.map(
      (b) =>
        `Batch ${b.batch}: ${b.rows.toLocaleString('en')} rows in ${ms(b.ms)}; ${b.pauses} GC pauses, ${ms(b.pauseMs)} total, longest ${ms(b.maxPauseMs)}; heap ${(b.heapUsedBytes / 1024 ** 2).toFixed(0)} MB`,
    ),
    '',
    'GC PERFORMANCE ANALYSIS (pauses as V8 reports them):',
    `Total GC pauses: ${p.count} (${Object.entries(r.byKind)
      .map(([k, s]) => `${k} ${s.count}`)
      .join(', ')})`,
    `Average pause: ${p.mean.toFixed(2)}ms`,
    `Maximum pause: ${p.max.toFixed(2)}ms`,
    `95th percentile: ${p.p95.toFixed(2)}ms`,
    `Performance: ${verdict}`,
    `Processed ${r.totalRows.toLocaleString('en')} total data points`,
    '',
    `Honest comparison: the notebook timed whole batches (≈100 ms) and called them GC pauses; V8's own`,
    `pauses here average ${p.mean.toFixed(2)} ms. Different runtimes and workloads: not a speed-up figure.`,
  ];
}

function factorialText(r: FactorialResult): string[] {
  const nb = r.notebookSeconds;
  return [
    `math.factorial(i) for i in ${r.first}..${r.first + r.count - 1}, one task each:`,
    ...r.rows.map(
      (row) =>
        `  ${`${row.executor}${row.executor === 'sequential' ? '' : `(${row.workers})`}`.padEnd(28)} ${ms(row.ms).padStart(10)}  ${row.speedup.toFixed(2)}× sequential`,
    ),
    `  same results everywhere: ${r.identical}`,
    `The notebook (4 workers, 5,000 factorials): interpreters ${nb.interpreters.toFixed(1)} s, threads ${nb.threads.toFixed(1)} s, sequential ${nb.sequential.toFixed(1)} s.`,
    'ThreadPoolExecutor runs on this thread, as threads under the GIL: CPU work does not overlap.',
  ];
}

function hybridText(r: HybridResult): string[] {
  const c = r.comparison;
  return [
    `Against a loopback HTTP server (delays × ${r.delayScale}; ${r.requests} requests answered):`,
    ...r.rows.map(
      (row) => `  ${row.pattern.padEnd(18)} ${ms(row.ms).padStart(10)}  ${String(row.results).padStart(3)} results  ${row.shape}`,
    ),
    '',
    'Performance comparison (the notebook compares different work: hybrid also saves every item):',
    `  Pure interpreters: ${ms(c.interpretersMs)}`,
    `  Pure threading:    ${ms(c.threadsMs)}`,
    `  Hybrid approach:   ${ms(c.hybridMs)}`,
    `  Hybrid vs pure interpreters: ${(c.interpretersMs / c.hybridMs).toPrecision(2)}x; vs pure threading: ${(c.threadsMs / c.hybridMs).toPrecision(2)}x`,
  ];
}

function featuresText(r: FeaturesResult): string[] {
  return [
    `Runtime: ${r.runtime}`,
    ...r.features.map((f) =>
      `  ${f.available ? '✓' : '✗'} ${f.name.padEnd(28)} ${f.available ? (f.detail ?? '') : `→ ${f.fallback}`}`.trimEnd(),
    ),
    '',
    'Graceful degradation (chosen by detection, never by version):',
    ...r.degradations.map(
      (d) => `  ${d.need.padEnd(16)} ${d.chain.join(' → ')}: ${d.chosen}. ${d.outcome}${d.reason ? ` (${d.reason})` : ''}`,
    ),
  ];
}

/** The text `ts314 play <demo>` prints for a result: its tables, then the Python 3.14 feature line. */
export function renderDemoText(result: DemoResult, feature: string): string {
  const body = (() => {
    switch (result.demo) {
      case 'tstrings':
        return tstringsText(result);
      case 'pi-zstd':
        return piZstdText(result);
      case 'indicators':
        return indicatorsText(result);
      case 'sensors':
        return sensorsText(result);
      case 'gc':
        return gcText(result);
      case 'factorial':
        return factorialText(result);
      case 'hybrid':
        return hybridText(result);
      case 'features':
        return featuresText(result);
    }
  })();
  return [...body, '', `Python 3.14: ${feature}`].map(fit).join('\n');
}
