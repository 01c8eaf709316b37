// Blocking and async waits on a shared Int32 word, in bounded slices, for every ts314 waiter (threading, Queue).

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

/** performance.now()-based deadline for a timeout in ms. */
export function deadlineOf(timeoutMs: number): number {
  return timeoutMs === Infinity ? Infinity : now() + timeoutMs;
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
export async function sliceWaitAsync(
  view: Int32Array,
  index: number,
  expected: number,
  deadline: number,
  attempt: number,
): Promise<boolean> {
  const remaining = Math.min(deadline - now(), WAIT_SLICE_MS);
  if (remaining <= 0) return false;
  if (waitAsyncImpl !== undefined) {
    const result = waitAsyncImpl(view, index, expected, remaining);
    if (!result.async) return result.value === 'timed-out';
    // Atomics.waitAsync's own timeout is not an event-loop handle: a ref'd timer keeps the process
    // alive while someone is waiting, as a pending Python acquire keeps its thread alive.
    let timer: NodeJS.Timeout | undefined;
    try {
      const outcome = await Promise.race([
        result.value,
        new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timed-out'), remaining))),
      ]);
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
