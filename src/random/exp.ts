// The exponential function the legacy lognormal uses.

/** e**x. */
export function exp(x: number): number {
  return Math.exp(x);
}
