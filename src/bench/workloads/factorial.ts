// The seed's CPU workload, run inside workers: a factorial as fast as CPython's math.factorial (binary splitting).

/** Product of the odd numbers in [start, stop), by binary splitting so the big multiplications are balanced. */
export function oddProduct(start: number, stop: number): bigint {
  const count = (stop - start) >> 1;
  if (count <= 8) {
    // Small leaves multiply in doubles while exact (< 2^53), sparing BigInt allocations.
    let acc = 1n;
    let small = 1;
    for (let k = start; k < stop; k += 2) {
      if (small * k > Number.MAX_SAFE_INTEGER) {
        acc *= BigInt(small);
        small = 1;
      }
      small *= k;
    }
    return acc * BigInt(small);
  }
  const mid = (start + count) | 1;
  return oddProduct(start, mid) * oddProduct(mid, stop);
}

export function popcount(n: number): number {
  let bits = 0;
  for (let m = n; m > 0; m = Math.floor(m / 2)) bits += m & 1;
  return bits;
}

/**
 * n! with CPython's algorithm (Modules/mathmodule.c): the odd part as a product of binary-split
 * partial products, times 2^(n - popcount(n)) applied as one shift.
 */
export function factorial(n: number): bigint {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`factorial() not defined for ${n}`);
  let inner = 1n;
  let outer = 1n;
  for (let i = Math.floor(Math.log2(Math.max(n, 1))); i >= 0; i--) {
    const lo = (Math.floor(n / 2 ** (i + 1)) + 1) | 1;
    const hi = (Math.floor(n / 2 ** i) + 1) | 1;
    inner *= oddProduct(lo, hi);
    outer *= inner;
  }
  return outer << BigInt(n - popcount(n));
}

/** The naive loop: the bench checks the fast factorial against it before timing anything. */
export function factorialNaive(n: number): bigint {
  let acc = 1n;
  for (let k = 2n; k <= BigInt(n); k++) acc *= k;
  return acc;
}

/** Prime larger than any n benchmarked, so n! mod it is never 0 and depends on every bit of n!. */
const CHECKSUM_PRIME = 1_000_000_007n;

/** Consumes a result cheaply (one pass over its digits) so nothing can be optimised away. */
export function checksum(x: bigint): number {
  return Number(x % CHECKSUM_PRIME);
}
