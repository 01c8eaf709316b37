// The seeds' free-threading sensor workload: deterministic IoT data, per-sensor analytics with a mixed-radix FFT, zone totals.
import { FftPlan } from '../../internal/numerics/fft.js';
import { seededRandom } from './payloads.js';

export { FftPlan };

/** Sensors per zone: the seed's `Zone_{i // 100}`. */
export const SENSORS_PER_ZONE = 100;
/** The seed's z-score threshold for an anomaly. */
export const ANOMALY_Z = 2.5;
/** The seed's rolling-mean window (np.convolve(temp, np.ones(50)/50, mode='valid')). */
export const ROLLING_WINDOW = 50;

/** Column of each per-sensor figure in a results row (a Float64Array of RESULT_WIDTH × sensors). */
export const RESULT = {
  sensorId: 0,
  zone: 1,
  avgTemp: 2,
  anomalies: 3,
  correlation: 4,
  /** argmax |fft[1:n/2]|, an index into that slice as in the seed (so frequency bin = value + 1). */
  dominantFreq: 5,
  processedPoints: 6,
  /** Largest 50-point rolling mean: keeps the rolling statistics observable (and not dead code). */
  rollingMeanMax: 7,
} as const;
export const RESULT_WIDTH = 8;

/** A view with the sensor series: anything with a Float64Array `view` (a SharedArray) or the array itself. */
export type Series = Float64Array | { readonly view: Float64Array };

function viewOf(series: Series): Float64Array {
  return series instanceof Float64Array ? series : series.view;
}

/** Half a step of the uniform generator's 2^-32 grid: keeps u1 off 0, so log(u1) is finite. */
const HALF_STEP = 2 ** -33;

/** Standard normal numbers by Box-Muller (both outputs used), from mulberry32 uniforms in (0, 1). */
export function normalGenerator(seed: number): () => number {
  const next = seededRandom(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u1 = next() + HALF_STEP;
    const u2 = next() + HALF_STEP;
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };
}

/**
 * Fills the seed's data set in place (row i = sensor i, `nReadings` columns), in the seed's order:
 * per sensor its temperatures (20 + i % 50 + 3·N(0,1)), humidities (50 + 10·N) and pressures (1013 + 5·N).
 * @example
 * const temperature = new Float64Array(800 * 2000), humidity = …, pressure = …;
 * fillSensorData({ temperature, humidity, pressure }, 800, 2000);
 */
export function fillSensorData(
  target: { readonly temperature: Series; readonly humidity: Series; readonly pressure?: Series | undefined },
  nSensors: number,
  nReadings: number,
  seed = 42,
): void {
  const temperature = viewOf(target.temperature);
  const humidity = viewOf(target.humidity);
  const pressure = target.pressure === undefined ? undefined : viewOf(target.pressure);
  const need = nSensors * nReadings;
  if (temperature.length < need || humidity.length < need || (pressure !== undefined && pressure.length < need)) {
    throw new RangeError(`fillSensorData: every series needs ${need} elements (${nSensors} sensors × ${nReadings} readings)`);
  }
  const normal = normalGenerator(seed);
  for (let i = 0; i < nSensors; i++) {
    const base = 20 + (i % 50);
    const row = i * nReadings;
    for (let j = 0; j < nReadings; j++) temperature[row + j] = base + normal() * 3;
    for (let j = 0; j < nReadings; j++) humidity[row + j] = 50 + normal() * 10;
    for (let j = 0; j < nReadings; j++) {
      const value = 1013 + normal() * 5;
      if (pressure !== undefined) pressure[row + j] = value;
    }
  }
}

/** Per-thread scratch for analyzeSensor(): one FFT plan and its buffers per series length. */
interface Scratch {
  readonly plan: FftPlan;
  readonly im: Float64Array;
  readonly outRe: Float64Array;
  readonly outIm: Float64Array;
}
const scratchByLength = new Map<number, Scratch>();

function scratchFor(n: number): Scratch {
  let scratch = scratchByLength.get(n);
  if (scratch === undefined) {
    scratch = { plan: new FftPlan(n), im: new Float64Array(n), outRe: new Float64Array(n), outIm: new Float64Array(n) };
    scratchByLength.set(n, scratch);
  }
  return scratch;
}

/**
 * The seed's analyze_sensor for sensor `id`: mean, z-score anomalies (> 2.5, population std as
 * numpy), the 50-point rolling mean, the temperature/humidity correlation (np.corrcoef) and the
 * dominant FFT frequency; writes one row of RESULT_WIDTH figures at results[id · RESULT_WIDTH].
 * Sums run left to right (numpy sums pairwise), so last digits can differ from numpy's; the same
 * code on any thread gives bit-identical results.
 */
export function analyzeSensor(id: number, temp: Float64Array, humidity: Float64Array, results: Float64Array): void {
  const n = temp.length;
  let sum = 0;
  for (let j = 0; j < n; j++) sum += temp[j]!;
  const mean = sum / n;
  let squares = 0;
  for (let j = 0; j < n; j++) {
    const d = temp[j]! - mean;
    squares += d * d;
  }
  const std = Math.sqrt(squares / n);
  let anomalies = 0;
  for (let j = 0; j < n; j++) if (Math.abs(temp[j]! - mean) / std > ANOMALY_Z) anomalies++;

  const weight = 1 / ROLLING_WINDOW;
  const windows = n - ROLLING_WINDOW + 1;
  let rollingMax = -Infinity;
  for (let i = 0; i < windows; i++) {
    let acc = 0;
    for (let k = 0; k < ROLLING_WINDOW; k++) acc += temp[i + k]! * weight;
    if (acc > rollingMax) rollingMax = acc;
  }

  let hSum = 0;
  for (let j = 0; j < n; j++) hSum += humidity[j]!;
  const hMean = hSum / n;
  let cov = 0;
  let hSquares = 0;
  for (let j = 0; j < n; j++) {
    const dt = temp[j]! - mean;
    const dh = humidity[j]! - hMean;
    cov += dt * dh;
    hSquares += dh * dh;
  }
  const correlation = cov / Math.sqrt(squares * hSquares);

  const scratch = scratchFor(n);
  scratch.im.fill(0);
  scratch.plan.transform(temp, scratch.im, scratch.outRe, scratch.outIm);
  let best = -1;
  let bestPower = -Infinity;
  const half = Math.floor(n / 2);
  for (let k = 1; k < half; k++) {
    const re = scratch.outRe[k]!;
    const im = scratch.outIm[k]!;
    const power = re * re + im * im;
    if (power > bestPower) {
      bestPower = power;
      best = k - 1;
    }
  }

  const row = id * RESULT_WIDTH;
  results[row + RESULT.sensorId] = id;
  results[row + RESULT.zone] = Math.floor(id / SENSORS_PER_ZONE);
  results[row + RESULT.avgTemp] = mean;
  results[row + RESULT.anomalies] = anomalies;
  results[row + RESULT.correlation] = correlation;
  results[row + RESULT.dominantFreq] = best;
  results[row + RESULT.processedPoints] = Math.max(0, windows) + n;
  results[row + RESULT.rollingMeanMax] = rollingMax;
}

/**
 * Analyzes sensors [start, end) whose series are rows of `nReadings` in `temperature`/`humidity`,
 * writing their rows of `results`. A parallelFor range kernel: each worker gets the same shared
 * arrays and its own range; rows are disjoint, so no locks. Returns the number of sensors done.
 * @example
 * await parallelFor(800, task(new URL('./sensors.js', import.meta.url), 'analyzeSensorRange'), { args: [temps, hums, results, 2000] });
 */
export function analyzeSensorRange(
  start: number,
  end: number,
  temperature: Series,
  humidity: Series,
  results: Series,
  nReadings: number,
): number {
  const t = viewOf(temperature);
  const h = viewOf(humidity);
  const out = viewOf(results);
  for (let id = start; id < end; id++) {
    const from = id * nReadings;
    analyzeSensor(id, t.subarray(from, from + nReadings), h.subarray(from, from + nReadings), out);
  }
  return end - start;
}

/** Bit-for-bit equality of two results tables (Object.is also tells -0 from 0 and matches NaN). */
export function identicalTables(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** One zone of the seed's ZONE ANALYSIS. */
export interface ZoneStats {
  readonly zone: string;
  readonly sensors: number;
  readonly avgTemp: number;
  readonly totalAnomalies: number;
}

/** The seed's aggregation by `Zone_{i // 100}`, from a results table, in sensor order. */
export function zoneAggregate(results: Series, nSensors: number): ZoneStats[] {
  const out = viewOf(results);
  const zones = new Map<number, { sensors: number; temp: number; anomalies: number }>();
  for (let i = 0; i < nSensors; i++) {
    const row = i * RESULT_WIDTH;
    const zone = out[row + RESULT.zone]!;
    const stats = zones.get(zone) ?? { sensors: 0, temp: 0, anomalies: 0 };
    stats.sensors++;
    stats.temp += out[row + RESULT.avgTemp]!;
    stats.anomalies += out[row + RESULT.anomalies]!;
    zones.set(zone, stats);
  }
  return [...zones.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([zone, s]) => ({ zone: `Zone_${zone}`, sensors: s.sensors, avgTemp: s.temp / s.sensors, totalAnomalies: s.anomalies }));
}
