// The cpu category's pool rows (interpreter, process and same-thread pools) return exactly the sequential row's result.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATEGORIES } from '../../src/bench/categories/index.js';
import type { BenchDefinition } from '../../src/bench/definition.js';

async function once(definition: BenchDefinition, context: { quick: boolean; workers: readonly number[] }): Promise<unknown> {
  const state = await definition.setup?.(context);
  try {
    return await definition.fn(state);
  } finally {
    await definition.teardown?.(state);
  }
}

test('every cpu row of a group computes the same checksum as its sequential baseline', async () => {
  const context = { quick: true, workers: [1, 2] };
  const definitions = await CATEGORIES.find((c) => c.name === 'cpu')!.load(context);
  const groups = new Map<string, BenchDefinition[]>();
  for (const d of definitions) groups.set(d.group!, [...(groups.get(d.group!) ?? []), d]);
  assert.equal(groups.size, 2, 'a factorial group and a float group');
  for (const [group, rows] of groups) {
    const baseline = rows.filter((r) => r.baseline);
    assert.equal(baseline.length, 1, `${group} has one baseline`);
    assert.equal(baseline[0]!.params!.executor, 'sequential');
    const executors = new Set(rows.map((r) => r.params!.executor));
    if (group.startsWith('factorial')) {
      for (const e of ['InterpreterPoolExecutor', 'ProcessPoolExecutor', 'ThreadPoolExecutor'])
        assert.ok(executors.has(e), `${group} compares ${e}`);
    }
    // Each --workers count appears for the interpreter pool.
    assert.deepEqual(
      rows.filter((r) => r.params!.executor === 'InterpreterPoolExecutor').map((r) => r.params!.workers),
      [1, 2],
    );
    const expected = await once(baseline[0]!, context);
    assert.equal(typeof expected, 'number');
    for (const row of rows) {
      if (row === baseline[0]) continue;
      assert.equal(await once(row, context), expected, `${group}: ${row.name} returns the sequential checksum`);
    }
  }
});

test('every threading row analyzes every sensor, its shared-memory table equal to the sequential one', async () => {
  const context = { quick: true, workers: [1, 2] };
  const rows = await CATEGORIES.find((c) => c.name === 'threading')!.load(context);
  assert.deepEqual(
    rows.map((r) => r.params!.workers),
    [1, 1, 2],
  );
  const sensors = rows[0]!.params!.sensors;
  // setup() of a parallel row throws unless its results table is bit-for-bit the sequential one.
  for (const row of rows) assert.equal(await once(row, context), sensors, `${row.name} analyzed every sensor`);
});
