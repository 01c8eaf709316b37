// The single process-wide perf_hooks 'gc' observer that monitors, callbacks and counters share.
import { PerformanceObserver } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { GC_KINDS, pauseFromEntry, type GCKind, type GCPause } from './pause.js';

type Listener = (pause: GCPause) => void;

const listeners = new Set<Listener>();
let observer: PerformanceObserver | undefined;
let unsupported = false;
let countingSince: number | undefined;
const counts = Object.fromEntries(GC_KINDS.map((k) => [k, 0])) as Record<GCKind, number>;

function deliver(entries: readonly import('node:perf_hooks').PerformanceEntry[]): void {
  for (const entry of entries) {
    const pause = pauseFromEntry(entry);
    counts[pause.kind]++;
    for (const listener of listeners) listener(pause);
  }
}

/** Starts the shared observer (idempotent). Counting by kind begins here. */
export function ensureObserving(): void {
  if (observer || unsupported) return;
  const supported = (PerformanceObserver as { supportedEntryTypes?: readonly string[] }).supportedEntryTypes ?? [];
  if (!supported.includes('gc')) {
    // Degrade, don't crash: monitors record nothing; collect() and getStats() still work.
    unsupported = true;
    process.emitWarning("this runtime has no perf_hooks 'gc' entries: ts314/gc cannot observe GC pauses", 'TS314GCWarning');
    return;
  }
  observer = new PerformanceObserver((list) => deliver(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  countingSince = performance.now();
}

export function addListener(listener: Listener): void {
  ensureObserving();
  listeners.add(listener);
}

export function removeListener(listener: Listener): void {
  listeners.delete(listener);
}

/**
 * Waits until pauses that already happened have reached the listeners. Node records a GC in a
 * native callback after the pause, posts the entry on the next event-loop turn (an immediate), and
 * the observer's callback runs one turn later; two turns plus takeRecords() drain both stages.
 */
export async function flushObserved(): Promise<void> {
  if (!observer) return;
  await nextTurn();
  await nextTurn();
  deliver(observer.takeRecords());
}

/** Synchronous best effort (process exit): entries already queued to the observer, not those still in native hands. */
export function flushObservedSync(): void {
  if (observer) deliver(observer.takeRecords());
}

/** Pauses seen per kind since observing began, and when it began (performance.now() ms). */
export function observedCounts(): { since: number | undefined; counts: Readonly<Record<GCKind, number>> } {
  return { since: countingSince, counts: { ...counts } };
}
