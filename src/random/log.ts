// The natural logarithm the legacy distributions use.

/** Natural logarithm. */
export function log(x: number): number {
  return Math.log(x);
}
