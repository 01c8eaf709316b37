// NumPy's legacy continuous distributions (legacy-distributions.c): Gaussian by the polar method, normal, lognormal, exponential.
import { exp } from './exp.js';
import { log } from './log.js';
import type { MT19937 } from './mt19937.js';

/** The second value of each polar-method pair, kept for the next call (NumPy's `has_gauss`/`gauss`). */
export interface GaussCache {
  hasGauss: boolean;
  gauss: number;
}

/** A standard normal: NumPy's `legacy_gauss`, the Marsaglia polar method returning one of each pair and caching the other. */
export function legacyGauss(mt: MT19937, cache: GaussCache): number {
  if (cache.hasGauss) {
    const cached = cache.gauss;
    cache.hasGauss = false;
    cache.gauss = 0;
    return cached;
  }
  let x1: number;
  let x2: number;
  let r2: number;
  do {
    x1 = 2.0 * mt.nextDouble() - 1.0;
    x2 = 2.0 * mt.nextDouble() - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 === 0.0);
  const f = Math.sqrt((-2.0 * log(r2)) / r2);
  cache.gauss = f * x1;
  cache.hasGauss = true;
  return f * x2;
}

/** NumPy's `legacy_normal`: `loc + scale * gauss`. */
export function legacyNormal(mt: MT19937, cache: GaussCache, loc: number, scale: number): number {
  return loc + scale * legacyGauss(mt, cache);
}

/** NumPy's `legacy_lognormal`: `exp(normal(mean, sigma))`. */
export function legacyLognormal(mt: MT19937, cache: GaussCache, mean: number, sigma: number): number {
  return exp(legacyNormal(mt, cache, mean, sigma));
}

/** NumPy's `legacy_exponential`: `scale * -log(1 - u)`. */
export function legacyExponential(mt: MT19937, scale: number): number {
  return scale * -log(1.0 - mt.nextDouble());
}
