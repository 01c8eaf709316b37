// Process-wide id counters, shared by every ts314 worker through one SharedArrayBuffer.
import { isMainThread, threadId, workerData } from 'node:worker_threads';

/** Slot 0: the last Queue id handed out. More counters can take later slots. */
const COUNTER_SLOTS = 4;
const QUEUE_SLOT = 0;

/**
 * Ids must be unique in the whole process (a Queue revived in a worker keeps its id), so the main
 * thread owns the counters and startWorker() hands the same buffer to every worker it starts.
 * A worker started some other way gets its own counters, offset by its threadId so ids still differ.
 */
const FOREIGN_WORKER_ID_STRIDE = 1_000_000;

function inherited(): SharedArrayBuffer | undefined {
  if (isMainThread) return undefined;
  const boot = (workerData as { ts314?: { counters?: unknown } } | null | undefined)?.ts314;
  return boot?.counters instanceof SharedArrayBuffer ? boot.counters : undefined;
}

const counters = new Int32Array(inherited() ?? new SharedArrayBuffer(COUNTER_SLOTS * Int32Array.BYTES_PER_ELEMENT));
if (!isMainThread && inherited() === undefined) Atomics.store(counters, QUEUE_SLOT, threadId * FOREIGN_WORKER_ID_STRIDE);

/** A fresh process-unique Queue id (1, 2, 3, … as in Python). */
export function nextQueueId(): number {
  return Atomics.add(counters, QUEUE_SLOT, 1) + 1;
}

/** The buffer to hand to a worker so it shares these counters. */
export function sharedCounters(): SharedArrayBuffer {
  return counters.buffer as SharedArrayBuffer;
}
