// The runner: warm-up, calls-per-sample calibration, time-budgeted sampling and failure capture for each benchmark.
import { cpus, totalmem } from 'node:os';
import { collect } from '../gc/collect.js';
import { isThenable } from '../internal/thenable.js';
import { features, runtimeInfo } from '../runtime/index.js';
import type { BenchContext, BenchDefinition } from './definition.js';
import { defineBench, isDefinedBench } from './define-bench.js';
import { BenchDefinitionError, BenchTimeoutError } from './errors.js';
import { BENCH_SCHEMA, type BenchPhase, type BenchResult, type BenchRun, type BenchStats, type Histogram } from './result.js';
import { summarizeSamples } from './stats.js';

/**
 * How long one benchmark may take. Categories size their workloads against these numbers: a call of
 * `fn` should take well under `sampleMs / MIN_SAMPLES` (quick: < 60 ms, full: < 300 ms) so every
 * benchmark gets its minimum samples inside the budget; slower work sets `maxSamples` and still
 * stops at `hardCapMs`.
 */
export interface BenchBudget {
  /** Untimed warm-up time (calibration calls count towards it), unless `--warmup N` is given. */
  readonly warmupMs: number;
  /** Timed sampling time, unless `--iterations N` is given; at least MIN_SAMPLES are taken anyway. */
  readonly sampleMs: number;
  /** A sample is at least this long (more calls per sample for fast fns), so timer resolution is noise below 0.1%. */
  readonly minSampleMs: number;
  /**
   * Wall-clock cap on one benchmark after its setup: no batch of calls starts after it (a note says
   * so). A batch in flight may finish within HARD_CAP_GRACE_MS after the cap, or twice the longest
   * batch so far, whichever is later; an awaited call still pending then fails the benchmark with
   * BenchTimeoutError. A synchronous fn cannot be interrupted.
   */
  readonly hardCapMs: number;
}

/**
 * `--quick`: about 0.4 s per benchmark (50 ms warm-up + 300 ms of samples + GC and setup), so the
 * built-in suite (41 benchmarks: 38 s measured on 2 busy cores) stays inside the 60 s.
 */
export const QUICK_BUDGET: BenchBudget = Object.freeze({ warmupMs: 50, sampleMs: 300, minSampleMs: 0.5, hardCapMs: 3_000 });

/**
 * The default run: about 1.8 s per benchmark (250 ms warm-up + 1.5 s of samples) for work under
 * ~300 ms per call; slower work is bounded by maxSamples and the 10 s cap. The built-in suite
 * (47 benchmarks) took 3 min 8 s measured on 2 busy cores, inside the 5 minutes.
 */
export const FULL_BUDGET: BenchBudget = Object.freeze({ warmupMs: 250, sampleMs: 1_500, minSampleMs: 1, hardCapMs: 10_000 });

/** Fewer samples than this make the t-based CI too wide to mean much; taken even past the sampling budget (not past the hard cap). */
export const MIN_SAMPLES = 5;

/** Memory guard: raw samples are kept in the JSON, so a very fast benchmark with a long budget must not store millions. */
export const MAX_SAMPLES = 10_000;

/** Calls per sample stop growing here: a fn that needs more to fill a sample is almost certainly doing nothing. */
export const MAX_CALLS_PER_SAMPLE = 10_000_000;

/** The least time past the hard cap a pending batch is given before the benchmark fails with BenchTimeoutError. */
export const HARD_CAP_GRACE_MS = 1_000;

/** A call of fn faster than this (ns) is reported as a likely dead-code-elimination artefact. */
export const DEAD_CODE_SUSPECT_NS = 1;

/**
 * Default `--workers`: powers of two up to the machine's cores, plus one level past them to show where
 * scaling stops (a 2-core machine gets [1, 2, 4]).
 */
export function defaultWorkers(): number[] {
  const cores = Math.max(1, runtimeInfo().availableParallelism);
  const levels = [1];
  while (levels[levels.length - 1]! < cores) levels.push(levels[levels.length - 1]! * 2);
  levels.push(levels[levels.length - 1]! * 2);
  return levels;
}

/** Options of runBenchmarks(). */
export interface RunOptions {
  /** Smaller inputs and QUICK_BUDGET. */
  readonly quick?: boolean;
  /** Exactly this many timed samples per benchmark (overrides the sampling budget, not the hard cap). */
  readonly iterations?: number;
  /** Exactly this many untimed calls after calibration (0 = none), instead of the warm-up time budget. */
  readonly warmup?: number;
  /** Worker counts for parallel benchmarks; default defaultWorkers(). */
  readonly workers?: readonly number[];
  /** The broker connection string benchmarks see as `context.broker` (the distributed category's). */
  readonly broker?: string;
  /** Replaces QUICK_BUDGET/FULL_BUDGET (tests use tiny budgets). */
  readonly budget?: Partial<BenchBudget>;
  /** Category of definitions that name none; default 'user'. */
  readonly defaultCategory?: string;
  /** Called before and after each benchmark (the CLI's progress display). */
  readonly onProgress?: (event: BenchProgressEvent) => void;
  /** Recorded in BenchRun.options only (the CLI's selection). */
  readonly record?: { readonly categories?: readonly string[]; readonly filter?: string | null; readonly files?: readonly string[] };
}

/** Progress of a run: 'start' before a benchmark (with the run's time estimate), 'end' after it. */
export type BenchProgressEvent =
  | {
      readonly type: 'start';
      readonly index: number;
      readonly total: number;
      readonly id: string;
      readonly category: string;
      readonly name: string;
      readonly budgetMs: number;
    }
  | { readonly type: 'end'; readonly index: number; readonly total: number; readonly result: BenchResult; readonly elapsedMs: number };

// The last result of each batch is stored here: a module-level store V8 cannot prove dead, so the
// work that produced it cannot be dropped (each loop also keeps every call's result in a local).
let _sink: unknown;

let resolutionNs: number | undefined;

/** The smallest non-zero step of process.hrtime.bigint() seen over a few hundred reads, in ns. */
export function timerResolutionNs(): number {
  if (resolutionNs !== undefined) return resolutionNs;
  let best = Infinity;
  for (let i = 0; i < 200; i++) {
    const a = process.hrtime.bigint();
    let b = process.hrtime.bigint();
    while (b === a) b = process.hrtime.bigint();
    best = Math.min(best, Number(b - a));
  }
  return (resolutionNs = best);
}

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

interface Failure {
  readonly error: unknown;
  readonly phase: BenchPhase;
}

function errorRecord(failure: Failure): NonNullable<BenchResult['error']> {
  const e = failure.error;
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}), phase: failure.phase };
  return {
    name: 'Error',
    message: `non-Error value thrown: ${
      typeof e === 'string'
        ? e
        : (
            () => {
              try {
                return JSON.stringify(e);
              } catch {
                return String(e);
              }
            }
          )()
    }`,
    phase: failure.phase,
  };
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

/** One benchmark as the runner sees it: the definition with its defaults filled in. */
interface Planned {
  readonly definition: BenchDefinition;
  readonly id: string;
  readonly category: string;
  readonly group: string;
}

type BatchLoop = (fn: BenchDefinition['fn'], state: unknown, calls: number, hr: () => bigint, timing: Timing) => Promise<[number, unknown]>;

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => BatchLoop;
let loopCount = 0;

/**
 * The timing loop, compiled once per benchmark from unique source: a loop shared by every benchmark
 * has a megamorphic call site (measured on Node 20: 6–9 ns of overhead per call instead of ~2 ns), which would
 * swamp nanosecond-scale work like UUID generation. Identical source would share compiled code, hence
 * the counter in it. Each call's result is awaited only when it is a promise.
 */
function compileLoop(): BatchLoop {
  try {
    return new AsyncFunction(
      'fn',
      'state',
      'calls',
      'hr',
      'timing',
      `// ts314 bench loop #${++loopCount}
let last;
const start = hr();
for (let i = 0; i < calls; i++) {
  const r = fn(state);
  if (r !== null && (typeof r === 'object' || typeof r === 'function') && typeof r.then === 'function') {
    last = await r;
    if (timing.aborted) throw timing.abortError();
  } else last = r;
}
return [Number(hr() - start) / 1e6, last];`,
    );
  } catch {
    // Code generation from strings is disabled (--disallow-code-generation-from-strings): the shared loop is still correct.
    return async (fn, state, calls, hr, timing) => {
      let last: unknown;
      const start = hr();
      for (let i = 0; i < calls; i++) {
        const r = fn(state);
        if (isThenable(r)) {
          last = await r;
          if (timing.aborted) throw timing.abortError();
        } else last = r;
      }
      return [Number(hr() - start) / 1e6, last];
    };
  }
}

class Timing {
  aborted = false;
  /** When the batch in flight started (ms), or undefined between batches. */
  batchStartedAt: number | undefined;
  /** The longest finished batch so far (ms). */
  longestBatch = 0;
  private readonly loop = compileLoop();
  constructor(
    private readonly definition: BenchDefinition,
    private readonly state: unknown,
  ) {}

  abortError(): Error {
    return new BenchTimeoutError('aborted at the hard time cap');
  }

  /** Runs `calls` calls of fn and returns the elapsed ms. */
  async batch(calls: number): Promise<number> {
    this.batchStartedAt = nowMs();
    const [elapsed, last] = await this.loop(this.definition.fn, this.state, calls, process.hrtime.bigint, this);
    this.batchStartedAt = undefined;
    this.longestBatch = Math.max(this.longestBatch, elapsed);
    _sink = last;
    return elapsed;
  }

  /**
   * How much longer the batch in flight may run (ms), or 0 to give up on it: until twice the longest
   * batch seen has passed since it started (a slow but finite call finishes; one that never settles
   * does not), and at least until HARD_CAP_GRACE_MS after the deadline.
   */
  graceLeft(deadline: number): number {
    const end = Math.max(deadline + HARD_CAP_GRACE_MS, (this.batchStartedAt ?? deadline) + 2 * this.longestBatch);
    return Math.max(0, end - nowMs());
  }
}

/** Grows `calls` until one batch takes at least `minSampleMs`; returns the new count. */
function grownCalls(calls: number, elapsedMs: number, minSampleMs: number): number {
  if (elapsedMs >= minSampleMs || calls >= MAX_CALLS_PER_SAMPLE) return calls;
  const factor = elapsedMs <= 0 ? 10 : Math.min(10, Math.max(1.1, (minSampleMs / elapsedMs) * 1.2));
  return Math.min(MAX_CALLS_PER_SAMPLE, Math.ceil(calls * factor));
}

async function measure(
  planned: Planned,
  timing: Timing,
  budget: BenchBudget,
  options: RunOptions,
  deadline: number,
  notes: string[],
): Promise<BenchStats> {
  const definition = planned.definition;
  const minSampleMs = Math.max(budget.minSampleMs, (timerResolutionNs() * 1000) / 1e6);
  const warmupStart = nowMs();
  // Calibration doubles as warm-up: grow the batch until one batch fills a sample.
  let lastBatchMs = 0;
  const calibrate = async (calls: number): Promise<number> => {
    for (;;) {
      lastBatchMs = await timing.batch(calls);
      const next = grownCalls(calls, lastBatchMs, minSampleMs);
      if (next === calls || nowMs() >= deadline) return calls;
      calls = next;
    }
  };
  let calls = await calibrate(1);
  if (options.warmup !== undefined) {
    for (let left = options.warmup; left > 0 && nowMs() < deadline; left -= calls) lastBatchMs = await timing.batch(Math.min(calls, left));
  } else {
    // Optimised code runs faster than the code calibration timed: keep growing calls while warming up.
    while (nowMs() - warmupStart < budget.warmupMs && nowMs() < deadline) {
      lastBatchMs = await timing.batch(calls);
      calls = grownCalls(calls, lastBatchMs, minSampleMs);
    }
  }
  // Again after warm-up: a cold first call (compilation, inline caches) can end calibration far too early.
  // Not for work so slow that one batch outlasts the warm-up budget: that batch was the warm-up.
  if (lastBatchMs < budget.warmupMs && nowMs() < deadline) calls = await calibrate(calls);
  const opsPerCall = definition.opsPerCall ?? 1;
  const target = Math.min(MAX_SAMPLES, options.iterations ?? definition.maxSamples ?? MAX_SAMPLES);
  const wanted = options.iterations ?? Math.min(MIN_SAMPLES, target);
  const raw: number[] = [];
  let sampleCalls = calls;
  const samplingStart = nowMs();
  let capped = false;
  while (raw.length < target) {
    if (options.iterations === undefined && raw.length >= wanted && nowMs() - samplingStart >= budget.sampleMs) break;
    if (raw.length > 0 && nowMs() >= deadline) {
      capped = true;
      break;
    }
    if (definition.gcBetweenSamples) collect();
    const elapsed = await timing.batch(calls);
    sampleCalls = calls;
    raw.push(elapsed / calls / opsPerCall);
    // Code can still get faster (a later JIT tier) mid-sampling: keep samples above the timer's noise floor.
    if (elapsed < minSampleMs / 2) calls = grownCalls(calls, elapsed, minSampleMs);
  }
  if (capped)
    notes.push(`stopped at the ${formatMs(budget.hardCapMs)} time cap after ${raw.length} of ${options.iterations ?? wanted}+ samples`);
  if (raw.length < 2) notes.push('only one sample: no spread or confidence interval');
  else if (raw.length < MIN_SAMPLES) notes.push(`only ${raw.length} samples: the confidence interval is wide`);
  if (calls >= MAX_CALLS_PER_SAMPLE)
    notes.push(`${MAX_CALLS_PER_SAMPLE} calls still took under ${minSampleMs} ms: near the timer resolution`);
  const stats = summarizeSamples(raw, sampleCalls, opsPerCall);
  if (stats.mean * opsPerCall * 1e6 < DEAD_CODE_SUSPECT_NS) {
    notes.push(`under ${DEAD_CODE_SUSPECT_NS} ns per call: fn probably does no work (dead-code elimination?); return its result`);
  }
  if (definition.gcBetweenSamples) notes.push('a full GC ran before each sample (not timed)');
  return stats;
}

function planOf(definition: BenchDefinition, defaultCategory: string): Planned {
  // String() keeps ids well-formed even for a definition that fails validation (it becomes a failed row).
  const category = String(definition.category ?? defaultCategory);
  const group = String(definition.group ?? definition.name);
  return { definition, category, group, id: `${category}/${group}/${String(definition.name)}` };
}

/**
 * Runs one benchmark to a result; never throws: setup, fn, metrics and teardown errors become a
 * 'failed' result naming the phase.
 */
async function runOne(planned: Planned, context: BenchContext, budget: BenchBudget, options: RunOptions): Promise<BenchResult> {
  const { definition } = planned;
  const notes: string[] = [...(definition.notes ?? [])];
  if (definition.skip !== undefined) return { ...commonFields(planned), status: 'skipped', notes: [definition.skip, ...notes] };
  let failure: Failure | undefined;
  let phase: BenchPhase = 'setup';
  let state: unknown;
  let setupDone = false;
  let stats: BenchStats | undefined;
  let metrics: Readonly<Record<string, number>> | undefined;
  let histogram: Histogram | undefined;
  let capTimer: NodeJS.Timeout | undefined;
  const body = async () => {
    state = await definition.setup?.(context);
    setupDone = true;
    phase = 'fn';
    // Garbage left by earlier benchmarks or setup should not be collected on this one's clock.
    collect();
    const deadline = nowMs() + budget.hardCapMs;
    const timing = new Timing(definition, state);
    // No batch starts after the deadline; one in flight then gets graceLeft() more before the benchmark fails.
    const cap = new Promise<never>((_, reject) => {
      const check = () => {
        const left = timing.graceLeft(deadline);
        if (left > 0) {
          capTimer = setTimeout(check, left);
          return;
        }
        timing.aborted = true;
        const longest =
          timing.longestBatch > 0 ? `; the longest finished batch took ${formatMs(timing.longestBatch)}` : '; no call had finished';
        reject(
          new BenchTimeoutError(
            `a call of fn was still pending ${formatMs(nowMs() - deadline)} after the ${formatMs(budget.hardCapMs)} hard cap${longest}: it never settled, or the workload is far too large for the time budget`,
          ),
        );
      };
      capTimer = setTimeout(check, Math.max(0, deadline - nowMs()));
    });
    const measured = measure(planned, timing, budget, options, deadline, notes);
    // After a time-out the abandoned measurement may still reject; that is already reported.
    measured.catch(() => {});
    stats = await Promise.race([measured, cap]);
    clearTimeout(capTimer);
    phase = 'metrics';
    if (definition.metrics) metrics = { ...(await definition.metrics(state)) };
    phase = 'histogram';
    if (definition.histogram) histogram = (await definition.histogram(state)) ?? undefined;
  };
  try {
    await body();
  } catch (error) {
    failure = { error, phase };
  } finally {
    clearTimeout(capTimer);
  }
  if (setupDone && definition.teardown) {
    try {
      await definition.teardown(state);
    } catch (error) {
      failure ??= { error, phase: 'teardown' };
    }
  }
  const common = commonFields(planned);
  if (failure) return { ...common, status: 'failed', error: errorRecord(failure), ...(notes.length ? { notes } : {}) };
  return {
    ...common,
    status: 'ok',
    stats: stats!,
    ...(metrics ? { metrics } : {}),
    ...(histogram ? { histogram } : {}),
    ...(notes.length ? { notes } : {}),
  };
}

/** The fields every result of a planned benchmark has, whatever its outcome. */
function commonFields(planned: Planned) {
  const { definition } = planned;
  return {
    id: planned.id,
    name: definition.name,
    category: planned.category,
    group: planned.group,
    params: { ...(definition.params ?? {}) },
    baseline: definition.baseline === true,
  };
}

function failedResult(plan: Planned, id: string, failure: Failure): BenchResult {
  const d = plan.definition as Partial<BenchDefinition>;
  return {
    id,
    name: typeof d.name === 'string' ? d.name : String(d.name),
    category: plan.category,
    group: plan.group,
    params: Object.fromEntries(
      Object.entries(typeof d.params === 'object' && d.params !== null ? d.params : {}).filter(
        ([, v]) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)),
      ),
    ),
    baseline: d.baseline === true,
    status: 'failed',
    error: errorRecord(failure),
  };
}

function resolveBudget(options: RunOptions): BenchBudget {
  return { ...(options.quick ? QUICK_BUDGET : FULL_BUDGET), ...(options.budget ?? {}) };
}

function checkCount(value: number | undefined, name: string, min: number): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= min)) {
    throw new RangeError(`runBenchmarks: ${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
}

/**
 * Runs benchmarks one after another and returns the whole run (the `--output` JSON). A benchmark
 * that throws is recorded as failed and the run goes on; ids are `<category>/<group>/<name>`.
 * @example
 * const run = await runBenchmarks([defineBench({ name: 'sum', fn: () => [1, 2, 3].reduce((a, b) => a + b) })], { quick: true });
 * console.log(run.results[0]?.stats?.mean); // ms per call
 */
export async function runBenchmarks(definitions: readonly BenchDefinition[], options: RunOptions = {}): Promise<BenchRun> {
  checkCount(options.iterations, 'iterations', 1);
  checkCount(options.warmup, 'warmup', 0);
  const workers = options.workers ?? defaultWorkers();
  for (const w of workers) checkCount(w, 'each of workers', 1);
  const budget = resolveBudget(options);
  const context: BenchContext = Object.freeze({
    quick: options.quick === true,
    workers: Object.freeze([...workers]),
    ...(options.broker !== undefined ? { broker: options.broker } : {}),
  });
  const startedAt = new Date();
  const started = nowMs();
  const seen = new Set<string>();
  const results: BenchResult[] = [];
  const plans = definitions.map((d) => planOf(d, options.defaultCategory ?? 'user'));
  const perBenchMs = budget.warmupMs + (options.iterations === undefined ? budget.sampleMs : 0);
  for (const [index, plan] of plans.entries()) {
    const total = plans.length;
    options.onProgress?.({
      type: 'start',
      index,
      total,
      id: plan.id,
      category: plan.category,
      name: plan.definition.name,
      budgetMs: perBenchMs,
    });
    const t0 = nowMs();
    let result: BenchResult;
    let invalid: unknown;
    try {
      if (!isDefinedBench(plan.definition)) defineBench(plan.definition);
    } catch (error) {
      invalid = error;
    }
    if (invalid !== undefined) {
      result = failedResult(plan, plan.id, { error: invalid, phase: 'setup' });
    } else if (seen.has(plan.id)) {
      let n = 2;
      while (seen.has(`${plan.id}#${n}`)) n++;
      const error = new BenchDefinitionError(`duplicate benchmark id '${plan.id}': give it a different name or group`);
      result = failedResult(plan, `${plan.id}#${n}`, { error, phase: 'setup' });
    } else {
      result = await runOne(plan, context, budget, options);
    }
    seen.add(result.id);
    results.push(result);
    options.onProgress?.({ type: 'end', index, total, result, elapsedMs: nowMs() - t0 });
  }
  const info = runtimeInfo();
  const cpuList = cpus();
  return {
    schema: BENCH_SCHEMA,
    startedAt: startedAt.toISOString(),
    durationMs: nowMs() - started,
    runtime: info,
    features: Object.fromEntries(Object.values(features()).map((f) => [f.name, f.available])),
    machine: {
      platform: process.platform,
      arch: process.arch,
      cpus: cpuList.length || info.availableParallelism,
      cpuModel: (cpuList[0]?.model ?? '').trim(),
      totalMemoryBytes: totalmem(),
    },
    options: {
      quick: options.quick === true,
      iterations: options.iterations ?? null,
      warmup: options.warmup ?? null,
      categories: [...(options.record?.categories ?? [...new Set(plans.map((p) => p.category))])],
      filter: options.record?.filter ?? null,
      workers: [...workers],
      files: [...(options.record?.files ?? [])],
    },
    results,
    timerResolutionNs: timerResolutionNs(),
  };
}
