// Benchmark: the seeds' free-threading sensor workload in shared memory, sequential vs parallelFor on 1, 2, 4 and 8 workers.
// Run: node --import tsx bench/threading/sensors.bench.ts
import { median } from '../../src/bench/stats.js';
import { InterpreterPoolExecutor, task } from '../../src/futures/index.js';
import { SharedArray, parallelFor } from '../../src/threading/index.js';
import { twoThreadScaling } from './shared-machine-check.js';
import {
  RESULT,
  RESULT_WIDTH,
  analyzeSensorRange,
  fillSensorData,
  identicalTables,
  zoneAggregate,
} from '../../src/bench/workloads/sensors.js';

const SENSORS = 800;
const READINGS = 2000;
const RUNS = 7;
const WORKER_COUNTS = [1, 2, 4, 8] as const;
/** Issue #6's target: 2 workers at least 1.8× the sequential run on a 2-core machine. */
const TARGET_SPEEDUP_2 = 1.8;

const kernel = task<typeof analyzeSensorRange>(new URL('../../src/bench/workloads/sensors.ts', import.meta.url), 'analyzeSensorRange');

const temperature = SharedArray.create('float64', SENSORS * READINGS);
const humidity = SharedArray.create('float64', SENSORS * READINGS);
const pressure = SharedArray.create('float64', SENSORS * READINGS);
fillSensorData({ temperature, humidity, pressure }, SENSORS, READINGS);
const sequentialTable = SharedArray.create('float64', SENSORS * RESULT_WIDTH);
const parallelTable = SharedArray.create('float64', SENSORS * RESULT_WIDTH);

function runSequential(): number {
  const started = performance.now();
  analyzeSensorRange(0, SENSORS, temperature, humidity, sequentialTable, READINGS);
  return performance.now() - started;
}

async function runParallel(pool: InterpreterPoolExecutor): Promise<number> {
  parallelTable.view.fill(Number.NaN);
  const started = performance.now();
  const done = await parallelFor(SENSORS, kernel, { executor: pool, args: [temperature, humidity, parallelTable, READINGS] });
  const elapsed = performance.now() - started;
  if (done.reduce((a, b) => a + b, 0) !== SENSORS) throw new Error('parallelFor skipped sensors');
  return elapsed;
}

// One pool at a time, so idle workers of the other configurations cannot take CPU from the timed
// one. Each pool starts (and loads the kernel module) before timing, as a long-running service's
// pool would; start-up is reported on its own. Within a pool's rounds, sequential and parallel
// alternate which goes first.
runSequential();
const startup = new Map<number, number>();
const times = new Map<string, number[]>([['sequential', []], ...WORKER_COUNTS.map((w) => [String(w), []] as [string, number[]])]);
/** The sequential runs interleaved with each pool's runs: speedups compare runs made under the same load. */
const pairedSequential = new Map<number, number[]>();
let allIdentical = true;
for (const workers of WORKER_COUNTS) {
  const pool = new InterpreterPoolExecutor({ maxWorkers: workers });
  try {
    const started = performance.now();
    await runParallel(pool);
    startup.set(workers, performance.now() - started);
    await runParallel(pool);
    for (let run = 0; run < RUNS; run++) {
      for (const which of run % 2 === 0 ? ['sequential', 'parallel'] : ['parallel', 'sequential']) {
        if (which === 'sequential') {
          const elapsed = runSequential();
          times.get('sequential')!.push(elapsed);
          (pairedSequential.get(workers) ?? pairedSequential.set(workers, []).get(workers)!).push(elapsed);
        } else {
          times.get(String(workers))!.push(await runParallel(pool));
          allIdentical &&= identicalTables(sequentialTable.view, parallelTable.view);
        }
      }
    }
  } finally {
    await pool.shutdown();
  }
}

const seq = median(times.get('sequential')!);
const lines = [
  `### Sensor analytics: ${SENSORS} sensors × ${READINGS} readings in shared memory (median of ${RUNS} runs per configuration, sequential/parallel order alternated)`,
  '',
  'Speedup = median of the sequential runs interleaved with that configuration ÷ its parallel median, so both were measured under the same load.',
  '',
  '| configuration | time (ms) | sequential alongside (ms) | speedup | efficiency | results identical |',
  '|---|---:|---:|---:|---:|---|',
  `| sequential (main thread, all ${times.get('sequential')!.length} runs) | ${seq.toFixed(1)} | — | 1.00× | — | — |`,
];
let speedup2 = 0;
for (const workers of WORKER_COUNTS) {
  const t = median(times.get(String(workers))!);
  const alongside = median(pairedSequential.get(workers)!);
  const speedup = alongside / t;
  if (workers === 2) speedup2 = speedup;
  lines.push(
    `| parallelFor, ${workers} worker${workers > 1 ? 's' : ''} | ${t.toFixed(1)} | ${alongside.toFixed(1)} | ${speedup.toFixed(2)}× | ${((speedup / workers) * 100).toFixed(1)}% | ${allIdentical ? 'yes (bit-identical)' : 'NO'} |`,
  );
}
lines.push('');
lines.push(
  `Pool start-up + first run (not in the times above): ${WORKER_COUNTS.map((w) => `${w}w ${startup.get(w)!.toFixed(0)} ms`).join(', ')}.`,
);
lines.push('');
lines.push('ZONE ANALYSIS (from the shared result table, after the parallel runs):');
for (const zone of zoneAggregate(parallelTable, SENSORS)) {
  lines.push(`  ${zone.zone}: ${zone.sensors} sensors, ${zone.avgTemp.toFixed(1)}°C avg, ${zone.totalAnomalies} anomalies`);
}
let dominant = 0;
for (let i = 0; i < SENSORS; i++) dominant += parallelTable.view[i * RESULT_WIDTH + RESULT.dominantFreq]!;
lines.push(
  `Readings: ${(SENSORS * READINGS).toLocaleString('en-US')}; throughput at 2 workers: ${Math.round((SENSORS * READINGS) / (median(times.get('2')!) / 1000)).toLocaleString('en-US')} readings/s; checksum of dominant frequencies: ${dominant}.`,
);
lines.push('');
const pass = speedup2 >= TARGET_SPEEDUP_2 && allIdentical;
lines.push(
  `Machine check after the runs: two independent threads ran ${(await twoThreadScaling()).toFixed(2)}× one (2.00 on two idle cores; lower means other load, and caps every speedup above).`,
);
lines.push('');
lines.push(
  `**${pass ? 'PASS' : 'FAIL'}**: 2 workers ${speedup2.toFixed(2)}× sequential (target ≥ ${TARGET_SPEEDUP_2}×), results ${allIdentical ? 'identical' : 'DIFFERENT'} to the sequential run.`,
);
console.log(lines.join('\n'));
