// monitor(): records every GC pause of this thread and summarizes them by kind.
import { didYouMean } from '../internal/did-you-mean.js';
import { checkOptionKeys } from '../internal/validate.js';
import { addListener, flushObserved, flushObservedSync, removeListener } from './observer.js';
import { GC_KINDS, type GCKind, type GCPause } from './pause.js';
import { summarize, type PauseSummary } from './summary.js';

/** Options for monitor(). */
export interface MonitorOptions {
  /** Called for each pause as it is delivered (asynchronously, shortly after the pause ended). */
  onPause?: (pause: GCPause) => void;
  /** Only record these kinds (default: all). */
  kinds?: readonly GCKind[];
}

const OPTION_KEYS = ['onPause', 'kinds'];

/** A running pause recorder; stop it with `await handle.stop()` or `await using`. */
export interface PauseMonitor extends Disposable, AsyncDisposable {
  /** Pauses recorded so far (a snapshot copy). */
  readonly pauses: readonly GCPause[];
  /** False after stop() or dispose. */
  readonly active: boolean;
  /** Statistics of the pauses recorded so far. Call `await flush()` first to include the most recent ones. */
  summary(): PauseSummary;
  /** Resolves once pauses that already happened have been recorded (delivery is asynchronous). */
  flush(): Promise<void>;
  /** Flushes, stops recording and returns the final summary. */
  stop(): Promise<PauseSummary>;
}

/**
 * Records every garbage-collection pause of the current thread (main thread or worker) that starts
 * after this call, via the runtime's perf_hooks 'gc' entries. Node delivers those entries asynchronously, a turn or two of
 * the event loop after the pause, so a summary taken right after synchronous work misses the last
 * pauses: `await handle.flush()` (or `await handle.stop()`) first.
 * @example
 * await using gcm = monitor({ onPause: (p) => { if (p.duration > 50) console.warn('long GC', p); } });
 * runBatch();
 * console.log((await gcm.stop()).all.p99);
 */
export function monitor(options: MonitorOptions = {}): PauseMonitor {
  checkOptionKeys(options, OPTION_KEYS, 'gc.monitor');
  const { onPause, kinds } = options;
  if (onPause !== undefined && typeof onPause !== 'function')
    throw new TypeError(`gc.monitor: onPause must be a function, got ${typeof onPause}`);
  if (kinds !== undefined) {
    if (!Array.isArray(kinds)) throw new TypeError(`gc.monitor: kinds must be an array of ${GC_KINDS.join(', ')}`);
    for (const kind of kinds) {
      if (!GC_KINDS.includes(kind)) {
        throw new TypeError(
          `gc.monitor: unknown GC kind '${String(kind)}'.${didYouMean(String(kind), GC_KINDS) || ` Kinds: ${GC_KINDS.join(', ')}.`}`,
        );
      }
    }
  }
  const wanted = kinds ? new Set(kinds) : undefined;
  const pauses: GCPause[] = [];
  let active = true;
  // Entries arrive late: pauses from before monitor() was called can still be in flight. Drop them.
  const startedAt = performance.now();
  const listener = (pause: GCPause) => {
    if (pause.start < startedAt) return;
    if (wanted && !wanted.has(pause.kind)) return;
    pauses.push(pause);
    if (onPause) {
      try {
        onPause(pause);
      } catch (error) {
        // A throwing callback must not stop the recording of later pauses; surface it as a warning.
        process.emitWarning(`gc.monitor onPause threw: ${(error as Error)?.stack ?? String(error)}`, 'TS314GCWarning');
      }
    }
  };
  addListener(listener);
  const handle: PauseMonitor = {
    get pauses() {
      return [...pauses];
    },
    get active() {
      return active;
    },
    summary: () => summarize(pauses),
    flush: async () => {
      if (active) await flushObserved();
    },
    stop: async () => {
      if (active) {
        await flushObserved();
        active = false;
        removeListener(listener);
      }
      return summarize(pauses);
    },
    [Symbol.dispose]: () => {
      if (!active) return;
      flushObservedSync();
      active = false;
      removeListener(listener);
    },
    [Symbol.asyncDispose]: async () => {
      await handle.stop();
    },
  };
  return handle;
}
