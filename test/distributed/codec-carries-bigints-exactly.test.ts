// The broker codec: bigints of every sign and size come back equal, and text written with decimal bigints is still read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeValue, encodeValue } from '../../src/distributed/codec.js';
import { factorial } from '../../src/bench/workloads/factorial.js';

test('bigints of every sign and size round-trip through the codec', () => {
  const big = factorial(10_000);
  const values = [0n, 1n, -1n, 255n, -(2n ** 70n), 2n ** 64n, big, -big];
  assert.deepEqual(decodeValue(encodeValue(values)), values);
  assert.deepEqual(decodeValue(encodeValue({ n: big, list: [big, 3] })), { n: big, list: [big, 3] });
  // Non-negative bigints travel in hexadecimal, which is shorter than decimal.
  assert.ok(encodeValue(big).length < big.toString().length, 'hex is shorter');
});

test('values encoded with decimal bigints still decode', () => {
  const decimal = `t${JSON.stringify({ $ts314: 'bigint', v: '15511210043330985984000000' })}`;
  assert.equal(decodeValue(decimal), 15511210043330985984000000n);
  assert.equal(decodeValue(`t${JSON.stringify({ $ts314: 'bigint', v: '-42' })}`), -42n);
});
