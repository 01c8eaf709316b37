// A typed constructor for built-in benchmarks, so each definition's state type is checked end to end.
import type { BenchDefinition } from '../definition.js';

/** Checks `fn`, `teardown` and `metrics` against what `setup` returns, then erases the state type for the list. */
export function define<State>(definition: BenchDefinition<State>): BenchDefinition {
  return definition as BenchDefinition;
}
