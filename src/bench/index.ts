// ts314/bench: define benchmarks, run them with honest statistics, save versioned JSON and compare runs.
// The public surface only: the statistics and formatting helpers behind it are imported from their own files.
export { defineBench } from './define-bench.js';
export type { BenchContext, BenchDefinition } from './definition.js';
export { runBenchmarks, defaultWorkers, QUICK_BUDGET, FULL_BUDGET } from './runner.js';
export type { BenchBudget, BenchProgressEvent, RunOptions } from './runner.js';
export { loadBenchFile } from './load-files.js';
export { CATEGORIES } from './categories/index.js';
export type { BenchCategory } from './categories/index.js';
export { BENCH_SCHEMA } from './result.js';
export type { BenchPhase, BenchResult, BenchRun, BenchStats, Comparison, ComparisonRow, Histogram } from './result.js';
export { validateBenchRun, parseBenchRun, readBenchRun } from './json-schema.js';
export { compareRuns } from './compare.js';
export { summarizeSamples, median } from './stats.js';
export { renderResultsTable, renderComparisonTable } from './table.js';
export type { TableOptions } from './table.js';
export { renderHtmlReport } from './report/index.js';
export type { HtmlReportInput } from './report/index.js';
export { createProgress } from './progress.js';
export { progressMode } from './progress.js';
export type { Progress, ProgressMode } from './progress.js';
export { BenchDefinitionError, BenchFileError, BenchSchemaError, BenchTimeoutError } from './errors.js';
export type { BenchErrorCode } from './errors.js';
