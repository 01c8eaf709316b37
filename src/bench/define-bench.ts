// defineBench(): checks a benchmark definition once, up front, and marks it so benchmark files can export it by name.
import { checkOptionKeys } from '../internal/validate.js';
import type { BenchDefinition } from './definition.js';
import { BenchDefinitionError } from './errors.js';

/**
 * Marks objects made by defineBench. A registered symbol, so a definition made by one copy of ts314
 * (say the user's node_modules) is still recognised by another (the globally installed CLI).
 */
export const BENCH_DEFINITION = Symbol.for('ts314.bench.definition');

const KEYS = [
  'name',
  'category',
  'group',
  'params',
  'baseline',
  'opsPerCall',
  'maxSamples',
  'gcBetweenSamples',
  'notes',
  'skip',
  'setup',
  'fn',
  'teardown',
  'metrics',
  'histogram',
] as const satisfies readonly (keyof BenchDefinition)[];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/**
 * Checks a benchmark definition and returns it frozen: a missing name or fn, a misspelt key
 * (`setUp` → "Did you mean 'setup'?"), or a bad number throws BenchDefinitionError now rather than
 * mid-run. `setup`'s value is passed to `fn`, `metrics` and `teardown`; `fn` is the timed part.
 * @example
 * export const parse = defineBench({
 *   name: 'JSON.parse 10 KiB',
 *   setup: () => JSON.stringify({ items: Array.from({ length: 300 }, (_, i) => ({ i, name: `item ${i}` })) }),
 *   fn: (text) => JSON.parse(text),
 * });
 */
export function defineBench<State = unknown>(definition: BenchDefinition<State>): Readonly<BenchDefinition<State>> {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new BenchDefinitionError(`defineBench: expected an object { name, fn, … }, got ${describe(definition)}`);
  }
  const raw = definition as unknown as Record<string, unknown>;
  const label = typeof raw.name === 'string' && raw.name !== '' ? `defineBench('${raw.name}')` : 'defineBench';
  checkOptionKeys(definition, KEYS, label, BenchDefinitionError);
  if (typeof raw.name !== 'string' || raw.name.trim() === '') {
    throw new BenchDefinitionError(`${label}: 'name' must be a non-empty string, got ${describe(raw.name)}`);
  }
  if (typeof raw.fn !== 'function') {
    throw new BenchDefinitionError(`${label}: 'fn' must be a function (the timed work), got ${describe(raw.fn)}`);
  }
  for (const key of ['setup', 'teardown', 'metrics', 'histogram'] as const) {
    if (raw[key] !== undefined && typeof raw[key] !== 'function') {
      throw new BenchDefinitionError(`${label}: '${key}' must be a function, got ${describe(raw[key])}`);
    }
  }
  for (const key of ['category', 'group'] as const) {
    if (raw[key] !== undefined && (typeof raw[key] !== 'string' || raw[key] === '' || (raw[key] as string).includes('/'))) {
      throw new BenchDefinitionError(`${label}: '${key}' must be a non-empty string without '/', got ${describe(raw[key])}`);
    }
  }
  for (const key of ['baseline', 'gcBetweenSamples'] as const) {
    if (raw[key] !== undefined && typeof raw[key] !== 'boolean') {
      throw new BenchDefinitionError(`${label}: '${key}' must be true or false, got ${describe(raw[key])}`);
    }
  }
  if (raw.opsPerCall !== undefined && !(typeof raw.opsPerCall === 'number' && Number.isFinite(raw.opsPerCall) && raw.opsPerCall > 0)) {
    throw new BenchDefinitionError(
      `${label}: 'opsPerCall' must be a positive number (operations one call of fn does), got ${describe(raw.opsPerCall)}`,
    );
  }
  if (raw.maxSamples !== undefined && !(Number.isSafeInteger(raw.maxSamples) && (raw.maxSamples as number) >= 1)) {
    throw new BenchDefinitionError(`${label}: 'maxSamples' must be a positive integer, got ${describe(raw.maxSamples)}`);
  }
  if (raw.notes !== undefined && !(Array.isArray(raw.notes) && raw.notes.every((note) => typeof note === 'string'))) {
    throw new BenchDefinitionError(`${label}: 'notes' must be an array of strings, got ${describe(raw.notes)}`);
  }
  if (raw.skip !== undefined && (typeof raw.skip !== 'string' || raw.skip.trim() === '')) {
    throw new BenchDefinitionError(`${label}: 'skip' must be the reason it cannot run, a non-empty string, got ${describe(raw.skip)}`);
  }
  let params: Record<string, string | number | boolean> | undefined;
  if (raw.params !== undefined) {
    if (typeof raw.params !== 'object' || raw.params === null || Array.isArray(raw.params)) {
      throw new BenchDefinitionError(`${label}: 'params' must be an object of strings, numbers and booleans, got ${describe(raw.params)}`);
    }
    params = {};
    for (const [key, value] of Object.entries(raw.params)) {
      if (!['string', 'number', 'boolean'].includes(typeof value) || (typeof value === 'number' && !Number.isFinite(value))) {
        throw new BenchDefinitionError(`${label}: params.${key} must be a string, a finite number or a boolean, got ${describe(value)}`);
      }
      params[key] = value as string | number | boolean;
    }
    Object.freeze(params);
  }
  const copy: Record<string | symbol, unknown> = {};
  for (const key of KEYS) if (raw[key] !== undefined) copy[key] = raw[key];
  if (params) copy.params = params;
  if (Array.isArray(raw.notes)) copy.notes = Object.freeze([...(raw.notes as string[])]);
  Object.defineProperty(copy, BENCH_DEFINITION, { value: true });
  return Object.freeze(copy) as unknown as Readonly<BenchDefinition<State>>;
}

/** True for values returned by defineBench (from any copy of ts314). */
export function isDefinedBench(value: unknown): value is BenchDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BENCH_DEFINITION] === true;
}
