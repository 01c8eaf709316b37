import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threadId } from 'node:worker_threads';
import { create, ExecutionFailed, task } from '../../src/interpreters/index.js';
import type * as Work from './fixtures/work.js';

const workTs = new URL('./fixtures/work.ts', import.meta.url);
const greetJs = new URL('./fixtures/greet.js', import.meta.url);

function square(n: number): number {
  return n * n;
}

test('call() runs a self-contained function in the interpreter, as in the seed: call(square, 5) is 25', async () => {
  await using interp = create();
  assert.equal(await interp.call(square, 5), 25);
  assert.equal(await interp.call((a: number, b: number) => a + b, 2, 3), 5);
  const obj = {
    triple(x: number) {
      return 3 * x;
    },
  };
  assert.equal(await interp.call(obj.triple, 4), 12);
  assert.notEqual(await interp.call(() => import('node:worker_threads').then((m) => m.threadId)), threadId);
});

test('call() awaits async functions and returns rich data intact', async () => {
  await using interp = create();
  const result = await interp.call(async (n: number) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { n, big: 10n ** 30n, when: new Date(0), map: new Map([[1, 'a']]), bytes: new Uint8Array([1, 2]) };
  }, 7);
  assert.deepEqual(result, { n: 7, big: 10n ** 30n, when: new Date(0), map: new Map([[1, 'a']]), bytes: new Uint8Array([1, 2]) });
});

test('call() runs an export of a TypeScript module that has its own imports', async () => {
  await using interp = create();
  const crunch = task<typeof Work.crunch>(workTs, 'crunch');
  const result = await interp.call(crunch, 100);
  assert.equal(result.digits, 158);
  assert.equal(result.thread, interp.id);
  assert.equal(await interp.call(task<typeof Work.slowDouble>(workTs, 'slowDouble'), 21, 10), 42);
});

test('call() runs an export of a JavaScript module', async () => {
  await using interp = create();
  assert.equal(await interp.call(task<(name: string) => string>(greetJs, 'greet'), 'ts314'), 'hello, ts314');
});

test('a missing export fails with ExecutionFailed that suggests the right name', async () => {
  await using interp = create();
  const error = await interp.call(task(workTs, 'crunsh')).catch((e: unknown) => e);
  assert.ok(error instanceof ExecutionFailed);
  assert.match(error.excinfo.msg, /has no export named 'crunsh'\. Did you mean 'crunch'\?/);
  await assert.rejects(interp.call(task(workTs, 'notAFunction')), /export 'notAFunction' of .* is number 42, not a function/);
});

test('a function that uses an outer variable fails with an error saying why and how to fix it', async () => {
  await using interp = create();
  const factor = 3;
  const scale = (x: number) => x * factor;
  const error = await interp.call(scale, 2).catch((e: unknown) => e);
  assert.ok(error instanceof ExecutionFailed);
  assert.equal(error.excinfo.type, 'ReferenceError');
  assert.match(error.excinfo.msg, /'factor' is not defined in the interpreter: scale was sent by source and must be self-contained/);
  assert.match(error.excinfo.msg, /Pass it as an argument \(call\(fn, factor\)\)/);
  assert.match(error.excinfo.msg, /task\(new URL\('\.\/module\.js', import\.meta\.url\), 'scale'\)/);
  assert.equal(((error.cause as Error).cause as Error).message, 'factor is not defined');
  const asyncScale = async (x: number) => x * factor;
  await assert.rejects(interp.call(asyncScale, 2), /'factor' is not defined in the interpreter: asyncScale/);
});

test('call() rejects what cannot be called, naming it', async () => {
  await using interp = create();
  await assert.rejects(interp.call(42 as unknown as () => void), /expected a function or task\(url, exportName\), got number 42/);
  await assert.rejects(interp.call(Math.max), /max is a native or bound function/);
  await assert.rejects(interp.call(class Foo {} as unknown as () => void), /Foo is a class/);
  assert.throws(() => task('./relative.js', 'x'), /module must be a URL or an absolute path/);
});

test('a result that cannot be sent back rejects with NotShareableError naming its path', async () => {
  await using interp = create();
  await assert.rejects(
    interp.call(() => ({ ok: 1, onDone: () => 2 })),
    (error: Error & { path?: string }) => {
      assert.equal(error.name, 'NotShareableError');
      assert.equal(error.path, 'result.onDone');
      assert.match(
        error.message,
        /^result\.onDone is not shareable: the result cannot be sent back from Interpreter\(\d+\): functions cannot be sent as data/,
      );
      return true;
    },
  );
  assert.equal(await interp.call(() => 'still alive'), 'still alive');
});

test('many concurrent calls on one interpreter each get their own result', async () => {
  await using interp = create();
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => interp.call(async (x: number) => x * 2, i)));
  assert.deepEqual(
    results,
    Array.from({ length: 200 }, (_, i) => i * 2),
  );
});
