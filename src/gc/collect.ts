// collect(), getStats() and callbacks: Python's gc entry points on V8's heap.
import v8 from 'node:v8';
import vm from 'node:vm';
import { addListener, ensureObserving, observedCounts, removeListener } from './observer.js';
import type { GCKind, GCPause } from './pause.js';

/** What collect() did. */
export interface CollectResult {
  /** Python's generation argument, as given (0 = young generation only, 2 = full heap). */
  readonly generation: 0 | 1 | 2;
  /** Used heap before minus after, in bytes (can be negative if other threads' work lands meanwhile). */
  readonly freedBytes: number;
  readonly heapUsedBefore: number;
  readonly heapUsedAfter: number;
  /** Wall time of the collection in ms. */
  readonly durationMs: number;
}

type GcFunction = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => unknown;
let gcFunction: GcFunction | undefined;

/**
 * V8's gc() without requiring `node --expose-gc`: turning the flag on at run time makes every *new*
 * context get a `gc` global, so a throwaway vm context hands us one; the flag is turned off again so
 * later contexts are not affected. Works on Node 20 through 26 (tested); a runtime that refuses
 * gets a clear error rather than a silent no-op.
 */
function obtainGc(): GcFunction {
  if (gcFunction) return gcFunction;
  const global = (globalThis as { gc?: GcFunction }).gc;
  if (typeof global === 'function') return (gcFunction = global);
  v8.setFlagsFromString('--expose-gc');
  try {
    const fn = vm.runInNewContext('typeof gc === "function" ? gc : undefined') as GcFunction | undefined;
    if (typeof fn !== 'function')
      throw new Error('V8 did not expose gc() after --expose-gc was set at run time; start node with --expose-gc');
    return (gcFunction = fn);
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}

/** Information passed to callbacks, modelled on Python's `{generation, collected, uncollectable}`. */
export interface GCCallbackInfo {
  readonly generation: 0 | 1 | 2;
  readonly kind: GCKind;
  /** Bytes freed (collect() 'stop' only; V8 does not count objects). 0 otherwise. */
  readonly collected: number;
  /** Always 0: V8 has no uncollectable garbage (no `__del__` cycles). Kept for Python code. */
  readonly uncollectable: 0;
  /** True for collections ts314's collect() ran, false for ones the runtime scheduled. */
  readonly explicit: boolean;
  /** The pause itself, for 'stop' of runtime-scheduled collections. */
  readonly pause?: GCPause;
}

/** A gc.callbacks entry: called with 'start' or 'stop' and the info. */
export type GCCallback = (phase: 'start' | 'stop', info: GCCallbackInfo) => void;

function generationOf(kind: GCKind): 0 | 1 | 2 {
  return kind === 'minor' ? 0 : kind === 'incremental' ? 1 : 2;
}

function invoke(phase: 'start' | 'stop', info: GCCallbackInfo): void {
  for (const callback of [...callbackList]) {
    try {
      callback(phase, info);
    } catch (error) {
      // Python reports exceptions in gc callbacks as unraisable and carries on; so does ts314.
      process.emitWarning(`gc callback threw: ${(error as Error)?.stack ?? String(error)}`, 'TS314GCWarning');
    }
  }
}

const runtimeListener = (pause: GCPause) => {
  // collect()'s own pause (one forced entry each, delivered later) was already reported synchronously.
  if (pause.forced && explicitPending > 0) {
    explicitPending--;
    return;
  }
  invoke('stop', { generation: generationOf(pause.kind), kind: pause.kind, collected: 0, uncollectable: 0, explicit: false, pause });
};

const callbackList: GCCallback[] = [];
let listening = false;
let explicitPending = 0;

function syncListening(): void {
  const want = callbackList.length > 0;
  if (want && !listening) addListener(runtimeListener);
  if (!want && listening) {
    removeListener(runtimeListener);
    explicitPending = 0;
  }
  listening = want;
}

/**
 * Python's `gc.callbacks`: a plain, mutable array of functions called with ('start' | 'stop', info).
 * For collect(), 'start' and 'stop' run synchronously around the collection. For collections the
 * runtime schedules itself, Node offers no hook before the pause: only 'stop' is called, a moment
 * after the pause (perf_hooks delivers entries asynchronously), with `info.pause` describing it.
 * @example
 * callbacks.push((phase, info) => console.log(phase, info.generation, info.collected));
 * collect();
 */
export const callbacks: GCCallback[] = new Proxy(callbackList, {
  set(target, key, value) {
    if (typeof key === 'string' && /^\d+$/.test(key) && typeof value !== 'function') {
      throw new TypeError(`gc.callbacks only holds functions, got ${value === null ? 'null' : typeof value}`);
    }
    (target as unknown as Record<PropertyKey, unknown>)[key] = value;
    syncListening();
    return true;
  },
  deleteProperty(target, key) {
    delete (target as unknown as Record<PropertyKey, unknown>)[key];
    syncListening();
    return true;
  },
});

/**
 * Python's `gc.collect(generation=2)`: forces a collection now, synchronously, and reports what it
 * freed. Generation 0 runs a young-generation scavenge; 1 and 2 run a full mark-compact (V8 has no
 * middle generation). No `--expose-gc` needed.
 * @example
 * let big: number[] | null = new Array(1e7).fill(1);
 * big = null;
 * collect().freedBytes; // ~80 MB
 */
export function collect(generation: 0 | 1 | 2 = 2): CollectResult {
  if (generation !== 0 && generation !== 1 && generation !== 2) {
    throw new RangeError(`gc.collect: generation must be 0, 1 or 2, got ${String(generation)}`);
  }
  const gc = obtainGc();
  ensureObserving();
  const kind: GCKind = generation === 0 ? 'minor' : 'major';
  if (callbackList.length > 0) invoke('start', { generation, kind, collected: 0, uncollectable: 0, explicit: true });
  const heapUsedBefore = v8.getHeapStatistics().used_heap_size;
  const started = performance.now();
  if (listening) explicitPending++;
  // Exactly `gc()` for a full collection: Node 26's V8 treats an explicit `undefined` argument as a no-op.
  if (generation === 0) gc({ type: 'minor' });
  else gc();
  const durationMs = performance.now() - started;
  const heapUsedAfter = v8.getHeapStatistics().used_heap_size;
  const result: CollectResult = { generation, freedBytes: heapUsedBefore - heapUsedAfter, heapUsedBefore, heapUsedAfter, durationMs };
  if (callbackList.length > 0)
    invoke('stop', { generation, kind, collected: Math.max(0, result.freedBytes), uncollectable: 0, explicit: true });
  return result;
}

/** v8.getHeapStatistics() with camelCase names (bytes). */
export interface HeapStats {
  readonly totalHeapSize: number;
  readonly totalHeapSizeExecutable: number;
  readonly totalPhysicalSize: number;
  readonly totalAvailableSize: number;
  readonly usedHeapSize: number;
  readonly heapSizeLimit: number;
  readonly mallocedMemory: number;
  readonly peakMallocedMemory: number;
  readonly numberOfNativeContexts: number;
  readonly numberOfDetachedContexts: number;
  readonly externalMemory: number;
}

/** One V8 heap space (new_space, old_space, code_space, large_object_space …), bytes. */
export interface HeapSpaceStats {
  readonly name: string;
  readonly size: number;
  readonly used: number;
  readonly available: number;
  readonly physicalSize: number;
}

/** getStats(): heap, spaces, and the collections ts314 has seen. */
export interface GCStats {
  readonly heap: HeapStats;
  readonly spaces: readonly HeapSpaceStats[];
  /**
   * Pauses seen per kind since ts314/gc started watching (the first monitor(), collect(),
   * getStats() or callbacks use — `since`, in performance.now() ms). The closest thing to Python's
   * per-generation `collections` counters: minor ≈ generation 0, major ≈ generation 2. Counts lag
   * the runtime by up to two event-loop turns.
   */
  readonly collections: Readonly<Record<GCKind, number>>;
  readonly since: number;
}

/**
 * Python's `gc.get_stats()` for V8: heap and per-space statistics plus observed collection counts.
 * @example
 * const { heap, spaces } = getStats();
 * console.log(heap.usedHeapSize, spaces.find((s) => s.name === 'new_space')?.used);
 */
export function getStats(): GCStats {
  ensureObserving();
  const h = v8.getHeapStatistics() as v8.HeapInfo & { external_memory?: number };
  const heap: HeapStats = {
    totalHeapSize: h.total_heap_size,
    totalHeapSizeExecutable: h.total_heap_size_executable,
    totalPhysicalSize: h.total_physical_size,
    totalAvailableSize: h.total_available_size,
    usedHeapSize: h.used_heap_size,
    heapSizeLimit: h.heap_size_limit,
    mallocedMemory: h.malloced_memory,
    peakMallocedMemory: h.peak_malloced_memory,
    numberOfNativeContexts: h.number_of_native_contexts,
    numberOfDetachedContexts: h.number_of_detached_contexts,
    externalMemory: h.external_memory ?? process.memoryUsage().external,
  };
  const spaces = v8.getHeapSpaceStatistics().map((s) => ({
    name: s.space_name,
    size: s.space_size,
    used: s.space_used_size,
    available: s.space_available_size,
    physicalSize: s.physical_space_size,
  }));
  const { since, counts } = observedCounts();
  return { heap, spaces, collections: counts, since: since ?? performance.now() };
}
