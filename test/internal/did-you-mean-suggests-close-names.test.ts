import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestMatch, cpythonSuggestion, didYouMean, editCost } from '../../src/internal/did-you-mean.js';
import { checkOptionKeys } from '../../src/internal/validate.js';

test("edit costs are CPython's: 2 per byte edit, 1 per ASCII case flip, a transposition is two edits", () => {
  assert.equal(editCost('ket', 'key'), 2);
  assert.equal(editCost('Info', 'info'), 1);
  assert.equal(editCost('maxWrokers', 'maxWorkers'), 4);
  assert.equal(editCost('abc', 'abc'), 0);
  assert.equal(editCost('', 'abc'), 6);
  // UTF-8 bytes: 'é' and 'É' share their first byte and differ in the second; no case cost outside ASCII.
  assert.equal(editCost('é', 'É'), 2);
  assert.equal(editCost('é', 'e'), 4);
});

test('suggests the seed example: ket → key', () => {
  assert.equal(didYouMean('ket', ['key', 'value']), " Did you mean 'key'?");
});

test('does not suggest a name that is nothing alike', () => {
  assert.equal(closestMatch('compression', ['uuid', 'gc', 'info']), undefined);
  assert.equal(didYouMean('zzz', ['info']), '');
});

test('exact names are never "suggested", though closestMatch reports them', () => {
  assert.equal(closestMatch('info', ['into', 'info']), 'info');
  assert.equal(didYouMean('info', ['info', 'into']), '');
});

test("where CPython finds nothing, the one candidate equal but for letter case is ts314's fallback", () => {
  // Four case flips cost 4, over CPython's limit of (4 + 4 + 3) * 2 // 6 = 3 for 'UUID'.
  assert.equal(cpythonSuggestion('UUID', ['uuid', 'gc']), undefined);
  assert.equal(closestMatch('UUID', ['uuid', 'gc']), 'uuid');
  assert.equal(didYouMean('MAXWORKERS', ['maxWorkers', 'maxTasks']), " Did you mean 'maxWorkers'?");
  // Two candidates with the same letters: no guess.
  assert.equal(cpythonSuggestion('ABCDEFGH', ['abcdefgh', 'abcdefgH']), undefined);
  assert.equal(closestMatch('ABCDEFGH', ['abcdefgh', 'abcdefgH']), undefined);
  // The fallback never overrides CPython's answer.
  assert.equal(closestMatch('Ab', ['Ac', 'ab']), cpythonSuggestion('Ab', ['Ac', 'ab']));
});

test('a prefix alone is not a typo', () => {
  assert.equal(closestMatch('--iter', ['--iterations', '--warmup']), undefined);
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
