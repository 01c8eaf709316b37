import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type UUID, UUIDGenerator, uuid7, uuid7String } from '../../src/uuid/index.js';

test('1,000,000 consecutive uuid7() calls are strictly increasing', () => {
  let previous = uuid7String();
  for (let i = 0; i < 1_000_000; i++) {
    const next = i % 2 === 0 ? uuid7String() : uuid7().toString();
    if (!(next > previous)) assert.fail(`call ${i}: ${next} is not greater than ${previous}`);
    previous = next;
  }
});

test('within one millisecond the 42-bit counter counts up and the timestamp stays put', () => {
  const gen = new UUIDGenerator({ clock: () => 1_700_000_000_000 });
  const ids = Array.from({ length: 10_000 }, () => gen.uuid7());
  for (let i = 1; i < ids.length; i++) {
    assert.equal(ids[i]!.unixTimeMs, 1_700_000_000_000);
    const counter = (id: UUID) => (((id.int >> 64n) & 0xfffn) << 30n) | ((id.int >> 32n) & 0x3fffffffn);
    assert.equal(counter(ids[i]!), counter(ids[i - 1]!) + 1n);
    assert.equal(ids[i]!.compare(ids[i - 1]!), 1);
  }
});

test('the counter carries into its upper digits within one millisecond (every 65,536th call)', () => {
  const gen = new UUIDGenerator({ clock: () => 1_700_000_000_000 });
  const counter = (id: UUID) => (((id.int >> 64n) & 0xfffn) << 30n) | ((id.int >> 32n) & 0x3fffffffn);
  let previous = gen.uuid7();
  let carries = 0;
  // 140,000 calls cross a multiple of 65,536 at least twice, whatever the random starting counter.
  for (let i = 0; i < 140_000; i++) {
    const next = gen.uuid7();
    if (counter(next) !== counter(previous) + 1n) assert.fail(`call ${i}: ${next} does not follow ${previous}`);
    if ((counter(next) & 0xffffn) === 0n) carries++;
    previous = next;
  }
  assert.ok(carries >= 2, `only ${carries} carries`);
  assert.equal(previous.unixTimeMs, 1_700_000_000_000);
});

test('a new millisecond reseeds the counter with its top bit clear (room to count)', () => {
  let now = 1_700_000_000_000;
  const gen = new UUIDGenerator({ clock: () => now });
  for (let i = 0; i < 200; i++) {
    now++;
    const id = gen.uuid7();
    assert.equal((id.int >> 75n) & 1n, 0n, 'counter MSB is 0 right after reseeding');
    assert.equal(id.unixTimeMs, now);
  }
});

test("clock stepping backwards: 'hold' keeps the last timestamp and keeps increasing", () => {
  let now = 1_700_000_000_000;
  const gen = new UUIDGenerator({ clock: () => now });
  const before = gen.uuid7();
  now -= 10_000;
  const during = Array.from({ length: 1000 }, () => gen.uuid7());
  assert.ok(
    during.every((id) => id.unixTimeMs === 1_700_000_000_000),
    'no drift into the future',
  );
  assert.equal(during[0]!.compare(before), 1);
  for (let i = 1; i < during.length; i++) assert.equal(during[i]!.compare(during[i - 1]!), 1);
  now = 1_700_000_000_001;
  const after = gen.uuid7();
  assert.equal(after.compare(during.at(-1)!), 1);
  assert.equal(after.unixTimeMs, now);
});

test("clock stepping backwards: 'advance' is CPython 3.14's rule (last ms + 1 per call)", () => {
  let now = 1_700_000_000_000;
  const gen = new UUIDGenerator({ clock: () => now, clockBackwards: 'advance' });
  const before = gen.uuid7();
  now -= 5;
  const a = gen.uuid7();
  const b = gen.uuid7();
  assert.equal(a.unixTimeMs, 1_700_000_000_001);
  assert.equal(b.unixTimeMs, 1_700_000_000_002);
  assert.equal(a.compare(before), 1);
  assert.equal(b.compare(a), 1);
});

test('uuid1 and uuid6 bump a repeated timestamp by one 100-ns tick', () => {
  const gen = new UUIDGenerator({ clock: () => 1_700_000_000_000 });
  const v6 = Array.from({ length: 100 }, () => gen.uuid6(1, 1));
  for (let i = 1; i < v6.length; i++) assert.equal(v6[i]!.time, v6[i - 1]!.time + 1n);
  const v1 = Array.from({ length: 100 }, () => gen.uuid1(1, 1));
  for (let i = 1; i < v1.length; i++) assert.equal(v1[i]!.time, v1[i - 1]!.time + 1n);
});

test('a bad clock or option is reported, with a suggestion for a misspelled option', () => {
  assert.throws(() => new UUIDGenerator({ clok: () => 0 } as never), /UUIDGenerator: unknown option 'clok'\. Did you mean 'clock'\?/);
  assert.throws(() => new UUIDGenerator({ clockBackward: 'hold' } as never), /Did you mean 'clockBackwards'\?/);
  assert.throws(() => new UUIDGenerator({ clockBackwards: 'rewind' as never }), /clockBackwards must be 'hold' or 'advance'/);
  assert.throws(() => new UUIDGenerator({ clock: () => Number.NaN }).uuid7(), { name: 'UUIDError', code: 'ERR_UUID_RANGE' });
  assert.throws(() => new UUIDGenerator().uuid1(2 ** 48), /node out of range \(need a 48-bit value\)/);
  assert.throws(() => new UUIDGenerator().uuid6(0, 0x4000), /clockSeq out of range \(need a 14-bit value\)/);
});
