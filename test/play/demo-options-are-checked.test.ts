// Bad demo options and names are typed errors that say what was wrong, with "Did you mean …?".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDemo, indicators, InvalidArgumentError, runDemo, sensors } from '../../src/play/index.js';

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

test('the distributed option is checked too, and workers [0] needs it', async () => {
  await assert.rejects(
    indicators({ distributed: { conection: 'redis://127.0.0.1:6379' } as never }),
    /distributed: unknown option 'conection'\. Did you mean 'connection'\?/,
  );
  await assert.rejects(indicators({ distributed: { connection: '' } }), /distributed\.connection must be a connection string/);
  await assert.rejects(indicators({ workers: [0] }), (e: unknown) => e instanceof InvalidArgumentError && /workers\[\]/.test(e.message));
  await assert.rejects(
    indicators({ workers: [0, 2], distributed: { connection: 'redis://127.0.0.1:6379' } }),
    /workers\[\]/,
    'workers 0 (the running workers) stands alone',
  );
});
