import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElementTypeError, InvalidArgumentError, SharedArray, ThreadingError } from '../../src/threading/index.js';

test('an unknown element type is an ElementTypeError with Did you mean', () => {
  assert.throws(
    () => SharedArray.create('flaot64' as 'float64', 4),
    (error: unknown) => {
      assert.ok(error instanceof ElementTypeError && error instanceof InvalidArgumentError && error instanceof ThreadingError);
      assert.equal(error.code, 'ERR_ELEMENT_TYPE');
      assert.match(error.message, /unknown element type "flaot64"\. Did you mean 'float64'\?/);
      assert.equal(error.given, 'flaot64');
      return true;
    },
  );
  assert.throws(() => SharedArray.from([1], 'Int32' as 'int32'), /Did you mean 'int32'/);
  assert.throws(() => SharedArray.from([1], 'BIGINT64' as 'bigint64'), /Did you mean 'bigint64'/);
  // Equally far from both, CPython's rule picks the one listed first: float32.
  assert.throws(() => SharedArray.create('float46' as 'float64', 4), /Did you mean 'float32'/);
  assert.throws(() => SharedArray.create(7 as unknown as 'int8', 1), /Valid types: int8, uint8/);
});

test('negative, fractional and non-number lengths are refused with the value', () => {
  assert.throws(() => SharedArray.create('float64', -1), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /length must be an integer >= 0, got -1/,
  });
  assert.throws(() => SharedArray.create('float64', 2.5), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /length must be an integer, got 2\.5/,
  });
  assert.throws(() => SharedArray.create('float64', '3' as unknown as number), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /must be an integer, got "3"/,
  });
});

test('chunks out of range, empty arrays, bad slices and mixed values are refused', () => {
  const array = SharedArray.create('int16', 5);
  assert.throws(() => array.chunks(0), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /count must be an integer from 1 to 5, got 0/,
  });
  assert.throws(() => array.chunks(6), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /must be an integer from 1 to 5, got 6/,
  });
  assert.throws(() => array.chunks(1.5), { name: 'InvalidArgumentError', code: 'ERR_INVALID_ARGUMENT' });
  assert.throws(() => SharedArray.create('int16', 0).chunks(1), /empty SharedArray/);
  assert.throws(() => array.slice(0.5), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /start must be an integer/,
  });
  assert.throws(() => SharedArray.from([1, 2n] as number[]), /element 1 is a bigint, but a float64 array holds numbers/);
  assert.throws(() => SharedArray.from([1, 300], 'uint8'), {
    name: 'InvalidArgumentError',
    code: 'ERR_INVALID_ARGUMENT',
    message: /element 1 \(300\) does not fit uint8 exactly/,
  });
  assert.throws(() => SharedArray.from(new Float64Array([0.5]), 'int32'), /element 0 \(0\.5\) does not fit int32/);
  assert.throws(() => SharedArray.from(null as unknown as number[]), /expected a typed array or an array of numbers, got null/);
  assert.throws(() => new (SharedArray as unknown as new () => unknown)(), /use SharedArray\.create/);
});
