import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestMatch, didYouMean } from '../../src/internal/did-you-mean.js';

test('the allowed distance grows with both names, as in CPython: (len(a) + len(b) + 3) / 6 edits', () => {
  // 'gx' vs 'gc': one edit, allowed (7 / 6); 'zz' vs 'gc': two edits, not.
  assert.equal(closestMatch('gx', ['gc', 'info']), 'gc');
  assert.equal(closestMatch('zz', ['gc']), undefined);
  // Two typos in a long name are fine, in a short one they are not.
  assert.equal(closestMatch('clokBackward', ['clock', 'clockBackwards']), 'clockBackwards');
  assert.equal(closestMatch('uxd', ['uuid']), undefined);
});

test('one-letter names get no guess, except a case-only difference', () => {
  assert.equal(closestMatch('x', ['y', 'z']), undefined);
  assert.equal(closestMatch('N', ['n', 'u']), 'n');
});

test('a case-insensitive match wins over a closer-looking one', () => {
  assert.equal(closestMatch('UUID7', ['uuid7', 'uuid1']), 'uuid7');
  assert.equal(didYouMean('@DNS', ['@dns', '@url']), " Did you mean '@dns'?");
});

test('the nearest candidate wins, ties go to the first listed', () => {
  assert.equal(closestMatch('uuid77', ['uuid1', 'uuid7', 'uuid8']), 'uuid7');
  assert.equal(closestMatch('uuid9', ['uuid1', 'uuid7', 'uuid8']), 'uuid1');
});

test('an ambiguous prefix suggests nothing; huge candidate lists are not searched', () => {
  assert.equal(closestMatch('--name', ['--namespace', '--names']), '--names');
  assert.equal(closestMatch('comp', ['compress', 'compression']), undefined);
  const many = Array.from({ length: 1000 }, (_, i) => `name${i}`);
  assert.equal(closestMatch('nmae1', many), undefined);
});

test('exact names are never "suggested"', () => {
  assert.equal(didYouMean('info', ['info', 'into']), '');
});
