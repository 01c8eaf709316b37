import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, ExecutionFailed, InterpreterError, task } from '../../src/interpreters/index.js';
import type * as Work from './fixtures/work.js';

const workTs = new URL('./fixtures/work.ts', import.meta.url);

test('a thrown custom error keeps its name, message, stack, code and cause chain', async () => {
  await using interp = create();
  const error = await interp.call(task<typeof Work.validate>(workTs, 'validate'), -5).catch((e: unknown) => e);
  assert.ok(error instanceof ExecutionFailed);
  assert.ok(error instanceof InterpreterError);
  assert.equal(error.name, 'ExecutionFailed');
  assert.deepEqual({ type: error.excinfo.type, msg: error.excinfo.msg }, { type: 'ValidationError', msg: 'value must be >= 0, got -5' });
  const cause = error.cause as Error & { code?: string };
  assert.equal(cause.name, 'ValidationError');
  assert.equal(cause.message, 'value must be >= 0, got -5');
  assert.equal(cause.code, 'E_VALIDATION');
  assert.match(cause.stack!, /fixtures\/work\.ts:\d+/);
  assert.ok(cause.cause instanceof RangeError);
  assert.equal((cause.cause as Error).message, 'negative input');
  assert.match(error.message, /Uncaught in the interpreter:\n\nValidationError: value must be >= 0, got -5\n\s+at validate/);
});

test('a rejected promise and a thrown non-Error are reported too', async () => {
  await using interp = create();
  const rejected = await interp
    .call(async () => {
      throw new RangeError('async boom');
    })
    .catch((e: unknown) => e);
  assert.ok(rejected instanceof ExecutionFailed);
  assert.ok(rejected.cause instanceof RangeError);
  assert.equal((rejected.cause as Error).message, 'async boom');
  const thrown = await interp
    .call(() => {
      throw 'plain text';
    })
    .catch((e: unknown) => e);
  assert.ok(thrown instanceof ExecutionFailed);
  assert.equal(thrown.excinfo.msg, 'plain text');
});
