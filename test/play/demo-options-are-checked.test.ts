// Bad demo options and names are typed errors that say what was wrong, with "Did you mean …?".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDemo, InvalidArgumentError, runDemo, sensors } from '../../src/play/index.js';

test('an unknown demo name suggests the closest one', () => {
  assert.throws(
    () => findDemo('sensor'),
    (e: unknown) => e instanceof InvalidArgumentError && /Did you mean 'sensors'\?/.test(e.message),
  );
  assert.throws(() => findDemo('zzz'), /Demos: tstrings, pi-zstd, indicators, sensors, gc, factorial, hybrid, features/);
});

test('options are checked before any work starts', async () => {
  await assert.rejects(sensors({ seed: -1 }), (e: unknown) => e instanceof InvalidArgumentError && /seed/.test(e.message));
  await assert.rejects(sensors({ workers: [] }), /workers must be a non-empty array/);
  await assert.rejects(sensors({ workers: [2, 0] }), /workers\[\]/);
  await assert.rejects(runDemo('indicators', { quik: true } as never), /unknown option 'quik'\. Did you mean 'quick'\?/);
});
