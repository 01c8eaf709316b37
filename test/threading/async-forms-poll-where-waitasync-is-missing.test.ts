import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { repoRoot } from '../helpers/package.js';

// A runtime without Atomics.waitAsync: the async forms fall back to polling and still time out,
// wake on a worker's release, and see a dead owner. Run in a child so the deletion cannot leak.
const SCRIPT = `
delete Atomics.waitAsync;
const { create } = await import('./src/interpreters/index.ts');
const { Lock, Event, BrokenLockError } = await import('./src/threading/index.ts');
const { hasWaitAsync } = await import('./src/internal/shared-memory/slice-wait.ts');
const out = { hasWaitAsync };
const lock = new Lock();
const event = new Event();
const w = create();
const flag = new Int32Array(new SharedArrayBuffer(8));
await w.call((l, f) => { l.acquire(); Atomics.store(f, 0, 1); }, lock, flag);
let t = performance.now();
out.timedOut = await lock.acquireAsync({ timeout: 120 });
out.timeoutMs = Math.round(performance.now() - t);
const releasing = w.call((l, e) => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100); l.release(); e.set(); }, lock, event);
t = performance.now();
out.acquired = await lock.acquireAsync({ timeout: 10000 });
out.event = await event.waitAsync(10000);
out.wakeMs = Math.round(performance.now() - t);
lock.release();
await releasing;
const dying = w.call((l) => { l.acquire(); setTimeout(() => process.exit(1), 50); return new Promise(() => {}); }, lock).catch(() => 'died');
while (!lock.locked()) await new Promise((r) => setTimeout(r, 2));
try { await lock.acquireAsync({ timeout: 20000 }); out.dead = 'acquired?'; } catch (e) { out.dead = e instanceof BrokenLockError ? 'BrokenLockError' : String(e); }
await dying;
await w.close();
console.log(JSON.stringify(out));
`;

test('without Atomics.waitAsync the async forms poll: timeouts, wake-ups and dead owners still work', async () => {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', SCRIPT],
      { cwd: repoRoot, timeout: 60_000 },
      (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
    );
  });
  const out = JSON.parse(stdout) as {
    hasWaitAsync: boolean;
    timedOut: boolean;
    timeoutMs: number;
    acquired: boolean;
    event: boolean;
    wakeMs: number;
    dead: string;
  };
  assert.equal(out.hasWaitAsync, false);
  assert.equal(out.timedOut, false);
  assert.ok(out.timeoutMs >= 105 && out.timeoutMs < 3000, `timed out after ${out.timeoutMs} ms`);
  assert.equal(out.acquired, true);
  assert.equal(out.event, true);
  assert.ok(out.wakeMs < 3000);
  assert.equal(out.dead, 'BrokenLockError');
});
