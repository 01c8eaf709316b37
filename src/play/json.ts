// The versioned JSON of a play run (schema ts314-play/1, docs/play.md): writing it and checking a document read back.
import type { RuntimeInfo } from '../runtime/index.js';
import { DEMOS, type DemoName, type DemoResult } from './demos.js';
import { PlaySchemaError } from './errors.js';

/** The schema tag; its number changes only on an incompatible change (see docs/play.md). */
export const PLAY_SCHEMA = 'ts314-play/1';

/** One demo's entry in a run. */
export interface PlayDemoRun {
  readonly name: DemoName;
  readonly source: string;
  readonly feature: string;
  readonly durationMs: number;
  readonly result: DemoResult;
}

/** What `ts314 play --json` prints. */
export interface PlayRun {
  readonly schema: typeof PLAY_SCHEMA;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly runtime: RuntimeInfo;
  readonly options: { readonly seed: number; readonly workers: readonly number[]; readonly quick: boolean };
  readonly demos: readonly PlayDemoRun[];
}

/**
 * The run as JSON text. JSON has no NaN or ±Infinity: they are written as null (the indicators'
 * warm-up rows are NaN, as in pandas), and typed arrays as arrays.
 */
export function playRunToJson(run: PlayRun): string {
  return JSON.stringify(
    run,
    (_, value) => {
      if (typeof value === 'number' && !Number.isFinite(value)) return null;
      if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as Float64Array);
      return value;
    },
    2,
  );
}

function fail(path: string, problem: string): never {
  throw new PlaySchemaError(problem, { path });
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(path, `expected an object, got ${value === null ? 'null' : typeof value}`);
  return value as Record<string, unknown>;
}

function typed(value: unknown, type: 'string' | 'number' | 'boolean', path: string): void {
  if (typeof value !== type || (type === 'number' && !Number.isFinite(value)))
    fail(path, `expected a ${type}, got ${JSON.stringify(value)}`);
}

/**
 * Checks a parsed document is a PlayRun this version reads: the schema tag, the header fields, and
 * each demo's name, timing and result discriminant. Throws PlaySchemaError naming the first bad field.
 * @example
 * const run = validatePlayRun(JSON.parse(readFileSync('play.json', 'utf8')));
 */
export function validatePlayRun(document: unknown): PlayRun {
  const doc = object(document, '');
  if (doc.schema !== PLAY_SCHEMA) {
    fail('schema', `version ${JSON.stringify(doc.schema)} is not supported by this ts314 (it reads '${PLAY_SCHEMA}')`);
  }
  typed(doc.startedAt, 'string', 'startedAt');
  typed(doc.durationMs, 'number', 'durationMs');
  const runtime = object(doc.runtime, 'runtime');
  for (const key of ['runtime', 'version', 'platform', 'arch']) typed(runtime[key], 'string', `runtime.${key}`);
  const options = object(doc.options, 'options');
  typed(options.seed, 'number', 'options.seed');
  typed(options.quick, 'boolean', 'options.quick');
  if (!Array.isArray(options.workers)) fail('options.workers', 'expected an array of worker counts');
  for (const [i, w] of options.workers.entries()) typed(w, 'number', `options.workers[${i}]`);
  if (!Array.isArray(doc.demos)) fail('demos', 'expected an array');
  const names = DEMOS.map((d) => d.name as string);
  doc.demos.forEach((entry, i) => {
    const demo = object(entry, `demos[${i}]`);
    if (typeof demo.name !== 'string' || !names.includes(demo.name))
      fail(`demos[${i}].name`, `expected one of ${names.join(', ')}, got ${JSON.stringify(demo.name)}`);
    typed(demo.feature, 'string', `demos[${i}].feature`);
    typed(demo.durationMs, 'number', `demos[${i}].durationMs`);
    const result = object(demo.result, `demos[${i}].result`);
    if (result.demo !== demo.name)
      fail(`demos[${i}].result.demo`, `expected ${JSON.stringify(demo.name)}, got ${JSON.stringify(result.demo)}`);
  });
  return document as PlayRun;
}
