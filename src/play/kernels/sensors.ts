// The sensors demo's per-sensor analysis (the seed's analyze_sensor), run on the main thread or in workers over shared memory.
import { movingAverageValid, pearson } from '../../internal/numerics/correlate.js';
import { RealFftPlan } from '../../internal/numerics/fft.js';
import { pairwiseSquaredDeviations, pairwiseSum } from '../../internal/numerics/sum.js';

/** The seed's z-score threshold for an anomaly. */
export const ANOMALY_Z = 2.5;
/** The seed's moving-average window: np.convolve(temp, np.ones(50)/50, mode='valid'). */
export const MOVING_AVERAGE_WINDOW = 50;

/** Columns of one sensor's row in the results table (RESULT_WIDTH figures per sensor). */
export const COLUMN = { avgTemp: 0, anomalies: 1, correlation: 2, dominantFreq: 3, processedPoints: 4 } as const;
export const RESULT_WIDTH = 5;

/** Anything holding a Float64Array `view` (a SharedArray) or the array itself. */
export type Series = Float64Array | { readonly view: Float64Array };

function viewOf(series: Series): Float64Array {
  return series instanceof Float64Array ? series : series.view;
}

/** Per-thread buffers, reused across sensors of the same length (allocation would dominate). */
interface Scratch {
  readonly plan: RealFftPlan;
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** The last sensor's moving average (the seed computes it and keeps only its length). */
  readonly moving: Float64Array;
}
let scratch: Scratch | undefined;

function scratchFor(n: number): Scratch {
  if (scratch?.plan.n !== n) {
    const plan = new RealFftPlan(n);
    scratch = {
      plan,
      re: new Float64Array(plan.bins),
      im: new Float64Array(plan.bins),
      moving: new Float64Array(Math.max(1, n - MOVING_AVERAGE_WINDOW + 1)),
    };
  }
  return scratch;
}

/**
 * The seed's analyze_sensor: mean (numpy's pairwise sum, so anomalies match numpy exactly), z-score
 * anomalies > 2.5 (population std, pairwise as numpy), the 50-point moving average (O(n) running
 * sums), the temperature/humidity correlation (np.corrcoef's formula; its sums share the anomaly
 * pass) and the dominant frequency: argmax |fft[1 : n/2]| of all n points (a real-input FFT), an
 * index into that slice as the seed prints it. Writes row `id` of `out`.
 */
export function analyzeSensor(id: number, temp: Float64Array, humidity: Float64Array, out: Float64Array): void {
  const n = temp.length;
  const s = scratchFor(n);
  const mean = pairwiseSum(temp) / n;
  const std = Math.sqrt(pairwiseSquaredDeviations(temp, mean) / n);
  const humidityMean = pairwiseSum(humidity) / n;
  let anomalies = 0;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let j = 0; j < n; j++) {
    const dx = temp[j]! - mean;
    const dy = humidity[j]! - humidityMean;
    if (Math.abs(dx) / std > ANOMALY_Z) anomalies++;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const correlation = pearson(sxy, sxx, syy, n);
  const moving = movingAverageValid(temp, MOVING_AVERAGE_WINDOW, s.moving);
  s.plan.transform(temp, s.re, s.im);
  let best = 0;
  let bestPower = -1;
  for (let k = 1; k < n >> 1; k++) {
    const power = s.re[k]! * s.re[k]! + s.im[k]! * s.im[k]!;
    if (power > bestPower) {
      bestPower = power;
      best = k - 1;
    }
  }
  const row = id * RESULT_WIDTH;
  out[row + COLUMN.avgTemp] = mean;
  out[row + COLUMN.anomalies] = anomalies;
  out[row + COLUMN.correlation] = correlation;
  out[row + COLUMN.dominantFreq] = best;
  out[row + COLUMN.processedPoints] = moving + n;
}

/**
 * Sensors [start, end): rows of `readings` values in `temperature` and `humidity`, results in
 * their rows of `results`. A parallelFor range kernel: workers share the arrays and write disjoint
 * rows, so there are no locks and no copies. Returns the number of sensors analysed.
 */
export function analyzeSensors(
  start: number,
  end: number,
  temperature: Series,
  humidity: Series,
  results: Series,
  readings: number,
): number {
  const t = viewOf(temperature);
  const h = viewOf(humidity);
  const out = viewOf(results);
  for (let id = start; id < end; id++) {
    const from = id * readings;
    analyzeSensor(id, t.subarray(from, from + readings), h.subarray(from, from + readings), out);
  }
  return end - start;
}
