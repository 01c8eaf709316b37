import { InterpreterPoolExecutor, task } from '../../src/futures/index.js';
const addOne = task<(x: number) => number>(new URL('./add-one.mjs', import.meta.url), 'default');
const pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
await pool.submit(addOne, 1);
const N = 100_000;
for (let r = 0; r < 8; r++) {
  const t = performance.now();
  const fs = new Array(N);
  for (let i = 0; i < N; i++) fs[i] = pool.submit(addOne, i);
  const out = await Promise.all(fs);
  console.log(`round ${r}: ${(performance.now() - t).toFixed(0)} ms`, out.length);
}
await pool.shutdown();
