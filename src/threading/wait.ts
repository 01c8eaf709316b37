// Blocking and async waits on a shared Int32 word, in bounded slices, and the timeout rules they share.
import { checkOptionKeys, checkTimeout, timeoutArgument } from '../internal/validate.js';
import { InvalidArgumentError } from './errors.js';

/**
 * Waiters sleep at most this long before looking around: whether a lock's owner has died, whether
 * the deadline passed. Short enough that a dead owner is reported within ~0.1 s, long enough that a
 * sleeping waiter costs nothing measurable (20 wake-ups a second). A release wakes waiters at once.
 */
export const WAIT_SLICE_MS = 50;

/**
 * Where Atomics.waitAsync is missing, async waiters poll: the delay grows from 1 ms to this cap, so
 * a short wait reacts fast and a long one costs little (Python's own Condition polls up to 50 ms).
 */
export const MAX_POLL_DELAY_MS = 10;

type WaitAsync = (view: Int32Array, index: number, value: number, timeout: number) => { async: boolean; value: Promise<string> | string };
const waitAsyncImpl = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

/** Whether async waits use Atomics.waitAsync (woken at once) rather than polling with setTimeout. */
export const hasWaitAsync = typeof waitAsyncImpl === 'function';

export function now(): number {
  return performance.now();
}

/**
 * Sleeps while view[index] === expected, for at most one slice or until `deadline`. Blocks this
 * thread (on the main thread that blocks the event loop; use the async forms there).
 */
export function sliceWait(view: Int32Array, index: number, expected: number, deadline: number): boolean {
  const remaining = deadline === Infinity ? WAIT_SLICE_MS : Math.min(deadline - now(), WAIT_SLICE_MS);
  return remaining > 0 && Atomics.wait(view, index, expected, remaining) === 'timed-out';
}

/**
 * The async twin of sliceWait: never blocks the event loop. `attempt` paces the polling fallback.
 * Resolves true when a whole slice passed with no wake-up (polling: when the word still holds `expected`).
 */
export async function sliceWaitAsync(view: Int32Array, index: number, expected: number, deadline: number, attempt: number): Promise<boolean> {
  const remaining = Math.min(deadline - now(), WAIT_SLICE_MS);
  if (remaining <= 0) return false;
  if (waitAsyncImpl !== undefined) {
    const result = waitAsyncImpl(view, index, expected, remaining);
    if (!result.async) return result.value === 'timed-out';
    // Atomics.waitAsync's own timeout is not an event-loop handle: a ref'd timer keeps the process
    // alive while someone is waiting, as a pending Python acquire keeps its thread alive.
    let timer: NodeJS.Timeout | undefined;
    try {
      const outcome = await Promise.race([result.value, new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timed-out'), remaining)))]);
      return outcome === 'timed-out';
    } finally {
      clearTimeout(timer);
    }
  }
  if (Atomics.load(view, index) !== expected) return false;
  const delay = Math.min(remaining, MAX_POLL_DELAY_MS, 1 + attempt);
  await new Promise((resolve) => setTimeout(resolve, delay));
  return delay >= remaining || attempt * MAX_POLL_DELAY_MS >= WAIT_SLICE_MS;
}

const invalid = (where: string) => ({ where, ErrorClass: InvalidArgumentError });

/** Options of Lock.acquire / RLock.acquire (Python: `acquire(blocking=True, timeout=-1)`). */
export interface AcquireOptions {
  /** false: take the lock only if it is free now, never wait. Default true. */
  readonly blocking?: boolean;
  /** Milliseconds to wait; omitted or Infinity waits for ever, 0 tries once. Not allowed with `blocking: false`. */
  readonly timeout?: number | undefined;
}

/** Options of Semaphore.acquire (Python: `acquire(blocking=True, timeout=None)`). */
export type SemaphoreAcquireOptions = AcquireOptions;

/** The `{ timeout }` of Event, Condition and Barrier waits, which also take the timeout positionally as Python does. */
export interface WaitOptions {
  /** Milliseconds to wait; omitted or Infinity waits for ever, 0 just looks. */
  readonly timeout?: number | undefined;
}

/**
 * Milliseconds an acquire may wait (Infinity for ever, 0 for a single try), by ts314's timeout
 * convention; as in Python, a timeout with blocking=false is an error.
 */
export function lockTimeout(options: AcquireOptions | undefined, where: string): number {
  if (options === undefined) return Infinity;
  checkOptionKeys(options, ['blocking', 'timeout'], where, InvalidArgumentError);
  const blocking = options.blocking ?? true;
  if (typeof blocking !== 'boolean') throw new InvalidArgumentError(`${where}: blocking must be a boolean, got ${String(blocking)}`);
  if (options.timeout === undefined || options.timeout === null) return blocking ? Infinity : 0;
  const timeout = checkTimeout(options.timeout, invalid(where));
  if (!blocking) {
    throw new InvalidArgumentError(`${where}: can't specify a timeout (${timeout} ms) for a non-blocking acquire; drop timeout or set blocking: true`);
  }
  return timeout;
}

/** Semaphore.acquire follows the same rules as Lock.acquire. */
export const semaphoreTimeout = lockTimeout;

/** A wait's timeout, positional as Python's Event/Condition/Barrier take it, or `{ timeout }`: Infinity for ever, 0 no wait. */
export function waitTimeout(timeout: number | WaitOptions | undefined | null, where: string): number {
  return timeoutArgument(timeout, invalid(where));
}

/** performance.now()-based deadline for a timeout in ms. */
export function deadlineOf(timeoutMs: number): number {
  return timeoutMs === Infinity ? Infinity : now() + timeoutMs;
}
