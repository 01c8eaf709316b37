// Worker-side loops for primitives-lock.bench.ts: the same increment loop under each competitor.
import type { AtomicCounter, Lock } from '../../src/threading/index.js';

function startTogether(gate: Int32Array, parties: number): void {
  Atomics.add(gate, 0, 1);
  while (Atomics.load(gate, 0) < parties) {
    // spin so both loops overlap from the first iteration
  }
}

/** The reference: the futex mutex a careful user writes with raw Atomics (Drepper, "Futexes Are Tricky", mutex 2). */
function rawLock(word: Int32Array): void {
  let c = Atomics.compareExchange(word, 0, 0, 1);
  if (c === 0) return;
  if (c !== 2) c = Atomics.exchange(word, 0, 2);
  while (c !== 0) {
    Atomics.wait(word, 0, 2);
    c = Atomics.exchange(word, 0, 2);
  }
}

function rawUnlock(word: Int32Array): void {
  if (Atomics.sub(word, 0, 1) !== 1) {
    Atomics.store(word, 0, 0);
    Atomics.notify(word, 0, 1);
  }
}

export function underTs314Lock(lock: Lock, counts: Int32Array, n: number, gate: Int32Array): number {
  startTogether(gate, 2);
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    lock.acquire();
    counts[0] = counts[0]! + 1;
    lock.release();
  }
  return performance.now() - started;
}

export function underRawLock(word: Int32Array, counts: Int32Array, n: number, gate: Int32Array): number {
  startTogether(gate, 2);
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    rawLock(word);
    counts[0] = counts[0]! + 1;
    rawUnlock(word);
  }
  return performance.now() - started;
}

export function withAtomicCounter(counter: AtomicCounter, n: number, gate: Int32Array): number {
  startTogether(gate, 2);
  const started = performance.now();
  for (let i = 0; i < n; i++) counter.increment();
  return performance.now() - started;
}

export function withAtomicsAdd(counts: Int32Array, n: number, gate: Int32Array): number {
  startTogether(gate, 2);
  const started = performance.now();
  for (let i = 0; i < n; i++) Atomics.add(counts, 0, 1);
  return performance.now() - started;
}
