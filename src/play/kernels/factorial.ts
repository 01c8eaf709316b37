// The factorial demo's task: math.factorial(n) as CPython computes it, answered by its size so results stay small.
import { factorial } from '../../bench/workloads/factorial.js';

/**
 * n! (binary splitting, as CPython's math.factorial), returned as its length in hex digits: the
 * numbers themselves (up to 23 KB each) would make the demo measure copying, not computing.
 */
export function factorialDigits(n: number): number {
  return factorial(n).toString(16).length;
}
