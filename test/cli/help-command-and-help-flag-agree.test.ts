// `ts314 help <command>` and `ts314 <command> --help` print the same text, for every command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/package.js';

const COMMANDS = ['info', 'uuid', 'gc', 'bench', 'compare'];

test('the top-level help lists every command and how to get its help', async () => {
  const { code, stdout } = await runCli(['help']);
  assert.equal(code, 0);
  for (const command of COMMANDS) assert.match(stdout, new RegExp(`^ {2}${command} +\\S`, 'm'));
  assert.match(stdout, /ts314 help <command>/);
});

for (const command of COMMANDS) {
  test(`ts314 help ${command} prints what ts314 ${command} --help prints, its own usage, within 100 columns`, async () => {
    const [viaHelp, viaFlag, viaShort] = await Promise.all([
      runCli(['help', command]),
      runCli([command, '--help']),
      runCli([command, '-h']),
    ]);
    assert.equal(viaHelp.code, 0, viaHelp.stderr);
    assert.equal(viaFlag.code, 0, viaFlag.stderr);
    assert.match(viaHelp.stdout, new RegExp(`^usage: ts314 ${command}\\b`));
    assert.equal(viaHelp.stdout, viaFlag.stdout);
    assert.equal(viaShort.stdout, viaFlag.stdout);
    for (const line of viaHelp.stdout.split('\n')) assert.ok([...line].length <= 100, `${[...line].length} columns: ${line}`);
  });
}

test('ts314 help with an unknown command suggests the one meant and exits 2', async () => {
  const { code, stderr } = await runCli(['help', 'bnech']);
  assert.equal(code, 2);
  assert.match(stderr, /unknown command 'bnech'\. Did you mean 'bench'\?/);
});
