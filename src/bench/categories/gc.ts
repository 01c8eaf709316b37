// The gc category: GC pause statistics and a pause histogram under the seeds' allocation workload.
import { HISTOGRAM_BOUNDS_MS, monitor, summarize, type GCPause, type PauseMonitor } from '../../gc/index.js';
import type { BenchContext, BenchDefinition } from '../definition.js';
import type { Histogram } from '../result.js';
import { allocationWorkload } from '../workloads/allocation.js';
import { seededRandom } from '../workloads/payloads.js';
import { define } from './define.js';

/** The seed notebook's 6 batches × 80,000 rows; --quick keeps the shape (several batches, collect() after each) at 1/16 of the rows. */
const SIZE = { full: { batches: 6, rows: 80_000 }, quick: { batches: 3, rows: 10_000 } } as const;
/** One sample is a whole workload run (about a second in full mode): the runner's minimum of 5 samples, no more. */
const MAX_SAMPLES = 5;

interface State {
  readonly monitor: PauseMonitor;
  readonly random: () => number;
  pauses?: readonly GCPause[];
}

/**
 * Pause counts in the buckets of ts314/gc's text histogram (HISTOGRAM_BOUNDS_MS), as the schema's
 * [edges[i], edges[i+1]); the last bucket, open-ended in ts314/gc, ends at the longest pause seen
 * (or twice the last bound), so every pause is counted.
 */
export function pauseHistogram(pauses: readonly GCPause[]): Histogram {
  const bounds = HISTOGRAM_BOUNDS_MS;
  const last = bounds[bounds.length - 1]!;
  const longest = pauses.reduce((max, p) => Math.max(max, p.duration), 0);
  const edges = [0, ...bounds, Math.max(last * 2, Math.ceil(longest) + 1)];
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const p of pauses) {
    const i = bounds.findIndex((bound) => p.duration < bound);
    counts[i === -1 ? counts.length - 1 : i]! += 1;
  }
  return { unit: 'ms', edges, counts };
}

/** The gc category's benchmarks for a run. */
export function load(context: BenchContext): BenchDefinition[] {
  const { batches, rows } = context.quick ? SIZE.quick : SIZE.full;
  return [
    define<State>({
      name: `seed allocation workload (${batches} × ${rows.toLocaleString('en')} rows, collect() per batch)`,
      group: 'gc pauses under allocation',
      params: { batches, rows },
      maxSamples: MAX_SAMPLES,
      // Every pause of every run is recorded, warm-up included: the figures are the workload's pauses, not the runner's.
      setup: () => ({ monitor: monitor(), random: seededRandom(314) }),
      fn: (s) => allocationWorkload(batches, rows, s.random),
      async metrics(s) {
        await s.monitor.flush();
        s.pauses = s.monitor.pauses;
        const { all, byKind } = summarize(s.pauses);
        return {
          pauses: all.count,
          pauseTotalMs: all.total,
          pauseMeanMs: all.mean,
          pauseP50Ms: all.p50,
          pauseP95Ms: all.p95,
          pauseP99Ms: all.p99,
          pauseMaxMs: all.max,
          majorPauses: byKind.major?.count ?? 0,
          minorPauses: byKind.minor?.count ?? 0,
        };
      },
      histogram: (s) => pauseHistogram(s.pauses ?? s.monitor.pauses),
      async teardown(s) {
        await s.monitor.stop();
      },
    }),
  ];
}
