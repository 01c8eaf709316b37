// RandomState: NumPy's legacy seeded generator (np.random.RandomState / np.random.seed), stream for stream.
import { getRandomValues } from 'node:crypto';
import { InvalidArgumentError, InvalidValueError } from '../internal/errors.js';
import { checkInteger, checkOptionKeys } from '../internal/validate.js';
import { boundedMasked } from './bounded.js';
import { checkProbabilities, choiceIndices } from './choice.js';
import { type GaussCache, legacyExponential, legacyGauss, legacyLognormal, legacyNormal } from './distributions.js';
import { MT19937, MT19937_STATE_WORDS } from './mt19937.js';
import { permutationOf, type Shuffleable, shuffleInPlace } from './shuffle.js';

/** What seeds a RandomState: an integer in [0, 2**32), or a non-empty array of them (NumPy's `init_by_array`). */
export type Seed = number | Uint32Array | readonly number[];

/** NumPy's `get_state()` as an object: the MT19937 words, the position, and the cached Gaussian. */
export interface RandomStateSnapshot {
  readonly key: Uint32Array;
  readonly pos: number;
  readonly hasGauss: boolean;
  readonly gauss: number;
}

/** `choice`'s options, named as NumPy's keyword arguments. */
export interface ChoiceOptions {
  /** Draw with replacement (NumPy's default, true). */
  readonly replace?: boolean | undefined;
  /** Probabilities of each entry, summing to 1; uniform when omitted. */
  readonly p?: ArrayLike<number> | undefined;
}

const SEED_MAX = 0xffffffff;
/** randint's bounds: every integer a double holds exactly, so each result is the int64 NumPy returns. */
const INT_MAX = Number.MAX_SAFE_INTEGER;

function seedWords(seed: Seed | undefined, where: string): { integer: number } | { words: ArrayLike<number> } {
  if (seed === undefined || seed === null) {
    const words = new Uint32Array(MT19937_STATE_WORDS);
    getRandomValues(words);
    return { words };
  }
  if (typeof seed === 'number') return { integer: checkInteger(seed, 'seed', { where }, 0, SEED_MAX) };
  if (seed instanceof Uint32Array || Array.isArray(seed)) {
    if (seed.length === 0) throw new InvalidValueError(`${where}: an array seed must not be empty`);
    if (!(seed instanceof Uint32Array)) for (const word of seed) checkInteger(word, 'each seed word', { where }, 0, SEED_MAX);
    return { words: seed };
  }
  throw new InvalidArgumentError(
    `${where}: seed must be an integer from 0 to ${SEED_MAX}, an array of them, or omitted, got ${typeof seed === 'bigint' ? 'a bigint' : typeof seed}`,
  );
}

function checkSize(size: number, where: string): number {
  return checkInteger(size, 'size', { where }, 0, 2 ** 32);
}

function checkNumber(value: number, what: string, where: string): number {
  if (typeof value !== 'number') throw new InvalidArgumentError(`${where}: ${what} must be a number, got ${typeof value}`);
  return value;
}

function checkNonNegative(value: number, what: string, where: string): number {
  checkNumber(value, what, where);
  if (!(value >= 0)) throw new InvalidValueError(`${where}: ${what} must be >= 0, got ${value}`);
  return value;
}

/**
 * NumPy's legacy `RandomState`: the Mersenne Twister seeded as `np.random.seed(seed)` seeds it, with
 * the legacy sampling routines, so the same seed gives the same numbers as NumPy. Scalars come back
 * as numbers; a `size` gives a Float64Array (integers included: every int64 NumPy returns here is
 * below 2**53, so a double holds it exactly).
 * @example
 * const rs = new RandomState(42);
 * rs.randn(3); // Float64Array [0.4967141530112327, -0.13826430117118466, 0.6476885381006925]
 */
export class RandomState {
  readonly #mt = new MT19937();
  readonly #cache: GaussCache = { hasGauss: false, gauss: 0 };

  /** Seeded like `np.random.RandomState(seed)`; with no seed, from the OS's secure random source. */
  constructor(seed?: Seed) {
    this.seed(seed);
  }

  /** Reseeds like `np.random.seed(seed)`, dropping any cached Gaussian. */
  seed(seed?: Seed): void {
    const source = seedWords(seed, 'RandomState.seed()');
    if ('integer' in source) this.#mt.seedInteger(source.integer);
    else this.#mt.seedArray(source.words);
    this.#cache.hasGauss = false;
    this.#cache.gauss = 0;
  }

  /** Uniform doubles in [0, 1) with 53 random bits: NumPy's `random` / `random_sample`. */
  random(): number;
  random(size: number): Float64Array;
  random(size?: number): number | Float64Array {
    if (size === undefined) return this.#mt.nextDouble();
    const out = new Float64Array(checkSize(size, 'RandomState.random()'));
    const mt = this.#mt;
    for (let i = 0; i < out.length; i++) out[i] = mt.nextDouble();
    return out;
  }

  /** NumPy's `random_sample`, the same as `random`. */
  randomSample(): number;
  randomSample(size: number): Float64Array;
  randomSample(size?: number): number | Float64Array {
    return size === undefined ? this.random() : this.random(size);
  }

  /** Standard normals: NumPy's `randn` (the polar method, each pair's second value kept for the next call). */
  randn(): number;
  randn(size: number): Float64Array;
  randn(size?: number): number | Float64Array {
    if (size === undefined) return legacyGauss(this.#mt, this.#cache);
    const out = new Float64Array(checkSize(size, 'RandomState.randn()'));
    const mt = this.#mt;
    const cache = this.#cache;
    for (let i = 0; i < out.length; i++) out[i] = legacyGauss(mt, cache);
    return out;
  }

  /** NumPy's `standard_normal`, the same as `randn`. */
  standardNormal(): number;
  standardNormal(size: number): Float64Array;
  standardNormal(size?: number): number | Float64Array {
    return size === undefined ? this.randn() : this.randn(size);
  }

  /** Normals with mean `loc` and standard deviation `scale`: NumPy's `normal`. */
  normal(loc?: number, scale?: number): number;
  normal(loc: number, scale: number, size: number): Float64Array;
  normal(loc = 0.0, scale = 1.0, size?: number): number | Float64Array {
    const where = 'RandomState.normal()';
    checkNumber(loc, 'loc', where);
    checkNonNegative(scale, 'scale', where);
    if (size === undefined) return legacyNormal(this.#mt, this.#cache, loc, scale);
    const out = new Float64Array(checkSize(size, where));
    for (let i = 0; i < out.length; i++) out[i] = legacyNormal(this.#mt, this.#cache, loc, scale);
    return out;
  }

  /** `exp` of normals with the given mean and sigma: NumPy's `lognormal`. */
  lognormal(mean?: number, sigma?: number): number;
  lognormal(mean: number, sigma: number, size: number): Float64Array;
  lognormal(mean = 0.0, sigma = 1.0, size?: number): number | Float64Array {
    const where = 'RandomState.lognormal()';
    checkNumber(mean, 'mean', where);
    checkNonNegative(sigma, 'sigma', where);
    if (size === undefined) return legacyLognormal(this.#mt, this.#cache, mean, sigma);
    const out = new Float64Array(checkSize(size, where));
    for (let i = 0; i < out.length; i++) out[i] = legacyLognormal(this.#mt, this.#cache, mean, sigma);
    return out;
  }

  /** Exponentials with the given scale (1 / rate): NumPy's `exponential`. */
  exponential(scale?: number): number;
  exponential(scale: number, size: number): Float64Array;
  exponential(scale = 1.0, size?: number): number | Float64Array {
    const where = 'RandomState.exponential()';
    checkNonNegative(scale, 'scale', where);
    if (size === undefined) return legacyExponential(this.#mt, scale);
    const out = new Float64Array(checkSize(size, where));
    for (let i = 0; i < out.length; i++) out[i] = legacyExponential(this.#mt, scale);
    return out;
  }

  /**
   * Integers in [low, high), or [0, low) when `high` is omitted: NumPy's `randint` with its default
   * int64 type. Bounds must be safe integers (|x| <= 2**53 - 1), so every result is exact.
   */
  randint(low: number, high?: number): number;
  randint(low: number, high: number | undefined, size: number): Float64Array;
  randint(low: number, high?: number, size?: number): number | Float64Array {
    const where = 'RandomState.randint()';
    let from = checkInteger(low, 'low', { where }, -INT_MAX, INT_MAX);
    let to: number;
    if (high === undefined || high === null) {
      to = from;
      from = 0;
    } else {
      to = checkInteger(high, 'high', { where }, -INT_MAX, INT_MAX);
    }
    if (from >= to) throw new InvalidValueError(`${where}: low must be less than high, got low=${from}, high=${to}`);
    const span = to - from - 1;
    if (span > INT_MAX) throw new InvalidValueError(`${where}: high - low must be at most 2**53, got ${to} - ${from}`);
    if (size === undefined) return from + boundedMasked(this.#mt, span);
    const out = new Float64Array(checkSize(size, where));
    for (let i = 0; i < out.length; i++) out[i] = from + boundedMasked(this.#mt, span);
    return out;
  }

  /**
   * Random picks from `a` (or from `0..a-1` when `a` is a number): NumPy's legacy `choice`, with
   * `replace` and `p` as its keyword arguments, drawing exactly as NumPy draws.
   * @example
   * new RandomState(42).choice(['tech', 'finance', 'energy'], 4); // ['energy', 'tech', 'energy', 'energy']
   */
  choice(a: number, size?: undefined, options?: ChoiceOptions): number;
  choice(a: number, size: number, options?: ChoiceOptions): Float64Array;
  choice<T>(a: ArrayLike<T>, size?: undefined, options?: ChoiceOptions): T;
  choice<T>(a: ArrayLike<T>, size: number, options?: ChoiceOptions): T[];
  choice<T>(a: number | ArrayLike<T>, size?: number, options?: ChoiceOptions): number | Float64Array | T | T[] {
    const where = 'RandomState.choice()';
    checkOptionKeys(options, ['replace', 'p'], where);
    const count = size === undefined ? 1 : checkSize(size, where);
    let popSize: number;
    if (typeof a === 'number') {
      popSize = checkInteger(a, 'a', { where }, -INT_MAX, INT_MAX);
      if (popSize <= 0 && count !== 0)
        throw new InvalidValueError(`${where}: a must be greater than 0 unless no samples are taken, got ${a}`);
    } else if (a !== null && typeof a === 'object' && typeof a.length === 'number') {
      popSize = a.length;
      if (popSize === 0 && count !== 0) throw new InvalidValueError(`${where}: a cannot be empty unless no samples are taken`);
    } else {
      throw new InvalidArgumentError(`${where}: a must be an array or an integer, got ${a === null ? 'null' : typeof a}`);
    }
    const replace = options?.replace ?? true;
    if (typeof replace !== 'boolean') throw new InvalidArgumentError(`${where}: replace must be a boolean, got ${typeof replace}`);
    const p = options?.p === undefined ? undefined : checkProbabilities(options.p, popSize);
    const indices = choiceIndices(this.#mt, popSize, count, replace, p);
    if (typeof a === 'number') return size === undefined ? indices[0]! : indices;
    if (size === undefined) return a[indices[0]!]!;
    const picked = new Array<T>(count);
    for (let i = 0; i < count; i++) picked[i] = a[indices[i]!]!;
    return picked;
  }

  /** Shuffles an array or typed array in place: NumPy's `shuffle`. */
  shuffle(array: Shuffleable): void {
    if (!Array.isArray(array) && !(ArrayBuffer.isView(array) && !(array instanceof DataView))) {
      throw new InvalidArgumentError(
        `RandomState.shuffle(): expected an array or a typed array, got ${array === null ? 'null' : typeof array}`,
      );
    }
    shuffleInPlace(this.#mt, array);
  }

  /** `0..n-1` in random order, or a shuffled copy of an array: NumPy's `permutation`. */
  permutation(n: number): Float64Array;
  permutation<A extends Shuffleable>(array: A): A;
  permutation(x: number | Shuffleable): Float64Array | Shuffleable {
    if (typeof x === 'number') return permutationOf(this.#mt, checkSize(x, 'RandomState.permutation()'));
    const copy = x.slice() as Shuffleable;
    this.shuffle(copy);
    return copy;
  }

  /** The whole state, for `setState` later (NumPy's `get_state()`). */
  getState(): RandomStateSnapshot {
    return { ...this.#mt.getState(), hasGauss: this.#cache.hasGauss, gauss: this.#cache.gauss };
  }

  /** Restores a state from `getState` (NumPy's `set_state()`). */
  setState(state: RandomStateSnapshot): void {
    const where = 'RandomState.setState()';
    if (!(state?.key instanceof Uint32Array) || state.key.length !== MT19937_STATE_WORDS) {
      throw new InvalidArgumentError(`${where}: key must be a Uint32Array of ${MT19937_STATE_WORDS} words`);
    }
    checkInteger(state.pos, 'pos', { where }, 0, MT19937_STATE_WORDS);
    this.#mt.setState(state);
    this.#cache.hasGauss = Boolean(state.hasGauss);
    this.#cache.gauss = state.hasGauss ? checkNumber(state.gauss, 'gauss', where) : 0;
  }
}
