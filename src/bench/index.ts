// ts314/bench: define benchmarks, run them with honest statistics, save versioned JSON and compare runs.
export { defineBench, isDefinedBench } from './define-bench.js';
export type { BenchContext, BenchDefinition } from './definition.js';
export { BENCH_SCHEMA } from './result.js';
export type { BenchPhase, BenchResult, BenchRun, BenchStats, ComparisonRow, Comparison, Histogram } from './result.js';
export { BenchDefinitionError, BenchFileError, BenchSchemaError, BenchTimeoutError } from './errors.js';
export type { BenchErrorCode } from './errors.js';
export { runBenchmarks, defaultWorkers, timerResolutionNs, QUICK_BUDGET, FULL_BUDGET, MIN_SAMPLES, MAX_SAMPLES } from './runner.js';
export type { BenchBudget, BenchProgressEvent, RunOptions } from './runner.js';
export { loadBenchFile } from './load-files.js';
export { compareRuns, SIGNIFICANCE_LEVEL } from './compare.js';
export { validateBenchRun, parseBenchRun, readBenchRun } from './json-schema.js';
export { renderResultsTable, renderComparisonTable, formatDuration, formatRate } from './table.js';
export {
  mean,
  variance,
  std,
  quantile,
  median,
  tukeyOutliers,
  confidenceInterval,
  studentTQuantile,
  studentTTwoSidedP,
  regularizedIncompleteBeta,
  welchTest,
  summarizeSamples,
  CONFIDENCE,
} from './stats.js';
export type { WelchResult } from './stats.js';
export { CATEGORIES } from './categories/index.js';
export type { BenchCategory } from './categories/index.js';
export { renderHtmlReport } from './report/index.js';
export type { HtmlReportInput } from './report/index.js';
export { createProgress, progressMode } from './progress.js';
export type { Progress, ProgressMode } from './progress.js';
