// Shared test fixtures for test/bench: a tiny real run, and samples with a known mean and spread.
import { mkdirSync, symlinkSync } from 'node:fs';
import { defineBench, runBenchmarks, summarizeSamples, type BenchRun, type BenchBudget, type BenchResult } from '../../src/bench/index.js';
import { repoRoot } from '../helpers/package.js';
import { tempDirForFile, type TempDir } from '../helpers/temp-dir.js';

/** Budgets small enough for unit tests; the runner's logic is the same as with the real ones. */
export const TINY_BUDGET: BenchBudget = { warmupMs: 5, sampleMs: 25, minSampleMs: 0.2, hardCapMs: 2_000 };

/** A real run with an ok row, a baseline group with workers, metrics, a histogram and a failed row. */
export async function tinyRun(): Promise<BenchRun> {
  return runBenchmarks(
    [
      defineBench({ name: 'sum', fn: () => [1, 2, 3, 4].reduce((a, b) => a + b, 0) }),
      defineBench({ name: 'one', group: 'scale', baseline: true, params: { workers: 1 }, fn: () => JSON.stringify({ a: 1 }) }),
      defineBench({
        name: 'two',
        group: 'scale',
        params: { workers: 2 },
        fn: () => JSON.stringify({ a: 2 }),
        metrics: () => ({ ratio: 2.5 }),
        histogram: () => ({ unit: 'ms', edges: [0, 1, 2], counts: [3, 4] }),
      }),
      defineBench({
        name: 'broken',
        fn: () => {
          throw new Error('always');
        },
      }),
    ],
    { budget: TINY_BUDGET, workers: [1, 2] },
  );
}

/** A result whose samples are given: for compare tests that need a known difference. */
export function resultWith(id: string, raw: readonly number[]): BenchResult {
  const [category, group, name] = id.split('/') as [string, string, string];
  return { id, name, category, group, params: {}, baseline: false, status: 'ok', stats: summarizeSamples(raw, 10, 1) };
}

/** `count` samples around `center` with a fixed ±2% zig-zag (deterministic, no randomness). */
export function samplesAround(center: number, count = 30): number[] {
  return Array.from({ length: count }, (_, i) => center * (1 + 0.02 * Math.sin(i * 1.7)));
}

/**
 * The test file's temp directory, with node_modules/ts314 → this repository so files there can
 * `import 'ts314/bench'`; removed after the file's tests.
 */
export function benchDir(): TempDir {
  const dir = tempDirForFile('bench-test');
  mkdirSync(dir.join('node_modules'));
  symlinkSync(repoRoot, dir.join('node_modules', 'ts314'), 'dir');
  return dir;
}
