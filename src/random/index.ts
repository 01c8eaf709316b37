// ts314/random: NumPy's legacy seeded generator (np.random.seed / RandomState), bit for bit.
export { RandomState } from './random-state.js';
export type { ChoiceOptions, RandomStateSnapshot, Seed } from './random-state.js';
export type { Shuffleable } from './shuffle.js';
export {
  globalRandomState,
  seed,
  random,
  randomSample,
  randn,
  standardNormal,
  normal,
  lognormal,
  exponential,
  randint,
  choice,
  shuffle,
  permutation,
  getState,
  setState,
} from './global.js';
export { InvalidArgumentError, InvalidValueError } from '../internal/errors.js';
