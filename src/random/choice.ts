// Which indices NumPy's legacy choice picks: uniform, weighted by p (cdf + searchsorted), with or without replacement.
import { InvalidValueError } from '../internal/errors.js';
import { boundedMasked } from './bounded.js';
import type { MT19937 } from './mt19937.js';
import { permutationOf } from './shuffle.js';

const WHERE = 'RandomState.choice()';

/** NumPy's tolerance on `sum(p)`: `sqrt(finfo(float64).eps)`. */
const P_SUM_TOLERANCE = Math.sqrt(Number.EPSILON);

/** NumPy's `kahan_sum`, which checks that p sums to 1. */
function kahanSum(values: Float64Array): number {
  let sum = values[0]!;
  let c = 0.0;
  for (let i = 1; i < values.length; i++) {
    const y = values[i]! - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return sum;
}

/** Checks `p` as NumPy does and returns it as float64s. */
export function checkProbabilities(p: ArrayLike<number>, popSize: number): Float64Array {
  if (p === null || typeof p !== 'object' || typeof p.length !== 'number') {
    throw new InvalidValueError(`${WHERE}: p must be an array of probabilities, got ${p === null ? 'null' : typeof p}`);
  }
  const probabilities = Float64Array.from(p);
  if (probabilities.length !== popSize) {
    throw new InvalidValueError(`${WHERE}: a and p must have the same size (a has ${popSize}, p has ${probabilities.length})`);
  }
  if (popSize === 0) return probabilities;
  const sum = kahanSum(probabilities);
  if (Number.isNaN(sum)) throw new InvalidValueError(`${WHERE}: probabilities contain NaN`);
  if (probabilities.some((x) => x < 0)) throw new InvalidValueError(`${WHERE}: probabilities are not non-negative`);
  if (Math.abs(sum - 1) > P_SUM_TOLERANCE) throw new InvalidValueError(`${WHERE}: probabilities do not sum to 1 (they sum to ${sum})`);
  return probabilities;
}

/** `cumsum(p) / cumsum(p)[-1]`, summed left to right as NumPy's cumsum is. */
function normalizedCdf(p: Float64Array): Float64Array {
  const cdf = new Float64Array(p.length);
  let running = 0;
  for (let i = 0; i < p.length; i++) cdf[i] = running += p[i]!;
  const total = cdf[cdf.length - 1]!;
  for (let i = 0; i < cdf.length; i++) cdf[i]! /= total;
  return cdf;
}

/** NumPy's `searchsorted(cdf, u, side='right')`: the first index whose cdf exceeds u. */
function searchRight(cdf: Float64Array, u: number): number {
  let low = 0;
  let high = cdf.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (u < cdf[mid]!) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The `count` indices into a population of `popSize` that NumPy's legacy `choice` picks, drawing
 * from the generator in the same order: `randint(0, popSize, size)` for uniform with replacement,
 * `random_sample(size)` through the cdf with p, `permutation(popSize)[:size]` without replacement
 * (the whole permutation is drawn even for one pick), and the repeated redraw of p without replacement.
 */
export function choiceIndices(mt: MT19937, popSize: number, count: number, replace: boolean, p: Float64Array | undefined): Float64Array {
  const out = new Float64Array(count);
  if (replace) {
    if (p === undefined) {
      for (let i = 0; i < count; i++) out[i] = boundedMasked(mt, popSize - 1);
    } else {
      const cdf = normalizedCdf(p);
      for (let i = 0; i < count; i++) out[i] = searchRight(cdf, mt.nextDouble());
    }
    return out;
  }
  if (count > popSize) {
    throw new InvalidValueError(`${WHERE}: cannot take a larger sample (${count}) than the population (${popSize}) when replace is false`);
  }
  if (p === undefined) return permutationOf(mt, popSize).subarray(0, count).slice();
  let nonZero = 0;
  for (const x of p) if (x > 0) nonZero++;
  if (nonZero < count) throw new InvalidValueError(`${WHERE}: fewer non-zero entries in p (${nonZero}) than size (${count})`);
  const weights = p.slice();
  let found = 0;
  while (found < count) {
    const uniforms = new Float64Array(count - found);
    for (let i = 0; i < uniforms.length; i++) uniforms[i] = mt.nextDouble();
    for (let i = 0; i < found; i++) weights[out[i]!] = 0;
    const cdf = normalizedCdf(weights);
    // np.unique(return_index=True) then sorting the indices: first occurrences, in draw order.
    const seen = new Set<number>();
    for (const u of uniforms) {
      const index = searchRight(cdf, u);
      if (seen.has(index)) continue;
      seen.add(index);
      out[found++] = index;
    }
  }
  return out;
}
