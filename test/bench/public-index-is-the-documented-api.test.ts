// ts314/bench keeps a small public index: exactly the documented names, each listed in docs/bench.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as bench from '../../src/bench/index.js';

/** The runtime exports of ts314/bench; a name added here is a public API decision, documented in docs/bench.md. */
const PUBLIC_VALUES = [
  'BENCH_SCHEMA',
  'BenchDefinitionError',
  'BenchFileError',
  'BenchSchemaError',
  'BenchTimeoutError',
  'CATEGORIES',
  'FULL_BUDGET',
  'QUICK_BUDGET',
  'compareRuns',
  'createProgress',
  'progressMode',
  'defaultWorkers',
  'defineBench',
  'loadBenchFile',
  'median',
  'parseBenchRun',
  'readBenchRun',
  'renderComparisonTable',
  'renderHtmlReport',
  'renderResultsTable',
  'runBenchmarks',
  'summarizeSamples',
  'validateBenchRun',
];

const index = readFileSync(new URL('../../src/bench/index.ts', import.meta.url), 'utf8');
const docs = readFileSync(new URL('../../docs/bench.md', import.meta.url), 'utf8');
const section = docs.slice(docs.indexOf('### What `ts314/bench` exports'), docs.indexOf('## How a benchmark is measured'));

test('the index exports exactly the public values, and only re-exports', () => {
  assert.deepEqual(Object.keys(bench).sort(), [...PUBLIC_VALUES].sort());
  const statements = index.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('//'));
  for (const line of statements)
    assert.match(line, /^export (type )?\{[^}]+\} from '\.\/[\w/-]+\.js';$/, `index.ts should only re-export: ${line}`);
});

test('docs/bench.md lists every export, the types included', () => {
  assert.ok(section.length > 0, 'docs/bench.md has a "What `ts314/bench` exports" section');
  const types = [...index.matchAll(/export type \{([^}]+)\}/g)].flatMap((m) => m[1]!.split(',').map((name) => name.trim()));
  assert.ok(types.length > 5, 'the public types are listed explicitly');
  for (const name of [...PUBLIC_VALUES, ...types])
    assert.ok(section.includes(`\`${name}`) || new RegExp(`\\b${name}\\b`).test(section), `docs/bench.md does not list ${name}`);
});
