import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NAMESPACE_DNS, NAMESPACE_OID, NAMESPACE_URL, NAMESPACE_X500, uuid3, uuid5, type UUID } from '../../src/uuid/index.js';
import { runPythonJson } from '../helpers/python.js';

const NAMES = [
  '',
  'a',
  'python.org',
  'www.example.com',
  'example.com',
  'localhost',
  'ts314.dev',
  'docs.python.org',
  'https://www.python.org/',
  'https://example.com/path?query=1#frag',
  'http://[::1]:8080/',
  'file:///etc/hosts',
  '1.3.6.1.4.1',
  '2.5.4.3',
  '1.2.840.113549',
  'CN=Example,C=GB',
  'cn=John Doe,ou=People,dc=example,dc=com',
  'ünïcödé',
  'naïve café',
  '日本語',
  '中文域名.cn',
  'emoji 🎉 party',
  '👩‍👩‍👧‍👦',
  'Ωmega',
  'русский',
  'עברית',
  'العربية',
  ' ',
  '  leading and trailing  ',
  '\t',
  '\n',
  'line1\nline2',
  'null\u0000byte',
  'quote"s',
  "apostrophe's",
  'back\\slash',
  'a'.repeat(64),
  'b'.repeat(65),
  'c'.repeat(1000),
  'MiXeD CaSe',
  'UPPERCASE',
  'lowercase',
  '1234567890',
  'event:2026-11-21T19:00:00Z',
  'detection/42',
  'sensor-7',
  'user@example.com',
  'urn:isbn:0451450523',
  '{braces}',
  '12345678-1234-5678-1234-567812345678',
  'surrogate \ud83d\ude00 pair',
  'combining e\u0301',
  'zero width\u200bspace',
  'tab\tseparated\tvalues',
  '%20encoded%2F',
  '#',
  '?',
  '/',
  'ts314/uuid',
];

test('uuid3 and uuid5 equal CPython for 60 names in all four RFC namespaces (live python3)', () => {
  assert.ok(NAMES.length >= 50);
  const rows = runPythonJson<{ namespace: string; name: string; uuid3: string; uuid5: string }[]>(
    { script: new URL('./fixtures/cpython-name-based.py', import.meta.url) },
    NAMES,
  );
  assert.equal(rows.length, NAMES.length * 4);
  const namespaces: Record<string, UUID> = { dns: NAMESPACE_DNS, url: NAMESPACE_URL, oid: NAMESPACE_OID, x500: NAMESPACE_X500 };
  for (const row of rows) {
    const ns = namespaces[row.namespace]!;
    assert.equal(uuid3(ns, row.name).toString(), row.uuid3, `uuid3(${row.namespace}, ${JSON.stringify(row.name)})`);
    assert.equal(uuid5(ns, row.name).toString(), row.uuid5, `uuid5(${row.namespace}, ${JSON.stringify(row.name)})`);
  }
});

test('a name given as bytes hashes the same as its UTF-8 string, and a namespace may be a string', () => {
  const name = 'naïve café';
  assert.ok(uuid5(NAMESPACE_URL, new TextEncoder().encode(name)).equals(uuid5(NAMESPACE_URL, name)));
  assert.ok(uuid3(NAMESPACE_DNS.toString(), 'x').equals(uuid3(NAMESPACE_DNS, 'x')));
});

test('a bad namespace or name is a UUIDError with the cause attached', () => {
  assert.throws(
    () => uuid5('not a uuid', 'x'),
    (e: Error & { code?: string; cause?: unknown }) => {
      assert.equal(e.name, 'UUIDError');
      assert.match(e.message, /^uuid5: namespace must be a UUID/);
      assert.ok(e.cause instanceof Error);
      return true;
    },
  );
  assert.throws(() => uuid3(NAMESPACE_DNS, 42 as unknown as string), /uuid3: name must be a str .* got int/);
});
