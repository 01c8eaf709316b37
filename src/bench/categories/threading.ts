// The threading category: the seeds' sensor workload in shared memory, sequential vs parallelFor at each worker count.
import { InterpreterPoolExecutor } from '../../futures/index.js';
import { parallelFor, SharedArray } from '../../threading/index.js';
import type { BenchContext, BenchDefinition } from '../definition.js';
import { workloadTask } from '../workloads/locate.js';
import { analyzeSensorRange, fillSensorData, identicalTables, RESULT_WIDTH } from '../workloads/sensors.js';
import { define } from './define.js';
import { workerCounts } from './executors.js';

/** The seed's 800 sensors × 2,000 readings (≈ 0.3 s sequential here); --quick analyzes a quarter of the sensors. */
const SIZE = { full: { sensors: 800, readings: 2_000 }, quick: { sensors: 200, readings: 2_000 } } as const;
/** Each sample is a whole parallel job: the runner's minimum of 5 samples, no more. */
const MAX_SAMPLES = 5;

interface Data {
  readonly temperature: SharedArray<'float64'>;
  readonly humidity: SharedArray<'float64'>;
  /** The sequential run's results table: every parallel run must reproduce it bit for bit. */
  readonly expected: Float64Array;
}

interface PoolState {
  readonly data: Data;
  readonly executor: InterpreterPoolExecutor;
  readonly results: SharedArray<'float64'>;
}

/** The threading category's benchmarks for a run. */
export function load(context: BenchContext): BenchDefinition[] {
  const { sensors, readings } = context.quick ? SIZE.quick : SIZE.full;
  const group = `sensor analytics ${sensors} × ${readings.toLocaleString('en')} (shared memory)`;
  const kernel = workloadTask<typeof analyzeSensorRange>('sensors', 'analyzeSensorRange');
  // Every row of the group reads the same shared data, generated once (it takes longer than a run).
  let data: Data | undefined;
  const dataOnce = (): Data => {
    if (data) return data;
    const temperature = SharedArray.create('float64', sensors * readings);
    const humidity = SharedArray.create('float64', sensors * readings);
    fillSensorData({ temperature, humidity }, sensors, readings);
    const expected = new Float64Array(sensors * RESULT_WIDTH);
    analyzeSensorRange(0, sensors, temperature, humidity, expected, readings);
    return (data = { temperature, humidity, expected });
  };
  const out: BenchDefinition[] = [
    define<{ data: Data; results: Float64Array }>({
      name: 'sequential (main thread)',
      group,
      params: { workers: 1, executor: 'sequential', sensors },
      baseline: true,
      maxSamples: MAX_SAMPLES,
      setup: () => ({ data: dataOnce(), results: new Float64Array(sensors * RESULT_WIDTH) }),
      fn: (s) => analyzeSensorRange(0, sensors, s.data.temperature, s.data.humidity, s.results, readings),
    }),
  ];
  for (const workers of workerCounts(context.workers)) {
    out.push(
      define<PoolState>({
        name: `parallelFor, InterpreterPoolExecutor ×${workers}`,
        group,
        params: { workers, executor: 'parallelFor', sensors },
        maxSamples: MAX_SAMPLES,
        async setup() {
          const state = {
            data: dataOnce(),
            executor: new InterpreterPoolExecutor({ maxWorkers: workers }),
            results: SharedArray.create('float64', sensors * RESULT_WIDTH),
          };
          // An untimed run starts the workers and loads the kernel, and proves the shared-memory
          // results equal the sequential ones bit for bit.
          await parallelFor(sensors, kernel, {
            executor: state.executor,
            args: [state.data.temperature, state.data.humidity, state.results, readings],
          });
          if (!identicalTables(state.results.view, state.data.expected))
            throw new Error(`parallelFor on ${workers} workers computed a different results table than the sequential run`);
          return state;
        },
        async fn(s) {
          const done = await parallelFor(sensors, kernel, {
            executor: s.executor,
            args: [s.data.temperature, s.data.humidity, s.results, readings],
          });
          return done.reduce((a, b) => a + b, 0);
        },
        teardown: (s) => s.executor.shutdown(),
      }),
    );
  }
  return out;
}
