// shell(): an argv array for execFile — checked by running a real child process that echoes its arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { shell, t, ShellTemplateError } from '../../src/templatelib/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const ECHO_ARGS = 'process.stdout.write(JSON.stringify(process.argv.slice(1)))';

function run(argv: string[]): string[] {
  return JSON.parse(execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8' })) as string[];
}

test('each interpolation stays exactly one argument when executed', () => {
  using dir = tempDir('shell');
  const canary = dir.join('pwned');
  const payloads = [
    `; touch ${canary}`,
    `$(touch ${canary})`,
    `\`touch ${canary}\``,
    `a b  c`,
    `"quoted" 'single'`,
    `| touch ${canary}`,
    `&& touch ${canary}`,
    '',
    '\n',
    '*',
    '~',
    '$HOME',
    '--help',
  ];
  for (const p of payloads) {
    const argv = shell(t`${process.execPath} -e ${ECHO_ARGS} -- ${p} x${p}y`);
    assert.deepEqual(run(argv), [p, `x${p}y`], JSON.stringify(p));
  }
  assert.equal(existsSync(canary), false, 'no payload ran a command');
});

test('static text splits on whitespace and honours quotes; arrays are several arguments', () => {
  // The static text is the cooked template text: `\\` in the literal is the one backslash shell() sees.
  const files = ['a b.txt', "it's.txt"];
  const argv = shell(t`${process.execPath} -e ${ECHO_ARGS} 'one two' "say \\"hi\\"" back\\ slash ${files} "pre ${'mid'} post" --n=${42}`);
  assert.deepEqual(run(argv), ['one two', 'say "hi"', 'back slash', 'a b.txt', "it's.txt", 'pre mid post', '--n=42']);
  assert.deepEqual(shell`git log`, ['git', 'log']);
  assert.deepEqual(shell(t`cmd ${t`-a ${'x y'}`} z`), ['cmd', '-a', 'x y', 'z']);
});

const REFUSALS: [string, () => unknown, RegExp][] = [
  ['a pipe', () => shell(t`ls | grep ${'x'}`), /unquoted "\|" in the static text: shell\(\) runs no shell/],
  ['a redirect', () => shell(t`echo ${'x'} > out`), /unquoted ">"/],
  ['a command substitution', () => shell(t`echo $(id)`), /unquoted "\$\("/],
  ['an array glued to text', () => shell(t`cmd --x=${['a', 'b']}`), /is a list of arguments glued to other text/],
  ['an array inside quotes', () => shell(t`cmd "${['a']}"`), /glued to other text or inside quotes/],
  ['null', () => shell(t`cmd ${null}`), /interpolation #0 is null; pass '' for an empty argument/],
  ['an object', () => shell(t`cmd ${{ a: 1 }}`), /is an object; pass a string, a number, or an array/],
  ['a NUL byte', () => shell(t`cmd ${'a\u0000b'}`), /contains a NUL character/],
  ['an unterminated quote', () => shell(t`cmd 'abc`), /unterminated ' quote/],
];

for (const [name, fn, message] of REFUSALS) {
  test(`refuses ${name}`, () => {
    assert.throws(fn, (e: unknown) => e instanceof ShellTemplateError && message.test(e.message));
  });
}
