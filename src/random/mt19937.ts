// MT19937, the Mersenne Twister behind NumPy's legacy RandomState, with NumPy's two seeding routines.

/** Words of state; the generator regenerates all of them every 624 outputs. */
const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** A snapshot of the generator: NumPy's `('MT19937', key, pos)` part of `get_state()`. */
export interface MT19937State {
  readonly key: Uint32Array;
  readonly pos: number;
}

/**
 * The 32-bit Mersenne Twister, word for word as NumPy's `mt19937.c`: same state layout, same
 * regeneration, same tempering, so equal seeds give equal streams.
 */
export class MT19937 {
  readonly key = new Uint32Array(N);
  pos = N;

  /** NumPy's `mt19937_seed` (reference `init_genrand`): an integer seed in [0, 2**32). */
  seedInteger(seed: number): void {
    const key = this.key;
    let s = seed >>> 0;
    for (let pos = 0; pos < N; pos++) {
      key[pos] = s;
      s = (Math.imul(1812433253, s ^ (s >>> 30)) + pos + 1) >>> 0;
    }
    this.pos = N;
  }

  /** NumPy's `mt19937_init_by_array` (reference `init_by_array`): what an array seed goes through. */
  seedArray(initKey: ArrayLike<number>): void {
    const mt = this.key;
    this.seedInteger(19650218);
    const length = initKey.length;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, length); k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + initKey[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    // The reference code's guarantee of a non-zero state.
    mt[0] = 0x80000000;
    this.pos = N;
  }

  private regenerate(): void {
    const key = this.key;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = key[i + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < N - 1; i++) {
      const y = (key[i]! & UPPER_MASK) | (key[i + 1]! & LOWER_MASK);
      key[i] = key[i + M - N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (key[N - 1]! & UPPER_MASK) | (key[0]! & LOWER_MASK);
    key[N - 1] = key[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  /** The next 32-bit output, as an unsigned number. */
  next32(): number {
    if (this.pos === N) this.regenerate();
    let y = this.key[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) from 53 random bits: NumPy's `mt19937_next_double`, `(a >> 5, b >> 6)`. */
  nextDouble(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  getState(): MT19937State {
    return { key: this.key.slice(), pos: this.pos };
  }

  setState(state: MT19937State): void {
    this.key.set(state.key);
    this.pos = state.pos;
  }
}

/** The number of 32-bit words in the state (NumPy's `RK_STATE_LEN`). */
export const MT19937_STATE_WORDS = N;
