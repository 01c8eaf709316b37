// The sensors demo: the seed's free-threading IoT analytics, 800 sensors × 2,000 readings in shared memory on 1…8 workers.
import type { InterpreterPoolExecutor } from '../futures/index.js';
import { parallelFor, SharedArray } from '../threading/index.js';
import { RandomState } from '../random/index.js';
import { analyzeSensors, COLUMN, RESULT_WIDTH } from './kernels/sensors.js';
import { kernelTask } from './kernels/locate.js';
import { bestOf, resolveOptions, type DemoOptions } from './options.js';
import { identical, scalingRow, withPool, type ScalingRow } from './scaling.js';

/** The seed's data set: 800 sensors of 2,000 readings, 100 sensors per zone. */
export const SENSORS = 800;
export const READINGS = 2_000;
export const SENSORS_PER_ZONE = 100;

/** One zone of the seed's ZONE ANALYSIS. */
export interface ZoneRow {
  readonly zone: string;
  readonly sensors: number;
  /** Mean of the zone's sensor means, summed in sensor order as the seed does. */
  readonly avgTemp: number;
  readonly anomalies: number;
}

/** Per-sensor figures, in sensor order (what the seed's analyze_sensor returns). */
export interface SensorTable {
  readonly avgTemp: readonly number[];
  readonly anomalies: readonly number[];
  readonly correlation: readonly number[];
  readonly dominantFreq: readonly number[];
}

export interface SensorsResult {
  readonly demo: 'sensors';
  readonly seed: number;
  readonly sensors: number;
  readonly readings: number;
  /** Timed runs per configuration (the best is reported). */
  readonly repeats: number;
  /** The sequential baseline first, then one row per worker count. */
  readonly rows: readonly ScalingRow[];
  readonly best: { readonly workers: number; readonly speedup: number };
  /** Readings analysed per second by the best configuration. */
  readonly throughput: number;
  readonly zones: readonly ZoneRow[];
  readonly table: SensorTable;
}

/**
 * The seed's data, drawn as it draws it: `np.random.seed(seed)`, then per sensor i its temperatures
 * `20 + i % 50 + randn(readings) · 3`, humidities `50 + randn · 10` and pressures `1013 + randn · 5`.
 */
export function sensorData(seed: number, sensors = SENSORS, readings = READINGS) {
  const rng = new RandomState(seed);
  const temperature = SharedArray.create('float64', sensors * readings);
  const humidity = SharedArray.create('float64', sensors * readings);
  const t = temperature.view;
  const h = humidity.view;
  for (let i = 0; i < sensors; i++) {
    const base = 20 + (i % 50);
    const row = i * readings;
    const temps = rng.randn(readings);
    for (let j = 0; j < readings; j++) t[row + j] = base + temps[j]! * 3;
    const hums = rng.randn(readings);
    for (let j = 0; j < readings; j++) h[row + j] = 50 + hums[j]! * 10;
    rng.randn(readings); // pressure: unused by the analysis, but drawn, so later sensors see the seed's stream
  }
  return { temperature, humidity };
}

/** The seed's zone aggregation (`Zone_{i // 100}`), sums in sensor order. */
export function zoneTable(results: Float64Array, sensors: number): ZoneRow[] {
  const zones: { sensors: number; temp: number; anomalies: number }[] = [];
  for (let i = 0; i < sensors; i++) {
    const z = Math.floor(i / SENSORS_PER_ZONE);
    zones[z] ??= { sensors: 0, temp: 0, anomalies: 0 };
    zones[z].sensors++;
    zones[z].temp += results[i * RESULT_WIDTH + COLUMN.avgTemp]!;
    zones[z].anomalies += results[i * RESULT_WIDTH + COLUMN.anomalies]!;
  }
  return zones.map((z, i) => ({ zone: `Zone_${i}`, sensors: z.sensors, avgTemp: z.temp / z.sensors, anomalies: z.anomalies }));
}

function column(results: Float64Array, col: number, sensors: number): number[] {
  return Array.from({ length: sensors }, (_, i) => results[i * RESULT_WIDTH + col]!);
}

/**
 * Runs the seed's sensor analytics sequentially on this thread, then on InterpreterPoolExecutors of
 * each worker count over the same SharedArrays (no copies), and checks each result table equals the
 * sequential one bit for bit.
 * @example
 * const r = await sensors({ seed: 42, workers: [1, 2] });
 * console.log(r.zones[0]); // { zone: 'Zone_0', sensors: 100, avgTemp: 44.5…, anomalies: 2524 }
 */
export async function sensors(options: DemoOptions = {}): Promise<SensorsResult> {
  const o = resolveOptions(options, 'sensors()');
  const repeats = o.quick ? 1 : 3;
  o.progress('generating 800 × 2,000 readings');
  const { temperature, humidity } = sensorData(o.seed);
  const expected = new Float64Array(SENSORS * RESULT_WIDTH);
  o.progress('sequential');
  analyzeSensors(0, SENSORS, temperature, humidity, expected, READINGS); // warm-up: the JIT, the FFT plan
  const sequential = await bestOf(repeats, () => analyzeSensors(0, SENSORS, temperature, humidity, expected, READINGS));
  const rows: ScalingRow[] = [scalingRow(1, sequential.ms, sequential.ms, true, 0, 'sequential')];
  const kernel = kernelTask<typeof analyzeSensors>('sensors', 'analyzeSensors');
  for (const workers of o.workers.filter((w) => w > 1)) {
    o.progress(`${workers} workers`);
    const results = SharedArray.create('float64', SENSORS * RESULT_WIDTH);
    const run = (pool: InterpreterPoolExecutor) =>
      parallelFor(SENSORS, kernel, { executor: pool, args: [temperature, humidity, results, READINGS] });
    rows.push(
      await withPool(workers, run, async (pool, startupMs) => {
        results.view.fill(0);
        const timed = await bestOf(repeats, () => run(pool));
        return scalingRow(workers, timed.ms, sequential.ms, identical(results.view, expected), startupMs);
      }),
    );
  }
  const best = rows.reduce((a, b) => (b.speedup > a.speedup ? b : a));
  return {
    demo: 'sensors',
    seed: o.seed,
    sensors: SENSORS,
    readings: READINGS,
    repeats,
    rows,
    best: { workers: best.workers, speedup: best.speedup },
    throughput: (SENSORS * READINGS) / (best.ms / 1000),
    zones: zoneTable(expected, SENSORS),
    table: {
      avgTemp: column(expected, COLUMN.avgTemp, SENSORS),
      anomalies: column(expected, COLUMN.anomalies, SENSORS),
      correlation: column(expected, COLUMN.correlation, SENSORS),
      dominantFreq: column(expected, COLUMN.dominantFreq, SENSORS),
    },
  };
}
