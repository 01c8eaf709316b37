// Two workers incrementing one shared word: exact under a Lock and with AtomicCounter, updates lost without either.
// test: serial — losing updates needs the two workers running at the same moment on both cores, which other test
// files on the same cores can prevent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, task, type Interpreter } from '../../src/interpreters/index.js';
import { AtomicCounter, Lock } from '../../src/threading/index.js';
import type * as Kernels from './fixtures/primitives-kernels.js';

const kernels = new URL('./fixtures/primitives-kernels.ts', import.meta.url);
const N = 1_000_000;

function shared(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

// Two interpreters (not a pool) so the two loops are guaranteed to run on two threads at once;
// each kernel first spins on a shared gate until both have arrived.
async function onTwoWorkers(run: (interp: Interpreter, gate: Int32Array) => Promise<unknown>): Promise<void> {
  await using a = create();
  await using b = create();
  const gate = shared();
  await Promise.all([run(a, gate), run(b, gate)]);
}

test('2 workers x 1,000,000 read-modify-write increments under a Lock end at exactly 2,000,000', async () => {
  const lock = new Lock();
  const counts = shared();
  await onTwoWorkers((w, gate) => w.call(task<typeof Kernels.incrementUnderLock>(kernels, 'incrementUnderLock'), lock, counts, N, gate, 2));
  assert.equal(counts[0], 2 * N);
  assert.equal(lock.locked(), false);
});

test('the same increments without a lock lose updates (why locks matter)', async () => {
  // Losing updates needs the two loops to overlap; a 1,000,000-step loop takes a few milliseconds, so a
  // busy machine can now and then run one before the other (exactly 2,000,000 in about 1 run of 8 under
  // load on Node 26). Up to 5 tries, each on fresh memory: one overlap shows the loss.
  const seen: number[] = [];
  for (let attempt = 0; attempt < 5 && !seen.some((count) => count < 2 * N); attempt++) {
    const counts = shared();
    await onTwoWorkers((w, gate) => w.call(task<typeof Kernels.incrementWithoutLock>(kernels, 'incrementWithoutLock'), counts, N, gate, 2));
    // No lower bound but 1 holds: a thread that stalls between its read and its write erases every increment the
    // other thread made meanwhile (CI once ended at 917,841).
    assert.ok(counts[0]! >= 1 && counts[0]! <= 2 * N, `the count lies in 1..2,000,000: ${counts[0]}`);
    seen.push(counts[0]!);
  }
  assert.ok(
    seen.some((count) => count < 2 * N),
    `expected lost updates in one of ${seen.length} runs, got ${seen.join(', ')}`,
  );
});

test('an AtomicCounter needs no lock: 2 workers x 1,000,000 increment() end at exactly 2,000,000', async () => {
  const counter = new AtomicCounter();
  await onTwoWorkers((w, gate) => w.call(task<typeof Kernels.incrementAtomic>(kernels, 'incrementAtomic'), counter, N, gate, 2));
  assert.equal(counter.get(), 2 * N);
  const big = new AtomicCounter(2n ** 40n);
  await onTwoWorkers((w, gate) =>
    w.call(task<typeof Kernels.incrementAtomic>(kernels, 'incrementAtomic'), big as unknown as AtomicCounter, 1000, gate, 2),
  );
  assert.equal(big.get(), 2n ** 40n + 2000n);
});
