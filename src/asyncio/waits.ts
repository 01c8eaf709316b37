// Entering and leaving a ts314 await: the raw call site, and delivery of a cancellation or timeout that was waiting for one.
import { type CallSiteCapture, captureCallSite, parseCallSite } from './frames.js';
import { closeWait, type GraphNode, openWait, type Registry, registry, taskOfSite, type WaitSite, waitsOfTask } from './registry.js';

/** Implemented by Task: hands over (and forgets) an interruption requested while the task was not in a ts314 await. */
export const TAKE_INTERRUPT = Symbol.for('ts314.asyncio.takeInterrupt');

interface Interruptible {
  [TAKE_INTERRUPT](): unknown;
}

/**
 * Captures the caller's call site for a wait (`below` and everything it called are left out). Throws
 * the interruption (CancelledError, TimeoutError) a task was asked to take at its next ts314 await.
 */
// biome-ignore lint/complexity/noBannedTypes: Error.captureStackTrace takes any function
export function captureWaitSite(below: Function): CallSiteCapture {
  const reg = registry();
  const site = captureCallSite(below);
  if (reg.pendingInterrupts > 0) {
    const task = taskOfSite(reg, parseCallSite(site), reg.seq + 1) as (GraphNode & Partial<Interruptible>) | undefined;
    const pending = task?.[TAKE_INTERRUPT]?.();
    if (pending !== undefined) throw pending;
  }
  return site;
}

/** Opens a wait at the caller's call site (see {@link captureWaitSite}); the caller ends it with {@link endWait}. */
// biome-ignore lint/complexity/noBannedTypes: Error.captureStackTrace takes any function
export function beginWait(below: Function, interrupt: ((error: unknown) => boolean | undefined) | undefined): WaitSite {
  const site = captureWaitSite(below);
  return openWait(registry(), site, interrupt);
}

/** The task whose await `wait` is (parsing its call site), or undefined. */
export function taskOfWait(wait: WaitSite): GraphNode | undefined {
  return taskOfSite(registry(), parseCallSite(wait.site), wait.seq);
}

export function endWait(wait: WaitSite): void {
  closeWait(registry(), wait);
}

/** Interrupts the ts314 awaits `task` is in; returns how many took the error. */
export function interruptWaits(reg: Registry, task: GraphNode, error: unknown): number {
  const waits = waitsOfTask(reg, task);
  if (waits === undefined) return 0;
  let count = 0;
  // A copy: an interrupted wait closes itself.
  for (const wait of [...waits]) {
    if (wait.interrupt && wait.interrupt(error) !== false) count++;
  }
  return count;
}
