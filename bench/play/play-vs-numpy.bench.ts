// Benchmark: the sensors and indicators demos against the notebooks' NumPy/pandas code on the same data, and 2 workers vs sequential.
// Run: node --import tsx bench/play/play-vs-numpy.bench.ts
//   NumPy from /usr/bin/python3 (PYTHON=…) and from `python3` on PATH (NUMPY_PYTHON=…) when that is another
//   NumPy; pandas from PYTHON. `--sensors` runs the sensors comparisons only (no indicators, no pandas).
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { movingAverageValid } from '../../src/internal/numerics/correlate.js';
import { median } from '../../src/bench/stats.js';
import { InterpreterPoolExecutor } from '../../src/futures/index.js';
import { computeFeatures, marketData, parallelFeatures, ROWS, sensorData, sharedMarket } from '../../src/play/index.js';
import { analyzeSensors, COLUMN, MOVING_AVERAGE_WINDOW, RESULT_WIDTH } from '../../src/play/kernels/sensors.js';
import { kernelTask } from '../../src/play/kernels/locate.js';
import { parallelFor, SharedArray } from '../../src/threading/index.js';
import { twoThreadScaling } from '../threading/shared-machine-check.js';

const RUNS = 7;
const SENSORS_ONLY = process.argv.includes('--sensors');
const SENSORS = 800;
const READINGS = 2000;
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const NUMPY_PYTHON = process.env.NUMPY_PYTHON ?? 'python3';
/** Largest correlation difference accepted (numpy sums the products through BLAS, ts314 left to right). */
const CORRELATION_TOLERANCE = 1e-12;
/** Largest relative moving-average difference accepted (running sums against numpy's direct convolution). */
const MOVING_AVERAGE_TOLERANCE = 1e-12;
const script = fileURLToPath(new URL('./numpy-reference.py', import.meta.url));

interface Timing {
  readonly wall: number[];
  readonly cpu: number[];
}

interface NumpyResults {
  avgTemp: number[];
  anomalies: number[];
  correlation: number[];
  dominantFreq: number[];
  processedPoints: number[];
  movingAverage: Record<string, number[]>;
}

/** `numpy-reference.py serve` in a child process: one timed NumPy run per request, between ts314's runs. */
class NumpyReference {
  readonly timing: Timing = { wall: [], cpu: [] };
  /** The most OS threads the Python process had after a run (1 = NumPy ran single-threaded). */
  maxThreads = 0;

  private constructor(
    readonly command: string,
    readonly numpy: string,
    readonly python: string,
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterator<string>,
  ) {}

  static async start(command: string): Promise<NumpyReference | string> {
    const child = spawn(command, [script, 'serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let spawnError = '';
    child.on('error', (error) => {
      spawnError = error.message;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) return spawnError || stderr.trim().split('\n').at(-1) || 'exited without output';
    const hello = JSON.parse(first.value as string) as { numpy: string; python: string; threads: number };
    const reference = new NumpyReference(command, hello.numpy, hello.python, child, lines);
    reference.maxThreads = hello.threads;
    return reference;
  }

  async ask<T>(command: string): Promise<T> {
    this.child.stdin.write(`${command}\n`);
    const next = await this.lines.next();
    if (next.done) throw new Error(`${this.command} numpy-reference.py ended on "${command}"`);
    return JSON.parse(next.value as string) as T;
  }

  async timeOnce(): Promise<void> {
    const run = await this.ask<{ wall: number; cpu: number; threads: number }>('sensors');
    this.timing.wall.push(run.wall * 1000);
    this.timing.cpu.push(run.cpu * 1000);
    this.maxThreads = Math.max(this.maxThreads, run.threads);
  }

  async close(): Promise<void> {
    this.child.stdin.end('quit\n');
    if (this.child.exitCode === null) await once(this.child, 'exit');
  }
}

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

// NumPy: every distinct interpreter/NumPy among PYTHON and NUMPY_PYTHON.
const references: NumpyReference[] = [];
for (const command of [PYTHON, NUMPY_PYTHON]) {
  const started = await NumpyReference.start(command);
  if (typeof started === 'string') {
    console.log(`NumPy via ${command}: not available (${started})`);
  } else if (references.some((r) => r.python === started.python && r.numpy === started.numpy)) {
    await started.close();
  } else {
    references.push(started);
  }
}
if (references.length === 0) throw new Error(`no NumPy found: tried ${PYTHON} and ${NUMPY_PYTHON}`);

// Sensors, one thread each: 800 × 2,000 at seed 42; ts314 and each NumPy alternate which runs first.
const { temperature, humidity } = sensorData(42);
const seqTable = new Float64Array(SENSORS * RESULT_WIDTH);
analyzeSensors(0, SENSORS, temperature, humidity, seqTable, READINGS); // warm-up: the JIT, the FFT plan
const ts314: Timing = { wall: [], cpu: [] };
const timeTs314 = () => {
  const cpu = process.cpuUsage();
  ts314.wall.push(time(() => analyzeSensors(0, SENSORS, temperature, humidity, seqTable, READINGS)));
  const used = process.cpuUsage(cpu);
  ts314.cpu.push((used.user + used.system) / 1000);
};
for (let run = 0; run < RUNS; run++) {
  if (run % 2 === 0) timeTs314();
  for (const reference of run % 2 === 0 ? references : [...references].reverse()) await reference.timeOnce();
  if (run % 2 === 1) timeTs314();
}

// The same figures as NumPy's: counts and frequencies exactly, means bit for bit, correlation and moving average closely.
const column = (k: number) => Array.from({ length: SENSORS }, (_, i) => seqTable[i * RESULT_WIDTH + k]!);
const checks: string[] = [];
let resultsMatch = true;
for (const reference of references) {
  const expected = await reference.ask<NumpyResults>('results');
  const exact = (name: string, ours: number[], theirs: number[]) => {
    const differing = ours.filter((v, i) => !Object.is(v, theirs[i])).length;
    if (differing > 0) resultsMatch = false;
    return differing === 0 ? `${name} identical` : `${name} DIFFER in ${differing} sensors`;
  };
  const correlation = column(COLUMN.correlation);
  const worstCorrelation = Math.max(...correlation.map((r, i) => Math.abs(r - expected.correlation[i]!)));
  let worstMoving = 0;
  for (const [sensor, theirs] of Object.entries(expected.movingAverage)) {
    const from = Number(sensor) * READINGS;
    const ours = new Float64Array(READINGS - MOVING_AVERAGE_WINDOW + 1);
    const count = movingAverageValid(temperature.view.subarray(from, from + READINGS), MOVING_AVERAGE_WINDOW, ours);
    if (count !== theirs.length) resultsMatch = false;
    for (let j = 0; j < count; j++) worstMoving = Math.max(worstMoving, Math.abs(ours[j]! - theirs[j]!) / Math.abs(theirs[j]!));
  }
  if (!(worstCorrelation <= CORRELATION_TOLERANCE && worstMoving <= MOVING_AVERAGE_TOLERANCE)) resultsMatch = false;
  checks.push(
    `against NumPy ${reference.numpy}: ${[
      exact('anomalies', column(COLUMN.anomalies), expected.anomalies),
      exact('dominant frequencies', column(COLUMN.dominantFreq), expected.dominantFreq),
      exact('processed points', column(COLUMN.processedPoints), expected.processedPoints),
      exact('means (bit for bit)', column(COLUMN.avgTemp), expected.avgTemp),
    ].join(
      ', ',
    )}; correlation within ${worstCorrelation.toExponential(1)} (limit ${CORRELATION_TOLERANCE}); moving average of sensors ${Object.keys(expected.movingAverage).join(', ')} within ${worstMoving.toExponential(1)} relative (limit ${MOVING_AVERAGE_TOLERANCE})`,
  );
}
for (const reference of references) await reference.close();

// Sensors on 2 workers, alternating with sequential runs on one warm pool.
const parTable = SharedArray.create('float64', SENSORS * RESULT_WIDTH);
const sensorsKernel = kernelTask<typeof analyzeSensors>('sensors', 'analyzeSensors');
const pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
const sensorsRun = () => parallelFor(SENSORS, sensorsKernel, { executor: pool, args: [temperature, humidity, parTable, READINGS] });
await sensorsRun();
const sensorsSeq: number[] = [];
const sensorsPar: number[] = [];
for (let i = 0; i < RUNS; i++) {
  sensorsSeq.push(time(() => analyzeSensors(0, SENSORS, temperature, humidity, seqTable, READINGS)));
  sensorsPar.push(await timeAsync(sensorsRun));
}
const parallelIdentical = seqTable.every((v, i) => Object.is(v, parTable.view[i]));

// Indicators: 500,000 rows at seed 42.
const indSeq: number[] = [];
const indPar: number[] = [];
let pandas: { pandas: string; indicatorsSeconds: number; indicatorsRuns: number } | undefined;
if (!SENSORS_ONLY) {
  const data = marketData(42, ROWS);
  const market = sharedMarket(data);
  const indicatorsRun = () => parallelFeatures(pool, market);
  await indicatorsRun();
  computeFeatures(data.price, data.volume, data.returns);
  for (let i = 0; i < RUNS; i++) {
    indSeq.push(time(() => computeFeatures(data.price, data.volume, data.returns)));
    indPar.push(await timeAsync(indicatorsRun));
  }
}
await pool.shutdown({ wait: true });
if (!SENSORS_ONLY) {
  try {
    pandas = JSON.parse(execFileSync(PYTHON, [script, 'indicators', String(Math.max(1, Math.floor(RUNS / 2)))], { encoding: 'utf8' }));
  } catch (error) {
    console.log(`pandas via ${PYTHON}: not available (${(error as Error).message.split('\n')[0]})`);
  }
}

const ms = (x: number) => x.toFixed(1);
const ts314Wall = median(ts314.wall);
const ts314Cpu = median(ts314.cpu);
console.log(
  `\n### sensors: ts314 1 thread vs NumPy 1 thread (${SENSORS} sensors × ${READINGS.toLocaleString('en-US')} readings, seed 42; median of ${RUNS} runs, the order alternated)\n`,
);
console.log('| configuration | wall (ms) | CPU (ms) | OS threads in the process | ts314 vs this |\n|---|---:|---:|---:|---|');
for (const r of references) {
  const wall = median(r.timing.wall);
  console.log(
    `| NumPy ${r.numpy} (${r.python}), 1 thread | ${ms(wall)} | ${ms(median(r.timing.cpu))} | ${r.maxThreads} | ts314 takes ${(ts314Wall / wall).toFixed(2)}× its time |`,
  );
}
console.log(`| ts314, 1 thread (the main thread) | ${ms(ts314Wall)} | ${ms(ts314Cpu)} | — | — |`);
console.log('\nwall ms per run:');
for (const r of references) console.log(`  NumPy ${r.numpy}: ${r.timing.wall.map(ms).join(', ')}`);
console.log(`  ts314: ${ts314.wall.map(ms).join(', ')}`);
console.log('\nresults:');
for (const line of checks) console.log(`  ${line}`);
const slowest = references.map((r) => median(r.timing.wall));
const sensorsPass = resultsMatch && references.every((r) => ts314Wall <= median(r.timing.wall));
console.log(
  `\n**${sensorsPass ? 'PASS' : 'FAIL'}**: ts314 on 1 thread ${ms(ts314Wall)} ms against ${references
    .map((r, i) => `NumPy ${r.numpy} on 1 thread ${ms(slowest[i]!)} ms`)
    .join(' and ')} (target: at most NumPy's time, median wall); results ${resultsMatch ? 'match' : 'DO NOT match'}.`,
);

const row = (name: string, value: number, note = '') => console.log(`| ${name} | ${ms(value)} | ${note} |`);
const numpyMs = median(references[0]!.timing.wall);
console.log(
  SENSORS_ONLY
    ? `\n### sensors on 2 workers (medians of ${RUNS} runs)\n`
    : `\n### 2 workers, and indicators against pandas (medians of ${RUNS} runs; pandas: ${pandas?.indicatorsRuns ?? '—'})\n`,
);
console.log('| configuration | time (ms) | vs reference |\n|---|---:|---|');
const sSeq = median(sensorsSeq);
const sPar = median(sensorsPar);
row(`sensors: NumPy ${references[0]!.numpy}, one thread (above)`, numpyMs, 'reference');
row('sensors: ts314 sequential', sSeq, `${(numpyMs / sSeq).toFixed(2)}× NumPy's speed`);
row(
  'sensors: ts314 2 workers',
  sPar,
  `${(numpyMs / sPar).toFixed(2)}× NumPy's speed; ${(sSeq / sPar).toFixed(2)}× sequential; ${parallelIdentical ? 'bit-identical to sequential' : 'DIFFERENT from sequential'}`,
);
if (!SENSORS_ONLY) {
  const iSeq = median(indSeq);
  const iPar = median(indPar);
  if (pandas) {
    row(`indicators: pandas ${pandas.pandas}`, pandas.indicatorsSeconds * 1000, 'reference');
    row('indicators: ts314 sequential', iSeq, `${((pandas.indicatorsSeconds * 1000) / iSeq).toFixed(2)}× pandas' speed`);
  } else {
    row('indicators: ts314 sequential', iSeq);
  }
  row('indicators: ts314 2 workers', iPar, `${(iSeq / iPar).toFixed(2)}× sequential (ceiling ${ceiling.toFixed(2)}×)`);
}
