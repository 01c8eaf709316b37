// Which of the parent's Node flags a ts314 worker thread keeps: all but those that preload tsx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execArgvWithoutTypeScriptLoader } from '../../src/internal/worker/boot.js';

test('--import tsx, --import=tsx, --require tsx/cjs and the tsx CLI preloads are dropped; other flags stay in order', () => {
  assert.deepEqual(execArgvWithoutTypeScriptLoader(['--expose-gc', '--import', 'tsx', '--max-old-space-size=64']), [
    '--expose-gc',
    '--max-old-space-size=64',
  ]);
  assert.deepEqual(execArgvWithoutTypeScriptLoader(['--import=tsx', '--enable-source-maps']), ['--enable-source-maps']);
  assert.deepEqual(execArgvWithoutTypeScriptLoader(['-r', 'tsx/cjs', '--no-warnings']), ['--no-warnings']);
  assert.deepEqual(
    execArgvWithoutTypeScriptLoader([
      '--require',
      '/app/node_modules/tsx/dist/preflight.cjs',
      '--import',
      'file:///app/node_modules/tsx/dist/loader.mjs',
    ]),
    [],
  );
});

test('flags without tsx come back as undefined (the worker inherits them as Node does), other preloads stay', () => {
  assert.equal(execArgvWithoutTypeScriptLoader(['--expose-gc', '--import', './setup.mjs']), undefined);
  assert.equal(execArgvWithoutTypeScriptLoader([]), undefined);
  assert.deepEqual(execArgvWithoutTypeScriptLoader(['--import', './tsx-free.mjs', '--import', 'tsx']), ['--import', './tsx-free.mjs']);
});
