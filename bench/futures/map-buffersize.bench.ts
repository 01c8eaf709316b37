// map(…, { buffersize }) over a 10-million-item generator: peak RSS at 1M and at 10M items must be the same.
import { InterpreterPoolExecutor } from '../../src/futures/index.js';

const TOTAL = 10_000_000;
const CHECKPOINT = 1_000_000;
/** Items mapped before measuring (same pool and settings). */
const WARMUP = 2_000_000;
const WORKERS = 2;
/** Items per task message: amortises messaging so 10M items take seconds, not minutes. */
const CHUNKSIZE = 1_000;
/** Chunks ahead of the consumer (so at most (BUFFERSIZE + 1) * CHUNKSIZE items are in flight). */
const BUFFERSIZE = 8;
/** Peak RSS may wander this much (GC timing, JIT) and still count as flat. */
const TOLERANCE = 1.1;

function* naturals(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

const peakMb = (): number => process.resourceUsage().maxRSS / 1024;
const pool = new InterpreterPoolExecutor({ maxWorkers: WORKERS });
// A warm-up pass lets the three V8 heaps (main + 2 workers) grow to their working size first, so the
// measured pass compares steady state at 1M and 10M items rather than heap growth in the first seconds.
let warm = 0;
for await (const value of pool.map((x: number) => x + 1, naturals(WARMUP), { buffersize: BUFFERSIZE, chunksize: CHUNKSIZE })) warm += value;
if (warm !== (WARMUP * (WARMUP + 1)) / 2) throw new Error('warm-up returned wrong results');
const afterWarmup = peakMb();
const start = performance.now();
let count = 0;
let sum = 0;
let atCheckpoint = 0;
let checkpointMs = 0;
for await (const value of pool.map((x: number) => x + 1, naturals(TOTAL), { buffersize: BUFFERSIZE, chunksize: CHUNKSIZE })) {
  sum += value;
  if (++count === CHECKPOINT) {
    atCheckpoint = peakMb();
    checkpointMs = performance.now() - start;
  }
}
const elapsed = performance.now() - start;
const atTotal = peakMb();
await pool.shutdown();
const expected = (TOTAL * (TOTAL + 1)) / 2;
if (count !== TOTAL || sum !== expected) throw new Error(`wrong results: ${count} items, sum ${sum} (expected ${expected})`);
const flat = atTotal <= atCheckpoint * TOLERANCE;
console.log(
  `### map() with buffersize over a ${TOTAL.toLocaleString('en-US')}-item generator (${WORKERS} workers, chunksize ${CHUNKSIZE}, buffersize ${BUFFERSIZE})\n`,
);
console.log('| items consumed | peak RSS (MB) | elapsed s |');
console.log('|---:|---:|---:|');
console.log(`| warm-up ${WARMUP.toLocaleString('en-US')} | ${afterWarmup.toFixed(1)} | |`);
console.log(`| ${CHECKPOINT.toLocaleString('en-US')} | ${atCheckpoint.toFixed(1)} | ${(checkpointMs / 1000).toFixed(2)} |`);
console.log(`| ${TOTAL.toLocaleString('en-US')} | ${atTotal.toFixed(1)} | ${(elapsed / 1000).toFixed(2)} |`);
console.log(
  `\nTarget: peak RSS does not grow with input length (10M <= ${TOLERANCE}x of 1M) — ${flat ? 'PASS' : 'FAIL'} (growth ${(atTotal - atCheckpoint).toFixed(1)} MB over ${(TOTAL - CHECKPOINT).toLocaleString('en-US')} more items; ${Math.round(TOTAL / (elapsed / 1000)).toLocaleString('en-US')} items/s)`,
);
