// np.random.*: the module-level functions, all drawing from one shared RandomState, as NumPy's do.
import { RandomState } from './random-state.js';

/**
 * The RandomState behind the module-level functions (NumPy's `np.random.mtrand._rand`), seeded
 * from the OS's secure random source until `seed()` is called.
 */
export const globalRandomState = new RandomState();

/** `np.random.seed(seed)`: reseeds the shared generator. */
export const seed = globalRandomState.seed.bind(globalRandomState);
/** `np.random.random(size)`. */
export const random = globalRandomState.random.bind(globalRandomState);
/** `np.random.random_sample(size)`. */
export const randomSample = globalRandomState.randomSample.bind(globalRandomState);
/** `np.random.randn(size)`. */
export const randn = globalRandomState.randn.bind(globalRandomState);
/** `np.random.standard_normal(size)`. */
export const standardNormal = globalRandomState.standardNormal.bind(globalRandomState);
/** `np.random.normal(loc, scale, size)`. */
export const normal = globalRandomState.normal.bind(globalRandomState);
/** `np.random.lognormal(mean, sigma, size)`. */
export const lognormal = globalRandomState.lognormal.bind(globalRandomState);
/** `np.random.exponential(scale, size)`. */
export const exponential = globalRandomState.exponential.bind(globalRandomState);
/** `np.random.randint(low, high, size)`. */
export const randint = globalRandomState.randint.bind(globalRandomState);
/** `np.random.choice(a, size, replace=, p=)`. */
export const choice = globalRandomState.choice.bind(globalRandomState);
/** `np.random.shuffle(x)`. */
export const shuffle = globalRandomState.shuffle.bind(globalRandomState);
/** `np.random.permutation(x)`. */
export const permutation = globalRandomState.permutation.bind(globalRandomState);
/** `np.random.get_state()`. */
export const getState = globalRandomState.getState.bind(globalRandomState);
/** `np.random.set_state(state)`. */
export const setState = globalRandomState.setState.bind(globalRandomState);
