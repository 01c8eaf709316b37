// What a benchmark is: a named function with optional setup/teardown, the unit every category and user file provides.
import type { Histogram } from './result.js';

/** What the runner tells a benchmark about the run it is in. */
export interface BenchContext {
  /** `--quick`: use smaller inputs and shorter budgets. */
  readonly quick: boolean;
  /** `--workers`, e.g. [1, 2, 4, 8]. */
  readonly workers: readonly number[];
  /** The broker the distributed category runs on (`--connection`, or TS314_BROKER), when one is configured. */
  readonly broker?: string | undefined;
}

/**
 * One benchmark. `setup` runs once before warm-up and its value is passed to `fn` and `teardown`;
 * `fn` is the timed part (its return value is kept so the work cannot be optimised away).
 */
export interface BenchDefinition<State = unknown> {
  readonly name: string;
  /** Defaults to 'user' for benchmark files, to the category's name for built-in ones. */
  readonly category?: string;
  /** Defaults to the name: rows of one group are alternatives for the same work. */
  readonly group?: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /** The reference row of its group (speedups and ratios are against it). */
  readonly baseline?: boolean;
  /** Operations done by one call of `fn` (e.g. 1000 for a ×1000 loop); stats are per operation. */
  readonly opsPerCall?: number;
  /** Caps the samples for slow work (e.g. a 1 s parallel job); the runner's budget still applies. */
  readonly maxSamples?: number;
  /** Caveats about this row the reader must see (copied into BenchResult.notes), e.g. a missing reference. */
  readonly notes?: readonly string[];
  /**
   * Why this benchmark cannot run here (say, no broker is configured): it is not run, and is reported
   * with status 'skipped' and this reason as its first note, so the table says what is missing.
   */
  readonly skip?: string;
  /** Force a full GC before each sample (for allocation-heavy work where a pause would distort). */
  readonly gcBetweenSamples?: boolean;
  setup?(context: BenchContext): State | Promise<State>;
  fn(state: State): unknown;
  teardown?(state: State): void | Promise<void>;
  /** Extra figures computed after timing, e.g. a compression ratio; stored in BenchResult.metrics. */
  metrics?(state: State): Readonly<Record<string, number>> | Promise<Readonly<Record<string, number>>>;
  /** A histogram for the report (e.g. GC pauses seen while timing), computed after `metrics`; stored in BenchResult.histogram. */
  histogram?(state: State): Histogram | undefined | Promise<Histogram | undefined>;
}
