import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { requireBuild, runCli } from '../helpers/package.js';

before(requireBuild);

const HEX36 = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('ts314 uuid prints one uuid4 by default', async () => {
  const { code, stdout } = await runCli(['uuid']);
  assert.equal(code, 0);
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, HEX36);
  assert.equal(lines[0]![14], '4');
});

test('-u uuid7 -n 5 prints five increasing version 7 UUIDs; -C and --count are aliases', async () => {
  const { code, stdout } = await runCli(['uuid', '-u', 'uuid7', '-n', '5']);
  assert.equal(code, 0);
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 5);
  assert.ok(lines.every((l) => HEX36.test(l) && l[14] === '7'));
  assert.deepEqual([...lines].sort(), lines);
  for (const args of [['-C', '3'], ['-C3'], ['--count', '3'], ['--count=3']]) {
    const r = await runCli(['uuid', '-u', 'uuid6', ...args]);
    assert.equal(r.stdout.trim().split('\n').length, 3, args.join(' '));
  }
});

test('uuid3/uuid5 with @dns and a UUID namespace match the known values', async () => {
  const r5 = await runCli(['uuid', '-u', 'uuid5', '--namespace', '@dns', '--name', 'python.org']);
  assert.equal(r5.stdout.trim(), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
  const r3 = await runCli(['uuid', '-u', 'uuid3', '--namespace', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', '-N', 'python.org']);
  assert.equal(r3.stdout.trim(), '6fa459ea-ee8a-3ca4-894e-db77e160355e');
});

test('mistakes get exit status 2 and a suggestion', async () => {
  const cases: [string[], RegExp][] = [
    [['uuid', '-u', 'uuid77'], /unknown UUID kind 'uuid77'\. Did you mean 'uuid7'\?/],
    [['uuid', '-u', 'uudi4'], /Did you mean 'uuid4'\?/],
    [['uuid', '-u', 'v7'], /Did you mean 'uuid7'\?/],
    [['uuid', '-u', 'uuid5', '--namespace', '@dn', '--name', 'x'], /unknown namespace '@dn'\. Did you mean '@dns'\?/],
    // A swapped pair is two edits, over CPython's limit for a four-letter name: the namespaces are listed.
    [['uuid', '-u', 'uuid5', '--namespace', '@dsn', '--name', 'x'], /unknown namespace '@dsn'\. Namespaces: @dns, @url, @oid, @x500/],
    [['uuid', '-u', 'uuid5', '--namespace', 'url', '--name', 'x'], /Did you mean '@url'\?/],
    [['uuid', '--cuont', '2'], /unknown option '--cuont'\. Did you mean '--count'\?/],
    [['uuid', '--namepsace', '@dns'], /Did you mean '--namespace'\?/],
    [['uuid', '-u', 'uuid3'], /uuid3 requires both --namespace NS and --name NAME/],
    [['uuid', '-u', 'uuid4', '--name', 'x'], /only apply to uuid3 and uuid5/],
    [['uuid', '-n', '0'], /--count must be a positive integer, got '0'/],
    [['uuid', '-n', 'many'], /--count must be a positive integer, got 'many'/],
    [['uuuid'], /unknown command 'uuuid'\. Did you mean 'uuid'\?/],
  ];
  for (const [args, expected] of cases) {
    const { code, stderr } = await runCli(args);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, expected, args.join(' '));
  }
});

test('the built package exports ts314/uuid', async () => {
  const mod = (await import('ts314/uuid' as string)) as typeof import('../../src/uuid/index.js');
  assert.equal(mod.uuid5(mod.NAMESPACE_DNS, 'python.org').toString(), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
  assert.equal(mod.uuid7().version, 7);
});

test('a large count streams out: 50,000 uuid7s, all distinct and in order', async () => {
  const { code, stdout } = await runCli(['uuid', '-u', 'uuid7', '-n', '50000']);
  assert.equal(code, 0);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, 50_000);
  for (let i = 1; i < lines.length; i++) if (!(lines[i]! > lines[i - 1]!)) assert.fail(`line ${i} not increasing`);
});
