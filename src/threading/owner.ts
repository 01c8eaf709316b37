// Owner-tracking lock words shared by Lock, RLock and Condition: CAS fast path, futex wait, dead-owner detection.
import { threadId } from 'node:worker_threads';
import { isOsThreadGone, isThreadMarkedDead, osThreadId } from '../internal/thread-liveness.js';
import { BrokenLockError } from './errors.js';
import { deadlineOf, now, sliceWait, sliceWaitAsync } from '../internal/shared-memory/slice-wait.js';

/**
 * The lock word: 0 free; `(threadId + 1) << 1 | contended` held, where the low bit says a thread may
 * be asleep waiting (so release must notify: Drepper's "mutex 2" from "Futexes Are Tricky"), with the
 * holder's identity kept in the same word so the dead-owner check never reads a stale pair; BROKEN:
 * its owner died holding it.
 */
export const STATE = 0;
/**
 * The OS thread id of the last thread that held the lock, and (TID_OF) that thread's key
 * (threadId + 1): waiters trust OWNER_TID only while TID_OF names the holder in STATE. A thread
 * writes them only when they name someone else, so re-taking a lock costs no store.
 */
export const OWNER_TID = 2;
export const TID_OF = 6;
/** Key (threadId + 1) of the owner that died, for the BrokenLockError message. */
export const DEAD_OWNER = 3;
/** RLock recursion depth; touched only by the owner. */
export const COUNT = 4;
/** KIND_LOCK or KIND_RLOCK, so fromBuffer() can refuse the wrong buffer. */
export const KIND = 5;
export const LOCK_WORDS = 8;

export const KIND_LOCK = 0x4c4f434b; // 'LOCK'
export const KIND_RLOCK = 0x524c434b; // 'RLCK'
export const BROKEN = -1;

/** This thread's key: threadId + 1 (the main thread is threadId 0). */
export const SELF = threadId + 1;
/** STATE when this thread holds the lock and nobody waits. */
const MINE = SELF << 1;

/**
 * Loads of STATE a blocked acquire makes before it sleeps. Critical sections are usually shorter
 * than a futex sleep and wake-up (microseconds), so a holder running on another core has often
 * released by then; glibc's adaptive mutexes and WebKit's locks spin briefly for the same reason.
 */
export const SPIN_LOADS = 100;

/** What a waiter saw last slice, so an OS-level death is confirmed on two looks before the lock is broken. */
export interface OwnerWatch {
  key: number;
  tid: number;
}

/** threadId of the holder for a STATE value, undefined when free or broken. */
export function ownerOf(state: number): number | undefined {
  return state > 0 ? (state >> 1) - 1 : undefined;
}

/** Whether this thread holds the lock. */
export function heldHere(words: Int32Array): boolean {
  return Atomics.load(words, STATE) >> 1 === SELF;
}

/** `thread 3` / `the main thread`, for messages. */
export function describeThread(id: number): string {
  return id === 0 ? 'the main thread' : `thread ${id}`;
}

export function brokenError(words: Int32Array, what: string): BrokenLockError {
  const owner = Atomics.load(words, DEAD_OWNER) - 1;
  return new BrokenLockError(
    `${what} is broken: its owner, ${describeThread(owner)}, died while holding it (a worker exited, threw or was terminated without releasing). ` +
      'The data it guarded may be half-updated; repair it, then call reset() to use the lock again',
    { deadOwner: owner },
  );
}

/** Records this thread's OS id for waiters, unless the last holder was this thread already. */
function took(words: Int32Array): void {
  if (Atomics.load(words, TID_OF) !== SELF) {
    Atomics.store(words, OWNER_TID, osThreadId());
    Atomics.store(words, TID_OF, SELF);
  }
}

/** Uncontended path: one CAS and one load, no system call. Returns the STATE it found (0 = now ours). */
export function tryTake(words: Int32Array): number {
  const seen = Atomics.compareExchange(words, STATE, 0, MINE);
  if (seen === 0) took(words);
  return seen;
}

/** Takes a free lock marked contended: a thread that slept cannot know whether others still sleep. */
function takeContended(words: Int32Array): number {
  const seen = Atomics.compareExchange(words, STATE, 0, MINE | 1);
  if (seen === 0) took(words);
  return seen;
}

/**
 * Whether the thread recorded in `state` is gone: its death was recorded by whoever saw it exit, or
 * the OS no longer lists its thread on two looks a slice apart.
 */
function ownerIsDead(words: Int32Array, state: number, watch: OwnerWatch): boolean {
  const key = state >> 1;
  if (key <= 1) return false; // the main thread cannot die while other threads of its process run
  if (isThreadMarkedDead(key - 1)) return true;
  // Seqlock-style read: the tid counts only if it was written by the thread that holds STATE now.
  const tidOf = Atomics.load(words, TID_OF);
  const tid = Atomics.load(words, OWNER_TID);
  const consistent = tidOf === key && Atomics.load(words, TID_OF) === key && Atomics.load(words, STATE) >> 1 === key;
  if (consistent && tid !== 0 && isOsThreadGone(tid) && Atomics.load(words, STATE) >> 1 === key && Atomics.load(words, OWNER_TID) === tid) {
    if (watch.key === key && watch.tid === tid) return true;
    watch.key = key;
    watch.tid = tid;
    return false;
  }
  watch.key = 0;
  watch.tid = 0;
  return false;
}

/** Marks the lock broken by its dead owner (if nobody changed it meanwhile) and wakes every waiter. */
function breakLock(words: Int32Array, state: number): boolean {
  Atomics.store(words, DEAD_OWNER, state >> 1);
  if (Atomics.compareExchange(words, STATE, state, BROKEN) !== state) return false;
  Atomics.notify(words, STATE);
  return true;
}

/**
 * One step before sleeping: makes sure STATE carries the contended bit. Returns the value to sleep
 * on, or the fresh STATE (even, or 0/BROKEN) when it changed under us and must be looked at again.
 */
function markContended(words: Int32Array, seen: number): { sleepOn: number } | { changed: number } {
  if ((seen & 1) === 1) return { sleepOn: seen };
  const found = Atomics.compareExchange(words, STATE, seen, seen | 1);
  return found === seen ? { sleepOn: seen | 1 } : { changed: found };
}

/** Blocking acquire with a timeout in ms (Infinity: for ever). Throws BrokenLockError. */
export function takeSync(words: Int32Array, timeoutMs: number, what: string): boolean {
  let seen = tryTake(words);
  if (seen === 0) return true;
  if (seen === BROKEN) throw brokenError(words, what);
  if (timeoutMs <= 0) return false;
  for (let i = 0; i < SPIN_LOADS && Atomics.load(words, STATE) !== 0; i++);
  seen = tryTake(words);
  if (seen === 0) return true;
  const deadline = deadlineOf(timeoutMs);
  const watch: OwnerWatch = { key: 0, tid: 0 };
  for (;;) {
    if (seen === BROKEN) throw brokenError(words, what);
    const step = markContended(words, seen);
    if ('changed' in step) {
      seen = step.changed === 0 ? takeContended(words) : step.changed;
      if (seen === 0) return true;
      continue;
    }
    const sleptFullSlice = sliceWait(words, STATE, step.sleepOn, deadline);
    seen = takeContended(words);
    if (seen === 0) return true;
    if (seen === BROKEN) throw brokenError(words, what);
    // Only a slice that passed with no wake-up prompts a look at the owner (it costs a system call).
    if (sleptFullSlice && ownerIsDead(words, seen, watch)) {
      breakLock(words, seen);
      throw brokenError(words, what);
    }
    if (now() >= deadline) return false;
  }
}

/** The async twin of takeSync, for the main thread's event loop. */
export async function takeAsync(words: Int32Array, timeoutMs: number, what: string): Promise<boolean> {
  let seen = tryTake(words);
  if (seen === 0) return true;
  if (seen === BROKEN) throw brokenError(words, what);
  if (timeoutMs <= 0) return false;
  const deadline = deadlineOf(timeoutMs);
  const watch: OwnerWatch = { key: 0, tid: 0 };
  for (let attempt = 0; ; attempt++) {
    if (seen === BROKEN) throw brokenError(words, what);
    const step = markContended(words, seen);
    if ('changed' in step) {
      seen = step.changed === 0 ? takeContended(words) : step.changed;
      if (seen === 0) return true;
      continue;
    }
    const sleptFullSlice = await sliceWaitAsync(words, STATE, step.sleepOn, deadline, attempt);
    seen = takeContended(words);
    if (seen === 0) return true;
    if (seen === BROKEN) throw brokenError(words, what);
    if (sleptFullSlice && ownerIsDead(words, seen, watch)) {
      breakLock(words, seen);
      throw brokenError(words, what);
    }
    if (now() >= deadline) return false;
  }
}

/** Releases a lock this thread holds: one CAS when nobody waits, plus one notify when someone may. False if not ours. */
export function giveOwn(words: Int32Array): boolean {
  let state = Atomics.compareExchange(words, STATE, MINE, 0);
  if (state === MINE) return true;
  while (state >> 1 === SELF) {
    const found = Atomics.compareExchange(words, STATE, state, 0);
    if (found === state) {
      if ((state & 1) === 1) Atomics.notify(words, STATE, 1);
      return true;
    }
    state = found;
  }
  return false;
}

/** Releases a lock held by whichever thread `state` names (Lock allows that, as Python does). */
export function giveAny(words: Int32Array, state: number): boolean {
  if (Atomics.compareExchange(words, STATE, state, 0) !== state) return false;
  if ((state & 1) === 1) Atomics.notify(words, STATE, 1);
  return true;
}

/** Clears a broken state so the lock can be used again; true when it was broken. */
export function unbreak(words: Int32Array): boolean {
  if (Atomics.compareExchange(words, STATE, BROKEN, 0) !== BROKEN) return false;
  Atomics.store(words, DEAD_OWNER, 0);
  Atomics.notify(words, STATE);
  return true;
}

export function newLockWords(kind: number): Int32Array {
  const words = new Int32Array(new SharedArrayBuffer(LOCK_WORDS * Int32Array.BYTES_PER_ELEMENT));
  words[KIND] = kind;
  return words;
}

/** Symbol.dispose where the runtime has it; Node 20's polyfilled name otherwise. */
export const DISPOSE: typeof Symbol.dispose = (Symbol.dispose ?? Symbol.for('nodejs.dispose')) as typeof Symbol.dispose;
