// A mutex in one Int32 of shared memory, for short critical sections (a ring buffer's memcpy).

/** Spins before a contended lock sleeps: critical sections are one memcpy, so the holder is nearly always done. */
const LOCK_SPINS = 64;
/** A contended lock re-checks at least this often, a safety net should a wake-up be missed. */
const LOCK_SLEEP_MS = 1;

const canSleep = typeof Atomics.wait === 'function';

/**
 * Drepper's three-state mutex ("Futexes Are Tricky"): 0 free, 1 held, 2 held with sleepers. Where
 * Atomics.wait is unavailable (a browser's main thread), contended callers spin.
 */
export function lockMutex(words: Int32Array, index: number): void {
  if (Atomics.compareExchange(words, index, 0, 1) === 0) return;
  for (let spin = 0; spin < LOCK_SPINS; spin++) {
    if (Atomics.load(words, index) === 0 && Atomics.compareExchange(words, index, 0, 1) === 0) return;
  }
  while (Atomics.exchange(words, index, 2) !== 0) {
    if (canSleep) Atomics.wait(words, index, 2, LOCK_SLEEP_MS);
  }
}

/** Releases a mutex taken with lockMutex, waking one sleeper if there are any. */
export function unlockMutex(words: Int32Array, index: number): void {
  if (Atomics.sub(words, index, 1) !== 1) {
    Atomics.store(words, index, 0);
    Atomics.notify(words, index, 1);
  }
}
