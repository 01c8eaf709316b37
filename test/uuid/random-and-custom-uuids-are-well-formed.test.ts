import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RFC_4122, UUID, generateEventId, getnode, uuid4, uuid4String, uuid8 } from '../../src/uuid/index.js';

test('uuid4 sets version 4 and the RFC variant, and spreads its 122 random bits', () => {
  const ones = new Array<number>(128).fill(0);
  const n = 4000;
  for (let i = 0; i < n; i++) {
    const id = i % 2 ? uuid4() : new UUID(uuid4String());
    assert.equal(id.version, 4);
    assert.equal(id.variant, RFC_4122);
    const v = id.int;
    for (let bit = 0; bit < 128; bit++) ones[bit]! += Number((v >> BigInt(bit)) & 1n);
  }
  const fixed = new Set([76, 77, 78, 79, 62, 63]);
  for (let bit = 0; bit < 128; bit++) {
    if (fixed.has(bit)) continue;
    // Each free bit is set about half the time (4000 draws: 6 sigma ≈ 190).
    assert.ok(Math.abs(ones[bit]! - n / 2) < 190, `bit ${bit} set ${ones[bit]} of ${n} times`);
  }
});

test('uuid8 keeps the caller blocks, fills missing ones randomly, and rejects out-of-range blocks', () => {
  const id = uuid8(1, 2, 3n);
  assert.equal(id.toString(), '00000000-0001-8002-8000-000000000003');
  assert.equal(id.version, 8);
  assert.notEqual(uuid8().toString(), uuid8().toString());
  assert.throws(() => uuid8(2 ** 48), {
    name: 'UUIDError',
    code: 'ERR_UUID_RANGE',
    message: /uuid8: a out of range \(need a 48-bit value/,
  });
  assert.throws(() => uuid8(0, 0x1000), /uuid8: b out of range \(need a 12-bit value/);
  assert.throws(() => uuid8(0, 0, 1n << 62n), /uuid8: c out of range \(need a 62-bit value/);
  assert.throws(() => uuid8(-1), /a out of range/);
  assert.throws(() => uuid8(1.5), /a must be an int .* got float 1\.5/);
});

test('generateEventId gives time-ordered version 7 IDs carrying the current time', () => {
  const before = Date.now();
  const a = generateEventId();
  const b = generateEventId();
  assert.equal(a.version, 7);
  assert.equal(b.compare(a), 1);
  assert.ok(a.unixTimeMs! >= before && a.unixTimeMs! <= Date.now());
});

test('getnode is a stable 48-bit multicast node, never a hardware address', () => {
  const node = getnode();
  assert.equal(node, getnode());
  assert.ok(node > 0 && node < 2 ** 48);
  assert.equal(Math.floor(node / 2 ** 40) & 1, 1, 'multicast bit set');
});
