// ts314/gc: GC pause monitoring, forced collection and heap statistics (Python's gc module for V8).
export { monitor } from './monitor.js';
export { InvalidArgumentError } from '../internal/errors.js';
export type { MonitorOptions, PauseMonitor } from './monitor.js';
export { callbacks, collect, getStats } from './collect.js';
export type { CollectResult, GCCallback, GCCallbackInfo, GCStats, HeapSpaceStats, HeapStats } from './collect.js';
export { GC_KINDS, kindOf } from './pause.js';
export type { GCKind, GCPause } from './pause.js';
export { formatHistogram, formatReport, gradeMaxPause, percentile, summarize, HISTOGRAM_BOUNDS_MS } from './summary.js';
export type { PauseGrade, PauseStats, PauseSummary } from './summary.js';
