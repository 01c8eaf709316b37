// Option validation shared by the codecs: known keys (with "Did you mean"), integer ranges.
import { checkOptionKeys, optionalInteger } from '../../internal/validate.js';

/** Rejects unknown option keys with a suggestion; returns the options as a record. */
export function checkOptions<T extends object>(options: T | undefined, known: readonly string[], where: string): Partial<T> {
  checkOptionKeys(options, known, where);
  return (options ?? {}) as Partial<T>;
}

/** An integer option within [min, max], or the default when absent. */
export function intOption(value: unknown, name: string, min: number, max: number, fallback: number, where: string): number {
  return optionalInteger(value, name, fallback, { where }, min, max);
}
