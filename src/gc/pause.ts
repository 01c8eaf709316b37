// One garbage-collection pause as the runtime reports it, and the mapping from V8's GC kind flags.
import { constants, type PerformanceEntry } from 'node:perf_hooks';

/**
 * What kind of collection paused the thread (from `NODE_PERFORMANCE_GC_*`):
 * - `minor`: a scavenge of the young generation (V8's Scavenger / Minor Mark-Sweep).
 * - `major`: a full mark-sweep-compact of the whole heap.
 * - `incremental`: one step of incremental marking, interleaved with JavaScript.
 * - `weakCallbacks`: processing of weak handles and finalizers after a collection.
 * - `unknown`: a flag this Node version added that ts314 does not know yet.
 */
export type GCKind = 'minor' | 'major' | 'incremental' | 'weakCallbacks' | 'unknown';

/** Every kind in report order. */
export const GC_KINDS: readonly GCKind[] = ['minor', 'major', 'incremental', 'weakCallbacks', 'unknown'];

/** One pause. Times are milliseconds on the `performance.now()` timeline of the observed thread. */
export interface GCPause {
  readonly kind: GCKind;
  /** When the pause began, in ms since `performance.timeOrigin`. */
  readonly start: number;
  /** How long JavaScript was stopped, in ms. */
  readonly duration: number;
  /** The raw `NODE_PERFORMANCE_GC_FLAGS_*` bits. */
  readonly flags: number;
  /** True when code asked for the collection (collect(), global.gc()), not the heap's own schedule. */
  readonly forced: boolean;
}

/** Maps one `NODE_PERFORMANCE_GC_*` kind value to ts314's name. */
export function kindOf(flag: number): GCKind {
  switch (flag) {
    case constants.NODE_PERFORMANCE_GC_MINOR:
      return 'minor';
    case constants.NODE_PERFORMANCE_GC_MAJOR:
      return 'major';
    case constants.NODE_PERFORMANCE_GC_INCREMENTAL:
      return 'incremental';
    case constants.NODE_PERFORMANCE_GC_WEAKCB:
      return 'weakCallbacks';
    default:
      return 'unknown';
  }
}

/** A GCPause from a perf_hooks 'gc' entry (Node >= 16 puts kind and flags in `detail`). */
export function pauseFromEntry(entry: PerformanceEntry): GCPause {
  const detail = (entry as { detail?: { kind?: number; flags?: number } }).detail;
  const legacy = entry as unknown as { kind?: number; flags?: number };
  const kind = detail?.kind ?? legacy.kind ?? -1;
  const flags = detail?.flags ?? legacy.flags ?? 0;
  return {
    kind: kindOf(kind),
    start: entry.startTime,
    duration: entry.duration,
    flags,
    forced: (flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0,
  };
}
