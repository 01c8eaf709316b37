import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runModuleScript } from '../helpers/package.js';

// Plain node, no TypeScript loader: what a user of the published package runs.
const SCRIPT = `
import { Worker } from 'node:worker_threads';
import { create } from 'ts314/interpreters';
import { InterpreterPoolExecutor } from 'ts314/futures';
import { AtomicCounter, Barrier, BrokenLockError, Condition, Event, Lock, Semaphore, watchWorker } from 'ts314/threading';
const out = {};
const lock = new Lock();
const counts = new Int32Array(new SharedArrayBuffer(4));
const pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
const add = (l, c, n) => { for (let i = 0; i < n; i++) l.withLock(() => { c[0] = c[0] + 1; }); return n; };
await Promise.all([pool.submit(add, lock, counts, 20000), pool.submit(add, lock, counts, 20000)]);
out.locked = counts[0];
const counter = new AtomicCounter();
await Promise.all([pool.submit((c) => { for (let i = 0; i < 10000; i++) c.increment(); }, counter), pool.submit((c) => { for (let i = 0; i < 10000; i++) c.increment(); }, counter)]);
out.atomic = counter.get();
await pool.shutdown();

const interp = create();
const barrier = new Barrier(2, { timeout: 10000 });
const event = new Event();
const sem = new Semaphore(0);
const cond = new Condition();
const remote = interp.call((b, e, s, c) => { const i = b.wait(); e.set(); s.release(); c.withLock(() => c.notify()); return i; }, barrier, event, sem, cond);
out.barrier = (await barrier.waitAsync()) + (await remote);
out.event = await event.waitAsync(5000);
out.semaphore = await sem.acquireAsync({ timeout: 5000 });
await interp.close();

// A raw worker_threads Worker (eval'd as a module, like this script): the lock crosses as its buffer, the worker dies holding it.
const flag = new Int32Array(new SharedArrayBuffer(4));
const raw = watchWorker(new Worker(\`
  import { workerData } from 'node:worker_threads';
  import { Lock } from 'ts314/threading';
  Lock.fromBuffer(workerData.buffer).acquire();
  Atomics.store(workerData.flag, 0, 1);
  process.exit(3);
\`, { eval: true, workerData: { buffer: lock.buffer, flag } }));
const rawId = raw.threadId;
while (Atomics.load(flag, 0) === 0 && raw.threadId !== -1) await new Promise((resolve) => setTimeout(resolve, 2));
try {
  await lock.acquireAsync({ timeout: 20000 });
  out.raw = 'acquired?';
} catch (error) {
  out.raw = error instanceof BrokenLockError && error.deadOwner === rawId ? 'BrokenLockError' : String(error);
}
console.log(JSON.stringify(out));
`;

test("the built 'ts314/threading' shares primitives with pool, interpreter and raw workers under plain node", async () => {
  const stdout = await runModuleScript(SCRIPT, { timeoutMs: 90_000 });
  assert.deepEqual(JSON.parse(stdout), { locked: 40000, atomic: 20000, barrier: 1, event: true, semaphore: true, raw: 'BrokenLockError' });
});
