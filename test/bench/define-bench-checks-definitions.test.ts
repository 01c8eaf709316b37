// defineBench: typed errors with "Did you mean" for misspelt keys, a frozen copy, and a mark other ts314 copies recognise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BenchDefinitionError, defineBench, type BenchDefinition } from '../../src/bench/index.js';
import { isDefinedBench } from '../../src/bench/define-bench.js';

function rejects(definition: unknown, pattern: RegExp): void {
  assert.throws(
    () => defineBench(definition as BenchDefinition),
    (error: unknown) => {
      assert.ok(error instanceof BenchDefinitionError, String(error));
      assert.ok(error instanceof TypeError);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

test('misspelt keys get a suggestion', () => {
  rejects({ name: 'x', fn: () => 1, setUp: () => 1 }, /defineBench\('x'\): unknown option 'setUp'\. Did you mean 'setup'\?/);
  rejects({ name: 'x', fn: () => 1, tearDown: () => 1 }, /Did you mean 'teardown'\?/);
  rejects({ name: 'x', fn: () => 1, opsPerIteration: 10 }, /unknown option 'opsPerIteration'/);
});

test('missing or mistyped fields are named with the value received', () => {
  rejects(undefined, /expected an object \{ name, fn, … \}, got undefined/);
  rejects([], /got an array/);
  rejects({ fn: () => 1 }, /'name' must be a non-empty string, got undefined/);
  rejects({ name: '  ', fn: () => 1 }, /'name' must be a non-empty string/);
  rejects({ name: 'x' }, /'fn' must be a function \(the timed work\), got undefined/);
  rejects({ name: 'x', fn: () => 1, setup: 5 }, /'setup' must be a function, got number 5/);
  rejects({ name: 'x', fn: () => 1, opsPerCall: 0 }, /'opsPerCall' must be a positive number/);
  rejects({ name: 'x', fn: () => 1, maxSamples: 2.5 }, /'maxSamples' must be a positive integer, got number 2\.5/);
  rejects({ name: 'x', fn: () => 1, group: 'a/b' }, /'group' must be a non-empty string without '\/'/);
  rejects({ name: 'x', fn: () => 1, baseline: 'yes' }, /'baseline' must be true or false/);
  rejects({ name: 'x', fn: () => 1, params: { workers: { n: 2 } } }, /params\.workers must be a string, a finite number or a boolean/);
  rejects({ name: 'x', fn: () => 1, params: { n: Number.NaN } }, /params\.n must be/);
  rejects({ name: 'x', fn: () => 1, notes: 'see above' }, /'notes' must be an array of strings, got the string "see above"/);
  rejects({ name: 'x', fn: () => 1, skip: '' }, /'skip' must be the reason it cannot run, a non-empty string, got the string ""/);
});

test('the result is a frozen copy, recognised by isDefinedBench, with the state type flowing from setup', () => {
  const input = {
    name: 'sum',
    setup: () => ({ values: [1, 2, 3] }),
    fn: (s: { values: number[] }) => s.values.reduce((a, b) => a + b, 0),
    params: { n: 3 },
  };
  const defined = defineBench(input);
  // A definition made by another copy of ts314 carries the same registered symbol.
  const foreign = { ...input, [Symbol.for('ts314.bench.definition')]: true };
  assert.ok(Object.isFrozen(defined));
  assert.ok(Object.isFrozen(defined.params));
  assert.ok(!Object.isFrozen(input));
  assert.ok(isDefinedBench(defined));
  assert.ok(!isDefinedBench(input));
  assert.deepEqual(Object.keys(defined).sort(), ['fn', 'name', 'params', 'setup']);
  assert.ok(isDefinedBench(foreign));
  // Redefining a defined benchmark is allowed (loaders do it).
  assert.equal(defineBench(defined).name, 'sum');
});
