// A real run validates against the schema; each kind of broken field is reported with its JSON path and the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BENCH_SCHEMA, BenchSchemaError, parseBenchRun, validateBenchRun, type BenchRun } from '../../src/bench/index.js';
import { tinyRun } from './fixtures.js';

const run = await tinyRun();
const json = JSON.stringify(run);

// biome-ignore lint/suspicious/noExplicitAny: each case edits an arbitrary path of a parsed run document
function broken(edit: (doc: Record<string, any>) => void): unknown {
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const doc = JSON.parse(json) as Record<string, any>;
  edit(doc);
  return doc;
}

function rejects(doc: unknown, path: string, pattern: RegExp): void {
  assert.throws(
    () => validateBenchRun(doc, 'results.json'),
    (error: unknown) => {
      assert.ok(error instanceof BenchSchemaError, `expected BenchSchemaError, got ${String(error)}`);
      assert.equal(error.path, path);
      assert.equal(error.file, 'results.json');
      assert.match(error.message, /^results\.json: /);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

test('a real run, written and read back as JSON, validates', () => {
  assert.equal(run.schema, BENCH_SCHEMA);
  const back = parseBenchRun(json, 'run.json');
  assert.equal(back.results.length, 4);
  assert.deepEqual(
    back.results.map((r) => r.status),
    ['ok', 'ok', 'ok', 'failed'],
  );
  const two = back.results.find((r) => r.name === 'two')!;
  assert.deepEqual(two.metrics, { ratio: 2.5 });
  assert.deepEqual(two.histogram, { unit: 'ms', edges: [0, 1, 2], counts: [3, 4] });
  assert.equal(back.results[3]!.error?.phase, 'fn');
  assert.equal(back.results[0]!.stats!.raw.length, back.results[0]!.stats!.samples);
});

test('broken fields are reported with their path', () => {
  rejects(
    broken((d) => (d.results[1].stats.mean = 'fast')),
    'results[1].stats.mean',
    /expected a number, got the string "fast"/,
  );
  rejects(
    broken((d) => delete d.results[0].stats),
    'results[0].stats',
    /required when status is 'ok'/,
  );
  rejects(
    broken((d) => (d.results[2].status = 'maybe')),
    'results[2].status',
    /expected 'ok', 'failed' or 'skipped'/,
  );
  rejects(
    broken((d) => {
      d.results[2] = { ...d.results[2], status: 'skipped', stats: undefined, notes: [] };
    }),
    'results[2].notes',
    /a skipped benchmark's first note says why/,
  );
  rejects(
    broken((d) => d.results[0].stats.raw.pop()),
    'results[0].stats.raw',
    /values but samples is/,
  );
  rejects(
    broken((d) => (d.results[0].stats.ci95 = [2, 1])),
    'results[0].stats.ci95',
    /low 2 is above high 1/,
  );
  rejects(
    broken((d) => (d.results[2].histogram.edges = [0, 1])),
    'results[2].histogram.edges',
    /expected 3 edges for 2 counts/,
  );
  rejects(
    broken((d) => delete d.results[3].error.message),
    'results[3].error.message',
    /expected a string/,
  );
  rejects(
    broken((d) => (d.results[1].id = d.results[0].id)),
    'results[1].id',
    /duplicate id .* \(also results\[0\]\)/,
  );
  rejects(
    broken((d) => (d.results[0].params = { workers: [1] })),
    'results[0].params.workers',
    /expected a number, got an array/,
  );
  rejects(
    broken((d) => (d.options.workers = [1, 0])),
    'options.workers[1]',
    /expected a number ≥ 1, got 0/,
  );
  rejects(
    broken((d) => (d.startedAt = 'yesterday')),
    'startedAt',
    /ISO 8601/,
  );
  rejects(
    broken((d) => (d.features.zstd = 'yes')),
    'features.zstd',
    /expected true or false/,
  );
  rejects(
    broken((d) => delete d.machine),
    'machine',
    /expected an object, got undefined/,
  );
  rejects(
    broken((d) => (d.results = {})),
    'results',
    /expected an array, got an object/,
  );
});

test('unknown schema versions and non-run documents are rejected with what to do', () => {
  rejects(
    broken((d) => (d.schema = 'ts314-bench/2')),
    'schema',
    /version 'ts314-bench\/2' is not supported by this ts314 \(it reads 'ts314-bench\/1'\)/,
  );
  rejects(
    broken((d) => delete d.schema),
    'schema',
    /not a ts314 bench results file/,
  );
  rejects(
    broken((d) => (d.schema = 'ts314-compare/1')),
    'schema',
    /comparison/,
  );
  rejects([1, 2], '', /expected an object, got an array/);
});

test('malformed JSON names the file and the parser error', () => {
  assert.throws(
    () => parseBenchRun('{"schema": "ts314-bench/1",', 'half.json'),
    (error: unknown) => {
      assert.ok(error instanceof BenchSchemaError);
      assert.match(error.message, /^half\.json: not valid JSON \(/);
      assert.ok(error.cause instanceof SyntaxError);
      return true;
    },
  );
  assert.throws(() => parseBenchRun('  \n', 'empty.json'), /empty\.json: not valid JSON \(the file is empty\)/);
});

test('extra fields from later minor versions are accepted', () => {
  const doc = broken((d) => {
    d.futureField = { anything: true };
    d.results[0].extra = 1;
  }) as BenchRun;
  assert.equal(validateBenchRun(doc).results.length, 4);
});

test('the example in docs/bench-schema.md is a valid run', async () => {
  const { readFileSync } = await import('node:fs');
  const doc = readFileSync(new URL('../../docs/bench-schema.md', import.meta.url), 'utf8');
  const example = /## Example[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
  assert.ok(example, 'the page has a JSON example');
  const run = parseBenchRun(example, 'docs/bench-schema.md');
  assert.deepEqual(
    run.results.map((r) => r.status),
    ['failed', 'ok'],
  );
});
