// Sleeping until a shared sequence word moves on, with a sleeper count so wakers skip notify when nobody sleeps.
import { sliceWaitAsync } from './slice-wait.js';

// Why no wake-up is lost: a waker bumps the sequence before it reads the sleeper count, and a
// sleeper registers, then compares against the sequence it read before its failed attempt. Either
// the sleeper sees the bump (its wait returns at once) or the waker sees the sleeper (and notifies).
// The count exists because Atomics.notify takes a process-wide lock inside V8: a queue with no
// sleepers should not pay it on every put and get.

const canSleep = typeof Atomics.wait === 'function';

/**
 * Blocks while words[seq] === seen, until a wake or the deadline; false when time is already up.
 * Where Atomics.wait is unavailable (a browser's main thread) it returns at once and callers spin.
 */
export function sleepOnSequence(words: Int32Array, seq: number, sleepers: number, seen: number, deadline: number): boolean {
  const remaining = deadline - performance.now();
  if (remaining <= 0) return false;
  if (!canSleep) return true;
  Atomics.add(words, sleepers, 1);
  try {
    Atomics.wait(words, seq, seen, remaining === Infinity ? undefined : remaining);
  } finally {
    Atomics.sub(words, sleepers, 1);
  }
  return true;
}

/** The async twin of sleepOnSequence: sleeps one slice at most (see sliceWaitAsync); false when time is already up. */
export async function sleepOnSequenceAsync(
  words: Int32Array,
  seq: number,
  sleepers: number,
  seen: number,
  deadline: number,
  attempt: number,
): Promise<boolean> {
  if (deadline - performance.now() <= 0) return false;
  Atomics.add(words, sleepers, 1);
  try {
    await sliceWaitAsync(words, seq, seen, deadline, attempt);
  } finally {
    Atomics.sub(words, sleepers, 1);
  }
  return true;
}

/** Moves the sequence on, then wakes its sleepers if there are any (the order the proof above needs). */
export function advanceSequence(words: Int32Array, seq: number, sleepers: number): void {
  Atomics.add(words, seq, 1);
  if (Atomics.load(words, sleepers) > 0) Atomics.notify(words, seq);
}
