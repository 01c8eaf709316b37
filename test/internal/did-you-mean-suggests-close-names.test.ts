import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestMatch, didYouMean, editDistance } from '../../src/internal/did-you-mean.js';
import { checkOptionKeys } from '../../src/internal/validate.js';

test('edit distance counts a transposition as one edit', () => {
  assert.equal(editDistance('ket', 'key'), 1);
  assert.equal(editDistance('maxWrokers', 'maxWorkers'), 1);
  assert.equal(editDistance('abc', 'abc'), 0);
  assert.equal(editDistance('', 'abc'), 3);
});

test('suggests the seed example: ket → key', () => {
  assert.equal(didYouMean('ket', ['key', 'value']), " Did you mean 'key'?");
});

test('does not suggest a name that is nothing alike', () => {
  assert.equal(closestMatch('compression', ['uuid', 'gc', 'info']), undefined);
  assert.equal(didYouMean('zzz', ['info']), '');
});

test('a unique prefix counts as a typo of the longer name', () => {
  assert.equal(closestMatch('--iter', ['--iterations', '--warmup']), '--iterations');
});

test('case-only differences are the cheapest suggestion', () => {
  assert.equal(closestMatch('MaxWorkers', ['maxWorkers', 'maxTasks']), 'maxWorkers');
});

test('checkOptionKeys names the unknown key and suggests the known one', () => {
  assert.throws(() => checkOptionKeys({ maxWorker: 2 }, ['maxWorkers', 'initializer'], 'InterpreterPoolExecutor'), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: "InterpreterPoolExecutor: unknown option 'maxWorker'. Did you mean 'maxWorkers'?",
  });
  assert.throws(() => checkOptionKeys({ zzz: 1 }, ['maxWorkers'], 'X'), TypeError, 'the shared InvalidArgumentError stays a TypeError');
  assert.throws(() => checkOptionKeys({ zzz: 1 }, ['maxWorkers'], 'X'), /unknown option 'zzz'\. Valid options: maxWorkers\./);
  assert.doesNotThrow(() => checkOptionKeys({ maxWorkers: 2 }, ['maxWorkers'], 'X'));
  assert.doesNotThrow(() => checkOptionKeys(undefined, ['maxWorkers'], 'X'));
});
