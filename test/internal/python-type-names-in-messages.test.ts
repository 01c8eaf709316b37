import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonTypeName } from '../../src/internal/validate.js';

test('values are named by the type Python would report: int, float, str, bytes, list, dict, None', () => {
  assert.deepEqual(
    [
      5,
      1.5,
      5n,
      'x',
      true,
      null,
      undefined,
      new Uint8Array(1),
      Buffer.from('x'),
      [1],
      { a: 1 },
      new Map(),
      new Set(),
      () => 1,
      new Date(0),
    ].map(pythonTypeName),
    ['int', 'float', 'int', 'str', 'bool', 'None', 'None', 'bytes', 'bytes', 'list', 'dict', 'dict', 'set', 'function', 'Date'],
  );
});
