// Benchmark: the sensors and indicators demos against the notebooks' NumPy/pandas code on the same data, and 2 workers vs sequential.
// Run: node --import tsx bench/play/play-vs-numpy.bench.ts   (needs /usr/bin/python3 with numpy and pandas)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from '../../src/bench/stats.js';
import { InterpreterPoolExecutor } from '../../src/futures/index.js';
import { computeFeatures, marketData, parallelFeatures, ROWS, sensorData, sharedMarket } from '../../src/play/index.js';
import { analyzeSensors, RESULT_WIDTH } from '../../src/play/kernels/sensors.js';
import { kernelTask } from '../../src/play/kernels/locate.js';
import { parallelFor, SharedArray } from '../../src/threading/index.js';
import { twoThreadScaling } from '../threading/shared-machine-check.js';

const RUNS = 7;
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const ceiling = await twoThreadScaling();
console.log(`machine check: two threads run ${ceiling.toFixed(2)}× one thread's work in the same time (the ceiling for 2 workers)`);

const script = fileURLToPath(new URL('./numpy-reference.py', import.meta.url));
const py = JSON.parse(
  execFileSync(PYTHON, [script, String(RUNS)], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } }),
) as {
  numpy: string;
  pandas: string | null;
  sensorsSeconds: number;
  indicatorsSeconds: number;
  indicatorsRuns: number;
};

// A second NumPy (e.g. a newer one without pandas) for the sensors comparison: NUMPY_PYTHON=python3.
const other = process.env.NUMPY_PYTHON
  ? (JSON.parse(execFileSync(process.env.NUMPY_PYTHON, [script, String(RUNS)], { encoding: 'utf8' })) as {
      numpy: string;
      sensorsSeconds: number;
    })
  : undefined;

// Sensors: 800 × 2,000 at seed 42, sequential and 2 workers alternating.
const { temperature, humidity } = sensorData(42);
const seqTable = new Float64Array(800 * RESULT_WIDTH);
const parTable = SharedArray.create('float64', 800 * RESULT_WIDTH);
const sensorsKernel = kernelTask<typeof analyzeSensors>('sensors', 'analyzeSensors');
const pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
const sensorsRun = () => parallelFor(800, sensorsKernel, { executor: pool, args: [temperature, humidity, parTable, 2000] });
await sensorsRun();
analyzeSensors(0, 800, temperature, humidity, seqTable, 2000);
const sensorsSeq: number[] = [];
const sensorsPar: number[] = [];
for (let i = 0; i < RUNS; i++) {
  sensorsSeq.push(time(() => analyzeSensors(0, 800, temperature, humidity, seqTable, 2000)));
  sensorsPar.push(await timeAsync(sensorsRun));
}

// Indicators: 500,000 rows at seed 42.
const data = marketData(42, ROWS);
const market = sharedMarket(data);
const indicatorsRun = () => parallelFeatures(pool, market);
await indicatorsRun();
computeFeatures(data.price, data.volume, data.returns);
const indSeq: number[] = [];
const indPar: number[] = [];
for (let i = 0; i < RUNS; i++) {
  indSeq.push(time(() => computeFeatures(data.price, data.volume, data.returns)));
  indPar.push(await timeAsync(indicatorsRun));
}
await pool.shutdown({ wait: true });

const row = (name: string, ms: number, note = '') => console.log(`| ${name} | ${ms.toFixed(1)} | ${note} |`);
console.log(`\nNumPy ${py.numpy}, pandas ${py.pandas} (${PYTHON}); medians of ${RUNS} runs (pandas: ${py.indicatorsRuns})\n`);
console.log('| configuration | time (ms) | vs reference |\n|---|---:|---|');
const sSeq = median(sensorsSeq);
const sPar = median(sensorsPar);
row('sensors: NumPy, one thread', py.sensorsSeconds * 1000, 'reference');
if (other) row(`sensors: NumPy ${other.numpy}, one thread`, other.sensorsSeconds * 1000, `${process.env.NUMPY_PYTHON}`);
row('sensors: ts314 sequential', sSeq, `${((py.sensorsSeconds * 1000) / sSeq).toFixed(2)}× NumPy's speed`);
row(
  'sensors: ts314 2 workers',
  sPar,
  `${((py.sensorsSeconds * 1000) / sPar).toFixed(2)}× NumPy's speed; ${(sSeq / sPar).toFixed(2)}× sequential`,
);
const iSeq = median(indSeq);
const iPar = median(indPar);
row('indicators: pandas', py.indicatorsSeconds * 1000, 'reference');
row('indicators: ts314 sequential', iSeq, `${((py.indicatorsSeconds * 1000) / iSeq).toFixed(2)}× pandas' speed`);
row('indicators: ts314 2 workers', iPar, `${(iSeq / iPar).toFixed(2)}× sequential (ceiling ${ceiling.toFixed(2)}×)`);
