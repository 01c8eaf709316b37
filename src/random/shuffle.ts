// Fisher–Yates shuffles drawn as NumPy's legacy shuffle and permutation draw them.
import { boundedMasked } from './bounded.js';
import type { MT19937 } from './mt19937.js';

/** Anything `shuffle` can reorder in place: an array or any typed array. */
export type Shuffleable =
  | unknown[]
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** Shuffles in place, swapping `i` with `random_interval(i)` for i from the end down to 1, as NumPy does. */
export function shuffleInPlace(mt: MT19937, array: Shuffleable): void {
  const xs = array as { [index: number]: unknown; length: number };
  for (let i = xs.length - 1; i > 0; i--) {
    const j = boundedMasked(mt, i);
    const held = xs[i];
    xs[i] = xs[j];
    xs[j] = held;
  }
}

/** `np.arange(n)` shuffled: NumPy's `permutation(n)`. */
export function permutationOf(mt: MT19937, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  shuffleInPlace(mt, out);
  return out;
}
