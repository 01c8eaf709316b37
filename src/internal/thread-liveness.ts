// Which worker threads have died: the process-wide record that lets lock waiters detect a dead owner.
import { existsSync, readlinkSync } from 'node:fs';
import { isMainThread, threadId, workerData, type Worker } from 'node:worker_threads';

/**
 * Dead threadIds are recorded at slot `threadId % LIVENESS_SLOTS`. ThreadIds only grow, so a slot
 * is reused only after this many more workers have been started; a forgotten death then falls back
 * to the OS check (isOsThreadGone). 65,536 Int32 slots are 256 KiB of address space, touched lazily.
 */
export const LIVENESS_SLOTS = 65_536;

function inherited(): SharedArrayBuffer | undefined {
  if (isMainThread) return undefined;
  const boot = (workerData as { ts314?: { liveness?: unknown } } | null | undefined)?.ts314;
  return boot?.liveness instanceof SharedArrayBuffer ? boot.liveness : undefined;
}

const fromBoot = inherited();
let table = new Int32Array(fromBoot ?? new SharedArrayBuffer(LIVENESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
/** Whether this thread's table is the process-wide one (main thread, or inherited from startWorker). */
let authoritative = isMainThread || fromBoot !== undefined;

/** The process-wide table, to hand to a worker (startWorker does) or to carry inside a primitive's handle. */
export function livenessBuffer(): SharedArrayBuffer {
  return table.buffer as SharedArrayBuffer;
}

/**
 * A thread ts314 did not start learns the process-wide table from the first shared primitive it
 * receives; deaths it records locally until then are copied over.
 */
export function adoptLivenessBuffer(buffer: unknown): void {
  if (authoritative || !(buffer instanceof SharedArrayBuffer) || buffer === table.buffer) return;
  if (buffer.byteLength !== LIVENESS_SLOTS * Int32Array.BYTES_PER_ELEMENT) return;
  const next = new Int32Array(buffer);
  for (let i = 0; i < table.length; i++) {
    const dead = Atomics.load(table, i);
    if (dead !== 0) Atomics.store(next, i, dead);
  }
  table = next;
  authoritative = true;
}

/** Records that the worker with this threadId is gone for good (threadIds are never reused). */
export function markThreadDead(id: number): void {
  if (!Number.isInteger(id) || id <= 0) return;
  Atomics.store(table, id % LIVENESS_SLOTS, id);
}

/** Whether someone who saw it die (its parent, or the thread itself on its way out) recorded its death. */
export function isThreadMarkedDead(id: number): boolean {
  return id > 0 && Atomics.load(table, id % LIVENESS_SLOTS) === id;
}

const watched = new WeakSet<Worker>();

/**
 * Records the worker's death in the process-wide table when it exits, so threads waiting on a lock
 * it holds get a BrokenLockError instead of waiting for ever. ts314 calls this for every worker it
 * starts (interpreters, pools); call it for Workers you create yourself with `new Worker`.
 * @example
 * import { Worker } from 'node:worker_threads';
 * const worker = watchWorker(new Worker(new URL('./job.js', import.meta.url), { workerData: { lock } }));
 */
export function watchWorker<W extends Worker>(worker: W): W {
  if (watched.has(worker)) return worker;
  watched.add(worker);
  // threadId reads -1 once the worker has exited, so it is captured now.
  const id = worker.threadId;
  worker.once('exit', () => markThreadDead(id));
  return worker;
}

function readOsThreadId(): number {
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>" (Linux >= 3.17).
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 && existsSync(`/proc/self/task/${tid}`) ? tid : 0;
  } catch {
    return 0;
  }
}

let osThreadIdCache: number | undefined;

/**
 * This thread's OS thread id where the OS shows threads in /proc (Linux), else 0. Lock owners store
 * it next to their threadId: a waiter then sees the owner's death even when nobody who received its
 * 'exit' event can run (the main thread blocked in a synchronous acquire, a raw worker's parent).
 * Read on first use, so threads that never take a lock (every ts314 worker loads this module) skip /proc.
 */
export function osThreadId(): number {
  return (osThreadIdCache ??= readOsThreadId());
}

/**
 * Whether the OS thread `tid` of this process has ended. Only meaningful for a tid read from a live
 * thread; a tid is reused by the OS only after the pid space wraps, and the exit-event record covers that.
 */
export function isOsThreadGone(tid: number): boolean {
  return tid > 0 && osThreadId() > 0 && !existsSync(`/proc/self/task/${tid}`);
}

// A worker that ends by process.exit() or an uncaught error records its own death on the way out:
// its parent may be blocked (e.g. in a synchronous acquire) and unable to handle the 'exit' event.
if (!isMainThread) process.once('exit', () => markThreadDead(threadId));
