// The gc demo: notebook 000's six batches of nested rows, with pauses as V8 reports them through ts314/gc.
import { collect, gradeMaxPause, monitor, summarize, type GCKind, type PauseGrade, type PauseStats } from '../gc/index.js';
import { FftPlan } from '../internal/numerics/fft.js';
import { RandomState } from '../random/index.js';
import { resolveOptions, since, type DemoOptions } from './options.js';

/** The notebook's six batches of 80,000 rows; --quick uses 20,000. */
export const BATCHES = 6;
export const BATCH_ROWS = 80_000;
export const QUICK_BATCH_ROWS = 20_000;
/** The notebook's rolling window in process_data_batch. */
const ROLLING_WINDOW = 1_000;
const CATEGORIES = ['A', 'B', 'C', 'D'] as const;

/** One batch: its pauses as the runtime reported them, and what the batch left on the heap. */
export interface GcBatch {
  readonly batch: number;
  readonly rows: number;
  /** Wall time of building and processing the batch (not a GC measurement). */
  readonly ms: number;
  readonly pauses: number;
  readonly pauseMs: number;
  readonly maxPauseMs: number;
  /** The notebook's explicit gc.collect() at the end of the batch: its pause and what it freed. */
  readonly collectMs: number;
  readonly freedBytes: number;
  readonly heapUsedBytes: number;
}

export interface GcResult {
  readonly demo: 'gc';
  readonly seed: number;
  readonly batches: readonly GcBatch[];
  /** Every pause of the run, all kinds together, in ms. */
  readonly pauses: PauseStats;
  readonly byKind: Partial<Record<GCKind, PauseStats>>;
  /** The notebook's grade of the longest pause. */
  readonly grade: PauseGrade;
  /** Each pause's duration in ms, in order (for the histogram). */
  readonly durations: readonly number[];
  readonly totalRows: number;
}

interface Row {
  readonly value: number;
  readonly category: string;
  readonly timestamp: number;
  readonly nested: { readonly id: number; readonly data: number[] };
}

/** create_large_dataset: rows of a value, a category, a timestamp and a nested object holding 10 floats. */
function createDataset(rng: RandomState, size: number): Row[] {
  const values = rng.randn(size);
  const categories = rng.choice(CATEGORIES, size);
  const start = Date.UTC(2024, 0, 1);
  const rows: Row[] = [];
  for (let i = 0; i < size; i++) {
    rows.push({
      value: values[i]!,
      category: categories[i]!,
      timestamp: start + i * 1000,
      nested: { id: i, data: Array.from(rng.randn(10)) },
    });
  }
  return rows;
}

/** process_data_batch: five rolling means and FFT magnitudes, category counts, small result objects. */
function processBatch(rows: readonly Row[]) {
  const n = rows.length;
  const values = Float64Array.from(rows, (r) => r.value);
  const plan = new FftPlan(n);
  const zeros = new Float64Array(n);
  const arrays: Float64Array[] = [];
  for (let k = 0; k < 5; k++) {
    // rolling(window=1000).mean().fillna(0), with a running sum: the per-window sums of the
    // indicators kernels would cost 1,000 additions per row here.
    const rolling = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += values[i]!;
      if (i >= ROLLING_WINDOW) sum -= values[i - ROLLING_WINDOW]!;
      rolling[i] = i >= ROLLING_WINDOW - 1 ? sum / ROLLING_WINDOW : 0;
    }
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    plan.transform(rolling, zeros, re, im);
    arrays.push(re.map((r, i) => Math.hypot(r, im[i]!)));
  }
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.category] = (counts[r.category] ?? 0) + 1;
  return { mean: values.reduce((s, v) => s + v, 0) / n, arrays, counts, temp: arrays.map((a, batch) => ({ batch, size: a.length })) };
}

/**
 * Notebook 000's GC cell: six batches of rows with nested objects, every batch kept alive as the
 * notebook keeps them, each ended by an explicit collection. Pauses are what V8 reports through
 * ts314/gc's monitor (perf_hooks GC entries), not a timer around user code as in the notebook,
 * which timed its whole batch and called that the GC pause.
 * @example
 * const r = await gcDemo({ quick: true });
 * console.log(r.grade, r.pauses.max);
 */
export async function gcDemo(options: DemoOptions = {}): Promise<GcResult> {
  const o = resolveOptions(options, 'gcDemo()');
  const rowsPerBatch = o.quick ? QUICK_BATCH_ROWS : BATCH_ROWS;
  const rng = new RandomState(o.seed);
  const kept: unknown[] = [];
  const batches: GcBatch[] = [];
  const recorder = monitor();
  try {
    for (let b = 1; b <= BATCHES; b++) {
      o.progress(`batch ${b} of ${BATCHES}`);
      await recorder.flush();
      const before = recorder.pauses.length;
      const start = performance.now();
      const rows = createDataset(rng, rowsPerBatch);
      kept.push(rows, processBatch(rows));
      const collected = collect();
      const ms = since(start);
      await recorder.flush();
      const mine = recorder.pauses.slice(before).map((p) => p.duration);
      batches.push({
        batch: b,
        rows: rowsPerBatch,
        ms,
        pauses: mine.length,
        pauseMs: mine.reduce((s, d) => s + d, 0),
        maxPauseMs: Math.max(0, ...mine),
        collectMs: collected.durationMs,
        freedBytes: collected.freedBytes,
        heapUsedBytes: collected.heapUsedAfter,
      });
    }
  } finally {
    await recorder.stop();
  }
  const summary = summarize(recorder.pauses);
  return {
    demo: 'gc',
    seed: o.seed,
    batches,
    pauses: summary.all,
    byKind: summary.byKind,
    grade: gradeMaxPause(summary.all.max),
    durations: recorder.pauses.map((p) => p.duration),
    totalRows: kept.length > 0 ? BATCHES * rowsPerBatch : 0,
  };
}
