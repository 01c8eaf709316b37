// Validation of a BenchRun read from disk (docs/bench-schema.md): the first bad field is named by its path.
import { readFileSync } from 'node:fs';
import { BenchSchemaError } from './errors.js';
import { BENCH_SCHEMA, type BenchRun } from './result.js';

type Json = Record<string, unknown>;

const PHASES = ['setup', 'fn', 'metrics', 'histogram', 'teardown'];

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Walks one document; the first problem throws with its path. */
class Checker {
  constructor(private readonly file: string) {}

  fail(path: string, problem: string): never {
    throw new BenchSchemaError(problem, { file: this.file, path });
  }

  object(value: unknown, path: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, `expected an object, got ${kind(value)}`);
    return value as Json;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `expected an array, got ${kind(value)}`);
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, `expected a string, got ${kind(value)}`);
    return value;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, `expected true or false, got ${kind(value)}`);
    return value;
  }

  number(value: unknown, path: string, { min = -Infinity, integer = false } = {}): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(path, `expected a number, got ${kind(value)}`);
    if (integer && !Number.isInteger(value)) this.fail(path, `expected an integer, got ${value}`);
    if (value < min) this.fail(path, `expected a number ≥ ${min}, got ${value}`);
    return value;
  }

  nullable<T>(value: unknown, path: string, check: (v: unknown, p: string) => T): T | null {
    return value === null ? null : check(value, path);
  }

  optional<T>(value: unknown, path: string, check: (v: unknown, p: string) => T): T | undefined {
    return value === undefined ? undefined : check(value, path);
  }

  list<T>(value: unknown, path: string, check: (v: unknown, p: string) => T): T[] {
    return this.array(value, path).map((item, i) => check(item, `${path}[${i}]`));
  }

  record<T>(value: unknown, path: string, check: (v: unknown, p: string) => T): Record<string, T> {
    const obj = this.object(value, path);
    for (const [key, item] of Object.entries(obj)) check(item, `${path}.${key}`);
    return obj as Record<string, T>;
  }

  scalar(value: unknown, path: string): string | number | boolean {
    if (typeof value === 'string' || typeof value === 'boolean') return value;
    return this.number(value, path);
  }
}

function checkStats(c: Checker, value: unknown, path: string): void {
  const s = c.object(value, path);
  const samples = c.number(s.samples, `${path}.samples`, { min: 1, integer: true });
  c.number(s.callsPerSample, `${path}.callsPerSample`, { min: 1, integer: true });
  const ops = c.number(s.opsPerCall, `${path}.opsPerCall`);
  if (ops <= 0) c.fail(`${path}.opsPerCall`, `expected a positive number, got ${ops}`);
  for (const key of ['mean', 'std', 'min', 'max', 'p50', 'p95', 'p99', 'opsPerSec'] as const)
    c.number(s[key], `${path}.${key}`, { min: 0 });
  const ci = c.list(s.ci95, `${path}.ci95`, (v, p) => c.number(v, p));
  if (ci.length !== 2) c.fail(`${path}.ci95`, `expected [low, high], got ${ci.length} numbers`);
  if (ci[0]! > ci[1]!) c.fail(`${path}.ci95`, `low ${ci[0]} is above high ${ci[1]}`);
  c.number(s.outliers, `${path}.outliers`, { min: 0, integer: true });
  const raw = c.list(s.raw, `${path}.raw`, (v, p) => c.number(v, p, { min: 0 }));
  if (raw.length !== samples) c.fail(`${path}.raw`, `has ${raw.length} values but samples is ${samples}`);
}

function checkResult(c: Checker, value: unknown, path: string): string {
  const r = c.object(value, path);
  const id = c.string(r.id, `${path}.id`);
  for (const key of ['name', 'category', 'group'] as const) c.string(r[key], `${path}.${key}`);
  c.record(r.params, `${path}.params`, (v, p) => c.scalar(v, p));
  c.boolean(r.baseline, `${path}.baseline`);
  if (r.status === 'ok') {
    if (r.stats === undefined) c.fail(`${path}.stats`, "missing: required when status is 'ok'");
    checkStats(c, r.stats, `${path}.stats`);
  } else if (r.status === 'failed') {
    const e = c.object(r.error, `${path}.error`);
    c.string(e.name, `${path}.error.name`);
    c.string(e.message, `${path}.error.message`);
    c.optional(e.stack, `${path}.error.stack`, (v, p) => c.string(v, p));
    if (e.phase !== undefined && !PHASES.includes(e.phase as string))
      c.fail(`${path}.error.phase`, `expected one of ${PHASES.join(', ')}, got ${kind(e.phase)}`);
  } else if (r.status === 'skipped') {
    const notes = c.list(r.notes, `${path}.notes`, (s, q) => c.string(s, q));
    if (notes.length === 0) c.fail(`${path}.notes`, "missing: a skipped benchmark's first note says why");
  } else {
    c.fail(`${path}.status`, `expected 'ok', 'failed' or 'skipped', got ${kind(r.status)}`);
  }
  c.optional(r.metrics, `${path}.metrics`, (v, p) => c.record(v, p, (n, q) => c.number(n, q)));
  if (r.histogram !== undefined) {
    const h = c.object(r.histogram, `${path}.histogram`);
    c.string(h.unit, `${path}.histogram.unit`);
    const edges = c.list(h.edges, `${path}.histogram.edges`, (v, p) => c.number(v, p));
    const counts = c.list(h.counts, `${path}.histogram.counts`, (v, p) => c.number(v, p, { min: 0, integer: true }));
    if (edges.length !== counts.length + 1)
      c.fail(`${path}.histogram.edges`, `expected ${counts.length + 1} edges for ${counts.length} counts, got ${edges.length}`);
  }
  c.optional(r.notes, `${path}.notes`, (v, p) => c.list(v, p, (s, q) => c.string(s, q)));
  return id;
}

/**
 * Checks that `value` is a BenchRun of the schema this ts314 reads and returns it typed. Unknown extra
 * fields are allowed (later minor additions); a missing or mistyped known field throws BenchSchemaError
 * naming its path, e.g. `results[2].stats.mean: expected a number, got the string "fast"`.
 * @example
 * const run = validateBenchRun(JSON.parse(text), 'node20.json');
 */
export function validateBenchRun(value: unknown, file = 'run'): BenchRun {
  const c = new Checker(file);
  const doc = c.object(value, '');
  if (doc.schema !== BENCH_SCHEMA) {
    if (doc.schema === undefined)
      c.fail(
        'schema',
        `missing: not a ts314 bench results file (expected schema '${BENCH_SCHEMA}'; write one with \`ts314 bench --output FILE\`)`,
      );
    if (doc.schema === 'ts314-compare/1')
      c.fail('schema', `this is a comparison ('ts314-compare/1'), not a bench run: compare the runs it was made from`);
    if (typeof doc.schema === 'string' && doc.schema.startsWith('ts314-bench/')) {
      c.fail(
        'schema',
        `version '${doc.schema}' is not supported by this ts314 (it reads '${BENCH_SCHEMA}'): re-run the benchmarks, or use the ts314 version that wrote it`,
      );
    }
    c.fail('schema', `expected '${BENCH_SCHEMA}', got ${kind(doc.schema)}`);
  }
  const startedAt = c.string(doc.startedAt, 'startedAt');
  if (Number.isNaN(Date.parse(startedAt))) c.fail('startedAt', `expected an ISO 8601 time, got ${kind(startedAt)}`);
  c.number(doc.durationMs, 'durationMs', { min: 0 });
  const runtime = c.object(doc.runtime, 'runtime');
  for (const key of ['runtime', 'version', 'platform', 'arch'] as const) c.string(runtime[key], `runtime.${key}`);
  c.record(doc.features, 'features', (v, p) => c.boolean(v, p));
  const machine = c.object(doc.machine, 'machine');
  c.string(machine.platform, 'machine.platform');
  c.string(machine.arch, 'machine.arch');
  c.number(machine.cpus, 'machine.cpus', { min: 0, integer: true });
  c.string(machine.cpuModel, 'machine.cpuModel');
  c.number(machine.totalMemoryBytes, 'machine.totalMemoryBytes', { min: 0 });
  const options = c.object(doc.options, 'options');
  c.boolean(options.quick, 'options.quick');
  c.nullable(options.iterations, 'options.iterations', (v, p) => c.number(v, p, { min: 1, integer: true }));
  c.nullable(options.warmup, 'options.warmup', (v, p) => c.number(v, p, { min: 0, integer: true }));
  c.list(options.categories, 'options.categories', (v, p) => c.string(v, p));
  c.nullable(options.filter, 'options.filter', (v, p) => c.string(v, p));
  c.list(options.workers, 'options.workers', (v, p) => c.number(v, p, { min: 1, integer: true }));
  c.list(options.files, 'options.files', (v, p) => c.string(v, p));
  const ids = new Map<string, number>();
  c.array(doc.results, 'results').forEach((result, i) => {
    const id = checkResult(c, result, `results[${i}]`);
    const earlier = ids.get(id);
    if (earlier !== undefined) c.fail(`results[${i}].id`, `duplicate id '${id}' (also results[${earlier}])`);
    ids.set(id, i);
  });
  c.optional(doc.timerResolutionNs, 'timerResolutionNs', (v, p) => c.number(v, p, { min: 0 }));
  return value as BenchRun;
}

/** Parses and validates the text of a results file; bad JSON names the file and the parser's complaint. */
export function parseBenchRun(text: string, file = 'run'): BenchRun {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const hint = text.trim() === '' ? 'the file is empty' : (error as Error).message;
    throw new BenchSchemaError(`not valid JSON (${hint}); expected the output of \`ts314 bench --output FILE\``, {
      file,
      path: '',
      cause: error,
    });
  }
  return validateBenchRun(value, file);
}

/**
 * Reads, parses and validates a results file written by `ts314 bench --output`.
 * @example
 * const run = readBenchRun('results-node20.json');
 */
export function readBenchRun(file: string): BenchRun {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BenchSchemaError(`cannot read it (${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)})`, {
      file,
      path: '',
      cause: error,
    });
  }
  return parseBenchRun(text, file);
}
