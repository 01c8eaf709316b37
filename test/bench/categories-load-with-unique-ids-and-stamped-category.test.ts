// Every built-in category loads, stamps its name on its benchmarks, and gives each a unique id with at most one baseline per group.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATEGORIES } from '../../src/bench/categories/index.js';

test('the built-in categories are the issue list in order, then threading and distributed, each with benchmarks', async () => {
  assert.deepEqual(
    CATEGORIES.map((c) => c.name),
    ['cpu', 'uuid', 'compression', 'async', 'templates', 'gc', 'general', 'threading', 'distributed'],
  );
  const ids = new Set<string>();
  for (const category of CATEGORIES) {
    for (const [quick, broker] of [
      [true, undefined],
      [false, undefined],
      [true, 'redis://127.0.0.1:6379'],
      [false, 'redis://127.0.0.1:6379'],
    ] as const) {
      // Loading connects to nothing: a broker only matters to the distributed category's setup.
      const definitions = await category.load({ quick, workers: [1, 2, 4], broker });
      assert.ok(definitions.length > 0, `${category.name} has benchmarks (quick=${quick})`);
      const baselines = new Map<string, number>();
      for (const d of definitions) {
        assert.equal(d.category, category.name, `${d.name} carries its category`);
        assert.equal(typeof d.fn, 'function');
        const id = `${d.category}/${d.group ?? d.name}/${d.name}`;
        if (quick && (broker !== undefined) === (category.name === 'distributed')) {
          assert.ok(!ids.has(id), `duplicate id ${id}`);
          ids.add(id);
        }
        if (d.baseline) baselines.set(d.group ?? d.name, (baselines.get(d.group ?? d.name) ?? 0) + 1);
      }
      for (const [group, count] of baselines) assert.equal(count, 1, `${category.name}/${group} has one baseline`);
    }
  }
});

test('uuid compares against the uuid package when it is installed (it is a devDependency here)', async () => {
  const definitions = await CATEGORIES.find((c) => c.name === 'uuid')!.load({ quick: true, workers: [1] });
  const names = definitions.map((d) => d.name);
  assert.ok(names.includes('uuid (npm) v4()') && names.includes('uuid (npm) v7()'));
  assert.ok(definitions.every((d) => d.opsPerCall === 1000));
  assert.deepEqual(
    definitions.filter((d) => d.baseline).map((d) => d.name),
    ['uuid (npm) v4()', 'uuid (npm) v7()'],
  );
});
