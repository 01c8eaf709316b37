// The seeds' free-threading sensor workload: deterministic IoT data, per-sensor analytics with a mixed-radix FFT, zone totals.
import { seededRandom } from './payloads.js';

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

const C5_1 = Math.cos((2 * Math.PI) / 5);
const C5_2 = Math.cos((4 * Math.PI) / 5);
const S5_1 = Math.sin((2 * Math.PI) / 5);
const S5_2 = Math.sin((4 * Math.PI) / 5);

/**
 * A forward discrete Fourier transform of one length, planned once: mixed-radix Cooley-Tukey
 * (radix 4, 2 and 5 butterflies, any other prime factor p by a direct DFT of size p, so cost is
 * O(n · Σ factors)). n = 2000 = 4·4·5·5·5 needs no padding. X[k] = Σ x[j]·e^(−2πi·jk/n), as numpy.fft.fft.
 * @example
 * const plan = new FftPlan(2000);
 * plan.transform(re, im, outRe, outIm);
 */
export class FftPlan {
  readonly n: number;
  readonly #factors: number[];
  readonly #twRe: Float64Array;
  readonly #twIm: Float64Array;
  readonly #sumRe: Float64Array;
  readonly #sumIm: Float64Array;
  readonly #tRe: Float64Array;
  readonly #tIm: Float64Array;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`FftPlan: n must be a whole number of at least 1, got ${n}`);
    this.n = n;
    const factors: number[] = [];
    let rest = n;
    while (rest % 4 === 0) {
      factors.push(4);
      rest /= 4;
    }
    for (let p = 2; rest > 1; p++) {
      while (rest % p === 0) {
        factors.push(p);
        rest /= p;
      }
      if (p * p > rest && rest > 1) {
        factors.push(rest);
        rest = 1;
      }
    }
    this.#factors = factors;
    this.#twRe = new Float64Array(n);
    this.#twIm = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const angle = (2 * Math.PI * j) / n;
      this.#twRe[j] = Math.cos(angle);
      this.#twIm[j] = -Math.sin(angle);
    }
    const largest = Math.max(1, ...factors);
    this.#sumRe = new Float64Array(largest);
    this.#sumIm = new Float64Array(largest);
    this.#tRe = new Float64Array(largest);
    this.#tIm = new Float64Array(largest);
  }

  /** Writes the transform of (inRe, inIm) into (outRe, outIm); the inputs are not changed. */
  transform(inRe: Float64Array, inIm: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    if (inRe.length < this.n || inIm.length < this.n || outRe.length < this.n || outIm.length < this.n) {
      throw new RangeError(`FftPlan.transform: every array needs ${this.n} elements`);
    }
    this.#pass(inRe, inIm, 0, 1, outRe, outIm, 0, this.n, 0);
  }

  #pass(
    inRe: Float64Array,
    inIm: Float64Array,
    inOff: number,
    stride: number,
    outRe: Float64Array,
    outIm: Float64Array,
    outOff: number,
    n: number,
    fi: number,
  ): void {
    if (n === 1) {
      outRe[outOff] = inRe[inOff]!;
      outIm[outOff] = inIm[inOff]!;
      return;
    }
    const p = this.#factors[fi]!;
    const m = n / p;
    if (m === 1) {
      // Last stage: the size-1 sub-transforms are the inputs themselves; copy instead of recursing.
      for (let q = 0; q < p; q++) {
        outRe[outOff + q] = inRe[inOff + q * stride]!;
        outIm[outOff + q] = inIm[inOff + q * stride]!;
      }
    } else {
      for (let q = 0; q < p; q++) this.#pass(inRe, inIm, inOff + q * stride, stride * p, outRe, outIm, outOff + q * m, m, fi + 1);
    }
    const twRe = this.#twRe;
    const twIm = this.#twIm;
    const step = this.n / n;
    if (p === 4) {
      for (let k = 0; k < m; k++) {
        const i0 = outOff + k,
          i1 = i0 + m,
          i2 = i1 + m,
          i3 = i2 + m;
        const w1 = k * step,
          w2 = 2 * w1,
          w3 = 3 * w1;
        const a0r = outRe[i0]!,
          a0i = outIm[i0]!;
        const a1r = outRe[i1]! * twRe[w1]! - outIm[i1]! * twIm[w1]!,
          a1i = outRe[i1]! * twIm[w1]! + outIm[i1]! * twRe[w1]!;
        const a2r = outRe[i2]! * twRe[w2]! - outIm[i2]! * twIm[w2]!,
          a2i = outRe[i2]! * twIm[w2]! + outIm[i2]! * twRe[w2]!;
        const a3r = outRe[i3]! * twRe[w3]! - outIm[i3]! * twIm[w3]!,
          a3i = outRe[i3]! * twIm[w3]! + outIm[i3]! * twRe[w3]!;
        const s02r = a0r + a2r,
          s02i = a0i + a2i,
          d02r = a0r - a2r,
          d02i = a0i - a2i;
        const s13r = a1r + a3r,
          s13i = a1i + a3i,
          d13r = a1r - a3r,
          d13i = a1i - a3i;
        outRe[i0] = s02r + s13r;
        outIm[i0] = s02i + s13i;
        // Forward transform: W4 = −i, so −i·(a1 − a3) = (d13i, −d13r).
        outRe[i1] = d02r + d13i;
        outIm[i1] = d02i - d13r;
        outRe[i2] = s02r - s13r;
        outIm[i2] = s02i - s13i;
        outRe[i3] = d02r - d13i;
        outIm[i3] = d02i + d13r;
      }
      return;
    }
    if (p === 2) {
      for (let k = 0; k < m; k++) {
        const i0 = outOff + k,
          i1 = i0 + m;
        const w = k * step;
        const br = outRe[i1]! * twRe[w]! - outIm[i1]! * twIm[w]!,
          bi = outRe[i1]! * twIm[w]! + outIm[i1]! * twRe[w]!;
        const ar = outRe[i0]!,
          ai = outIm[i0]!;
        outRe[i0] = ar + br;
        outIm[i0] = ai + bi;
        outRe[i1] = ar - br;
        outIm[i1] = ai - bi;
      }
      return;
    }
    if (p === 5) {
      for (let k = 0; k < m; k++) {
        const i0 = outOff + k,
          i1 = i0 + m,
          i2 = i1 + m,
          i3 = i2 + m,
          i4 = i3 + m;
        const w1 = k * step,
          w2 = 2 * w1,
          w3 = 3 * w1,
          w4 = 4 * w1;
        const a0r = outRe[i0]!,
          a0i = outIm[i0]!;
        const a1r = outRe[i1]! * twRe[w1]! - outIm[i1]! * twIm[w1]!,
          a1i = outRe[i1]! * twIm[w1]! + outIm[i1]! * twRe[w1]!;
        const a2r = outRe[i2]! * twRe[w2]! - outIm[i2]! * twIm[w2]!,
          a2i = outRe[i2]! * twIm[w2]! + outIm[i2]! * twRe[w2]!;
        const a3r = outRe[i3]! * twRe[w3]! - outIm[i3]! * twIm[w3]!,
          a3i = outRe[i3]! * twIm[w3]! + outIm[i3]! * twRe[w3]!;
        const a4r = outRe[i4]! * twRe[w4]! - outIm[i4]! * twIm[w4]!,
          a4i = outRe[i4]! * twIm[w4]! + outIm[i4]! * twRe[w4]!;
        const b1r = a1r + a4r,
          b1i = a1i + a4i,
          d1r = a1r - a4r,
          d1i = a1i - a4i;
        const b2r = a2r + a3r,
          b2i = a2i + a3i,
          d2r = a2r - a3r,
          d2i = a2i - a3i;
        const t1r = a0r + C5_1 * b1r + C5_2 * b2r,
          t1i = a0i + C5_1 * b1i + C5_2 * b2i;
        const t2r = a0r + C5_2 * b1r + C5_1 * b2r,
          t2i = a0i + C5_2 * b1i + C5_1 * b2i;
        const er = S5_1 * d1r + S5_2 * d2r,
          ei = S5_1 * d1i + S5_2 * d2i;
        const fr = S5_2 * d1r - S5_1 * d2r,
          fi2 = S5_2 * d1i - S5_1 * d2i;
        outRe[i0] = a0r + b1r + b2r;
        outIm[i0] = a0i + b1i + b2i;
        // X1 = t1 − i·e, X4 = t1 + i·e, X2 = t2 − i·f, X3 = t2 + i·f (forward: W5 = e^(−2πi/5)).
        outRe[i1] = t1r + ei;
        outIm[i1] = t1i - er;
        outRe[i4] = t1r - ei;
        outIm[i4] = t1i + er;
        outRe[i2] = t2r + fi2;
        outIm[i2] = t2i - fr;
        outRe[i3] = t2r - fi2;
        outIm[i3] = t2i + fr;
      }
      return;
    }
    // Any other radix: twiddle the p inputs, then a direct DFT of size p (W_p^j = W_N^(j·N/p)).
    const tRe = this.#tRe,
      tIm = this.#tIm,
      sRe = this.#sumRe,
      sIm = this.#sumIm;
    const rootStep = this.n / p;
    for (let k = 0; k < m; k++) {
      for (let q = 0; q < p; q++) {
        const i = outOff + q * m + k;
        const w = q * k * step;
        tRe[q] = outRe[i]! * twRe[w]! - outIm[i]! * twIm[w]!;
        tIm[q] = outRe[i]! * twIm[w]! + outIm[i]! * twRe[w]!;
      }
      for (let r = 0; r < p; r++) {
        let accRe = 0;
        let accIm = 0;
        for (let q = 0; q < p; q++) {
          const w = ((q * r) % p) * rootStep;
          accRe += tRe[q]! * twRe[w]! - tIm[q]! * twIm[w]!;
          accIm += tRe[q]! * twIm[w]! + tIm[q]! * twRe[w]!;
        }
        sRe[r] = accRe;
        sIm[r] = accIm;
      }
      for (let r = 0; r < p; r++) {
        outRe[outOff + r * m + k] = sRe[r]!;
        outIm[outOff + r * m + k] = sIm[r]!;
      }
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
