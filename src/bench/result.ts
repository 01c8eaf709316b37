// The versioned JSON shape of a benchmark run and of a comparison between runs (docs/bench-schema.md).
import type { RuntimeInfo } from '../runtime/index.js';

/** Bumped on any incompatible change to BenchRun; readers reject schemas they do not know. */
export const BENCH_SCHEMA = 'ts314-bench/1';

/** Summary statistics of one benchmark's samples. Times are milliseconds per operation. */
export interface BenchStats {
  /** Number of timed samples kept (after warm-up). */
  readonly samples: number;
  /**
   * Calls of `fn` timed together in each sample, chosen so a sample lasts at least the minimum sample
   * time. The final count: it only grows during sampling, when the code got faster than calibrated.
   */
  readonly callsPerSample: number;
  /** Operations per call (`opsPerCall` of the definition), so ×1000 loops report per-op times. */
  readonly opsPerCall: number;
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** 1000 / mean: operations per second. */
  readonly opsPerSec: number;
  /** 95% confidence interval of the mean (Student t), [low, high] in ms. */
  readonly ci95: readonly [number, number];
  /** Samples outside 1.5 IQR of the quartiles (Tukey's fences); kept in the statistics. */
  readonly outliers: number;
  /** The raw per-operation sample times in ms, in run order (compare's Welch test needs them). */
  readonly raw: readonly number[];
}

/** A histogram for charts (e.g. GC pauses): `counts[i]` values fell in [edges[i], edges[i+1]). */
export interface Histogram {
  readonly unit: string;
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/** One benchmark's outcome: statistics when it ran, the error when it threw, the reason (first note) when it was skipped. */
export interface BenchResult {
  /** Unique within a run, stable across runs: `<category>/<group>/<name>` — compare matches on it. */
  readonly id: string;
  readonly name: string;
  readonly category: string;
  /** Rows of one group are alternatives for the same work (e.g. sequential vs pool at 2 workers). */
  readonly group: string;
  /** Free-form labels the report and tables use, e.g. { workers: 2, executor: 'InterpreterPoolExecutor' }. */
  readonly params: Readonly<Record<string, string | number | boolean>>;
  /** True for the reference row of its group (speedup and ratios are against it). */
  readonly baseline: boolean;
  /** 'skipped': the definition said why it cannot run here (its `skip`, the first of `notes`); it has no stats. */
  readonly status: 'ok' | 'failed' | 'skipped';
  readonly stats?: BenchStats;
  /** Extra figures the benchmark reports, e.g. { ratio: 3.1, mbPerSec: 410 }. */
  readonly metrics?: Readonly<Record<string, number>>;
  readonly histogram?: Histogram;
  readonly error?: {
    readonly name: string;
    readonly message: string;
    readonly stack?: string;
    /** Where it threw: 'setup', 'fn' (warm-up or timing), 'metrics', 'histogram' or 'teardown'. */
    readonly phase?: BenchPhase;
  };
  /** Caveats a reader of the numbers should know, e.g. too few samples for a spread, or the time cap was hit. */
  readonly notes?: readonly string[];
}

/** The part of a benchmark that was running when it failed. */
export type BenchPhase = 'setup' | 'fn' | 'metrics' | 'histogram' | 'teardown';

/** A whole `ts314 bench` run, as written by `--output`. */
export interface BenchRun {
  readonly schema: typeof BENCH_SCHEMA;
  /** ISO 8601 time the run started. */
  readonly startedAt: string;
  readonly durationMs: number;
  readonly runtime: RuntimeInfo;
  /** Feature name → available, from ts314/runtime features(). */
  readonly features: Readonly<Record<string, boolean>>;
  readonly machine: {
    readonly platform: string;
    readonly arch: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly totalMemoryBytes: number;
  };
  readonly options: {
    readonly quick: boolean;
    readonly iterations: number | null;
    readonly warmup: number | null;
    readonly categories: readonly string[];
    readonly filter: string | null;
    readonly workers: readonly number[];
    readonly files: readonly string[];
  };
  readonly results: readonly BenchResult[];
  /** The smallest step of the clock the runner measured, in ns (samples are made much longer than this). */
  readonly timerResolutionNs?: number;
}

/** One benchmark across runs: ratios of mean time against the first run (>1 = slower than the first). */
export interface ComparisonRow {
  readonly id: string;
  readonly category: string;
  readonly group: string;
  readonly name: string;
  /** Mean ms/op per run, null where the run lacks the benchmark or it failed or was skipped there. */
  readonly means: readonly (number | null)[];
  /** The benchmark's status in each run, 'missing' where the run lacks it. */
  readonly statuses: readonly (BenchResult['status'] | 'missing')[];
  /** mean[i] / mean[0], null where either is missing. */
  readonly ratios: readonly (number | null)[];
  /** Welch t-test p-value of run i against run 0 (null where not computable). */
  readonly pValues: readonly (number | null)[];
  /** p < 0.05 and the confidence intervals do not overlap. */
  readonly significant: readonly boolean[];
}

/** The output of `ts314 compare`. */
export interface Comparison {
  readonly schema: 'ts314-compare/1';
  /** A label per run (runtime + version, or the file name when those clash). */
  readonly labels: readonly string[];
  readonly files: readonly string[];
  readonly rows: readonly ComparisonRow[];
  /** Benchmark ids present in some runs but not others, per run index. */
  readonly missing: readonly (readonly string[])[];
}
