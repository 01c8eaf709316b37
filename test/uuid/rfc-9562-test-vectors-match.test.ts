import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { NAMESPACE_DNS, RFC_4122, UUID, UUIDGenerator, uuid3, uuid5, uuid8 } from '../../src/uuid/index.js';

// RFC 9562 Appendix A and B. A.1/A.6 share one instant: Tuesday, February 22, 2022 2:22:22.00 PM GMT-05:00.
const INSTANT_MS = Date.UTC(2022, 1, 22, 19, 22, 22);
const NODE = 0x9f6bdeced846;
const CLOCK_SEQ = 0x33c8;

test('A.1 UUIDv1: generated from the vector instant, clock sequence and node', () => {
  const id = new UUIDGenerator({ clock: () => INSTANT_MS }).uuid1(NODE, CLOCK_SEQ);
  assert.equal(id.toString(), 'C232AB00-9414-11EC-B3C8-9F6BDECED846'.toLowerCase());
  assert.equal(id.version, 1);
  assert.equal(id.time, 0x1ec9414c232ab00n);
  assert.equal(id.clockSeq, CLOCK_SEQ);
  assert.equal(id.node, NODE);
  assert.equal(id.unixTimeMs, INSTANT_MS);
});

test('A.2 UUIDv3: MD5 of NAMESPACE_DNS and www.example.com', () => {
  assert.equal(uuid3(NAMESPACE_DNS, 'www.example.com').toString(), '5df41881-3aed-3515-88a7-2f4a814cf09e');
});

test('A.3 UUIDv4: the vector parses as version 4 with the RFC variant', () => {
  const id = new UUID('919108f7-52d1-4320-9bac-f847db4148a8');
  assert.equal(id.version, 4);
  assert.equal(id.variant, RFC_4122);
  // Rebuilding it from its random bits with version=4 leaves it unchanged.
  assert.ok(new UUID(id.bytes, { version: 4 }).equals(id));
});

test('A.4 UUIDv5: SHA-1 of NAMESPACE_DNS and www.example.com', () => {
  assert.equal(uuid5(NAMESPACE_DNS, 'www.example.com').toString(), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
});

test('A.5 UUIDv6: generated from the same instant, clock sequence and node', () => {
  const id = new UUIDGenerator({ clock: () => INSTANT_MS }).uuid6(NODE, CLOCK_SEQ);
  assert.equal(id.toString(), '1ec9414c-232a-6b00-b3c8-9f6bdeced846');
  assert.equal(id.version, 6);
  assert.equal(id.time, 0x1ec9414c232ab00n);
  assert.equal(id.unixTimeMs, INSTANT_MS);
});

test('A.6 UUIDv7: timestamp, version, counter bits and random bits read back', () => {
  const id = new UUID('017F22E2-79B0-7CC3-98C4-DC0C0C07398F');
  assert.equal(id.version, 7);
  assert.equal(id.time, 0x017f22e279b0n);
  assert.equal(id.unixTimeMs, INSTANT_MS);
  assert.equal((id.int >> 64n) & 0xfffn, 0xcc3n); // rand_a
  assert.equal(id.int & 0x3fffffffffffffffn, 0x18c4dc0c0c07398fn); // rand_b
  // A generator at that instant produces the same 48-bit prefix and version.
  const generated = new UUIDGenerator({ clock: () => INSTANT_MS }).uuid7();
  assert.equal(generated.toString().slice(0, 15), '017f22e2-79b0-7');
  assert.equal(generated.variant, RFC_4122);
});

test('B.1 UUIDv8 (time-based example): uuid8(a, b, c) reproduces it', () => {
  assert.equal(uuid8(0x2489e9ad2ee2, 0xe00, 0x0ec932d5f69181c0n).toString(), '2489e9ad-2ee2-8e00-8ec9-32d5f69181c0');
});

test('B.2 UUIDv8 (name-based SHA-256 example): the hash bits through uuid8 and through version=8', () => {
  const digest = createHash('sha256').update(NAMESPACE_DNS.bytes).update('www.example.com').digest();
  assert.equal(new UUID(digest.subarray(0, 16), { version: 8 }).toString(), '5c146b14-3c52-8afd-938a-375d0df1fbf6');
  const bits = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`);
  assert.equal(uuid8(bits >> 80n, (bits >> 64n) & 0xfffn, bits & 0x3fffffffffffffffn).toString(), '5c146b14-3c52-8afd-938a-375d0df1fbf6');
});
