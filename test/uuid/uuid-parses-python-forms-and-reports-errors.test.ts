import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX, NIL, UUID, UUIDError } from '../../src/uuid/index.js';

const CANONICAL = '12345678-1234-5678-1234-567812345678';

test('every form Python accepts parses to the same canonical UUID', () => {
  const plain = CANONICAL.replace(/-/g, '');
  for (const form of [
    CANONICAL,
    CANONICAL.toUpperCase(),
    `{${CANONICAL}}`,
    `urn:uuid:${CANONICAL}`,
    `uuid:${CANONICAL}`,
    `urn:uuid:{${CANONICAL}}`,
    plain,
    `{${plain}}`,
    // strip('{}') takes any braces off either end, balanced or not.
    `{{${CANONICAL}}}`,
    `{${CANONICAL}`,
    `${CANONICAL}}`,
    // 'urn:' and 'uuid:' are removed wherever they are.
    `1234urn:5678-1234-5678-1234-567812345678`,
  ]) {
    assert.equal(new UUID(form).toString(), CANONICAL, form);
  }
  // What int(x, 16) tolerates in the 32 characters: whitespace, '+', '0x', '_' between digits, digits of any script.
  const small = '00000000-0000-0000-0000-000000001234';
  for (const form of [
    `  ${'0'.repeat(26)}1234`,
    `+0x${'0'.repeat(25)}1234`,
    `0x_${'0'.repeat(25)}1234`,
    `${'0'.repeat(27)}1_234`,
    `\u3000${'0'.repeat(27)}1234`,
    `${'0'.repeat(28)}\u0661\u0662\u0663\u0664`,
    `${'0'.repeat(28)}\u{1d7cf}\u{1d7d0}\u{1d7d1}\u{1d7d2}`,
  ]) {
    assert.equal(new UUID(form).toString(), small, JSON.stringify(form));
  }
});

test('bytes, bigint, fields, bytesLE and another UUID build the same value', () => {
  const id = new UUID(CANONICAL);
  assert.ok(new UUID(id.bytes).equals(id));
  assert.ok(new UUID(id.int).equals(id));
  assert.ok(new UUID(id).equals(id));
  assert.ok(UUID.fromFields(id.fields).equals(id));
  assert.ok(UUID.fromBytesLE(id.bytesLE).equals(id));
  assert.ok(new UUID(Buffer.from(id.bytes)).equals(id), 'a Buffer is a Uint8Array');
});

test('bytes is a copy: mutating it cannot change the UUID', () => {
  const id = new UUID(CANONICAL);
  const b = id.bytes;
  b.fill(0);
  assert.equal(id.toString(), CANONICAL);
});

function rejects(input: unknown, code: string, message: RegExp, position?: number): void {
  assert.throws(
    () => new UUID(input as string),
    (e: unknown) => {
      assert.ok(e instanceof UUIDError, `expected UUIDError, got ${String(e)}`);
      assert.ok(e instanceof TypeError, 'UUIDError is a TypeError');
      assert.equal(e.code, code);
      assert.match(e.message, message);
      assert.equal(e.position, position);
      return true;
    },
    `input ${String(input)}`,
  );
}

test("each malformed string names what is wrong and where, in CPython's words", () => {
  const lengthError = (n: number) => new RegExp(`^badly formed hexadecimal UUID string .*expected 32 hex digits .* got ${n} characters`);
  rejects('', 'ERR_UUID_LENGTH', lengthError(0));
  rejects('1234', 'ERR_UUID_LENGTH', lengthError(4));
  rejects(`${CANONICAL.replace(/-/g, '')}0`, 'ERR_UUID_LENGTH', lengthError(33));
  rejects(CANONICAL.slice(0, -1), 'ERR_UUID_LENGTH', lengthError(31));
  rejects(`${CANONICAL}0`, 'ERR_UUID_LENGTH', lengthError(33));
  // 'urn:' and 'uuid:' are removed case-sensitively, as in Python.
  rejects(`URN:UUID:${CANONICAL}`, 'ERR_UUID_LENGTH', lengthError(41));
  rejects(`${CANONICAL.slice(0, 30)}g${CANONICAL.slice(31)}`, 'ERR_UUID_CHARACTER', /invalid character "g" at index 30/, 30);
  rejects(`${CANONICAL.slice(0, 5)} ${CANONICAL.slice(6)}`, 'ERR_UUID_CHARACTER', /invalid character " " at index 5/, 5);
  rejects(`urn:uuid:${CANONICAL.slice(0, 3)}é${CANONICAL.slice(4)}`, 'ERR_UUID_CHARACTER', /invalid character "é" at index 12/, 12);
  rejects(`${'0'.repeat(27)}1__34`, 'ERR_UUID_CHARACTER', /misplaced '_' at index 28/, 28);
  rejects(`_${'0'.repeat(31)}`, 'ERR_UUID_CHARACTER', /misplaced '_' at index 0/, 0);
  // \x1c is whitespace to str.isspace() but not to int(), which only widens spaces for non-ASCII text.
  rejects(`\x1c${'0'.repeat(31)}`, 'ERR_UUID_CHARACTER', /invalid character "\\u001c" at index 0/, 0);
  // ts314's one deviation: hyphens must split the digits 8-4-4-4-12.
  rejects('1234567-81234-5678-1234-567812345678', 'ERR_UUID_FORMAT', /misplaced '-' at index 7/, 7);
  rejects('12345678-1234-5678-1234-5678-12345678', 'ERR_UUID_FORMAT', /misplaced '-' at index 28/, 28);
  rejects('12345678-12345678-1234-567812345678', 'ERR_UUID_FORMAT', /expected '-' at index 13, found "5"/, 13);
});

test('wrong types and sizes are rejected with the reason', () => {
  rejects(new Uint8Array(15), 'ERR_UUID_LENGTH', /bytes must be exactly 16 bytes long, got 15/);
  rejects(new Uint8Array(17), 'ERR_UUID_LENGTH', /got 17/);
  rejects(-1n, 'ERR_UUID_RANGE', /int is out of range .* got -1/);
  rejects(1n << 128n, 'ERR_UUID_RANGE', /int is out of range/);
  rejects(5, 'ERR_UUID_TYPE', /from int 5: .* pass a bigint \(5n\)/);
  rejects(1.5, 'ERR_UUID_TYPE', /from float 1\.5/);
  rejects(null, 'ERR_UUID_TYPE', /cannot build a UUID from None/);
  rejects(true, 'ERR_UUID_TYPE', /cannot build a UUID from bool/);
  rejects([1, 2], 'ERR_UUID_TYPE', /from list/);
  rejects({}, 'ERR_UUID_TYPE', /from dict/);
  assert.throws(
    () => UUID.fromFields([1, 2, 3, 4, 5] as unknown as Parameters<typeof UUID.fromFields>[0]),
    /fields must be a 6-tuple, got 5 values/,
  );
  assert.throws(() => UUID.fromFields([2 ** 32, 0, 0, 0, 0, 0]), /field 1 out of range \(need a 32-bit value\)/);
  assert.throws(() => UUID.fromFields([0, 0, 0, 0, 256, 0]), /field 5 out of range \(need a 8-bit value\)/);
  assert.throws(() => UUID.fromFields([0, 0, 0, 0, 0, 2 ** 48]), /field 6 out of range \(need a 48-bit value\)/);
  assert.throws(() => UUID.fromBytesLE(new Uint8Array(3)), /bytesLE must be exactly 16 bytes long, got 3/);
  assert.throws(() => new UUID(CANONICAL, { version: 9 }), { code: 'ERR_UUID_VERSION', message: /illegal version number 9/ });
  assert.throws(() => new UUID(CANONICAL, { verison: 4 } as never), { code: 'ERR_UUID_OPTION', message: /unknown option 'verison'/ });
});

test('UUID.isValid mirrors what the constructor accepts', () => {
  assert.equal(UUID.isValid(`{${CANONICAL}}`), true);
  assert.equal(UUID.isValid('nope'), false);
});

test('compare is byte order, which is also string order; equals compares values', () => {
  const ids = [
    'ffffffff-0000-0000-0000-000000000000',
    '00000000-0000-0000-0000-000000000001',
    '80000000-0000-0000-0000-000000000000',
    CANONICAL,
  ].map((s) => new UUID(s));
  const byCompare = [...ids].sort((a, b) => a.compare(b)).map(String);
  const byInt = [...ids].sort((a, b) => (a.int < b.int ? -1 : 1)).map(String);
  assert.deepEqual(byCompare, byInt);
  assert.ok(new UUID(CANONICAL.toUpperCase()).equals(new UUID(CANONICAL)));
  assert.equal(NIL.compare(MAX), -1);
  assert.equal(MAX.compare(NIL), 1);
  assert.equal(NIL.compare(new UUID(0n)), 0);
  assert.throws(() => NIL.compare('00000000-0000-0000-0000-000000000000' as never), {
    code: 'ERR_UUID_TYPE',
    message: /compare\(\) needs a UUID, got str/,
  });
  assert.equal(NIL.equals('00000000-0000-0000-0000-000000000000' as never), false);
});

test('NIL and MAX are all zeros and all ones, with no version (Python None)', () => {
  assert.equal(NIL.int, 0n);
  assert.equal(MAX.int, (1n << 128n) - 1n);
  assert.equal(NIL.version, undefined);
  assert.equal(MAX.version, undefined);
});

test('JSON and console output use the canonical string and Python repr', async () => {
  const { inspect } = await import('node:util');
  const id = new UUID(CANONICAL);
  assert.equal(JSON.stringify({ id }), `{"id":"${CANONICAL}"}`);
  assert.equal(inspect(id), `UUID('${CANONICAL}')`);
  assert.equal(`${id}`, CANONICAL);
});
