import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runModuleScript } from '../helpers/package.js';

// Plain Node and the built package, so a .ts task module meets a process with no TypeScript loader.
const SCRIPT = `
import { InterpreterPoolExecutor, ProcessPoolExecutor, task } from 'ts314/futures';
import { create, ExecutionFailed } from 'ts314/interpreters';
const typed = task(new URL('./test/interpreters/fixtures/typed.ts', 'file://' + process.cwd() + '/'), 'triple');
const outcome = (promise) => promise.then((value) => value, (error) => error.name + ': ' + error.message);
const out = { typeStripping: typeof process.features.typescript === 'string' };
const threads = new InterpreterPoolExecutor({ maxWorkers: 1 });
out.thread = await outcome(threads.submit(typed, 11));
out.threadAfter = await threads.submit((x) => x + 1, 1);
await threads.shutdown();
const children = new ProcessPoolExecutor({ maxWorkers: 1 });
out.process = await outcome(children.submit(typed, 11));
await children.shutdown();
const interp = create();
out.interpreter = await interp.call(typed, 11).catch((error) => error instanceof ExecutionFailed ? error.cause.name + ': ' + error.cause.message : String(error));
await interp.close();
console.log(JSON.stringify(out));
`;

test('a pool task whose .ts module cannot load gets the explanation interpreters give, not a bare ERR_UNKNOWN_FILE_EXTENSION', async () => {
  const out = JSON.parse(await runModuleScript(SCRIPT)) as Record<string, unknown>;
  if (out.typeStripping) {
    // This Node strips types itself: the module loads everywhere.
    assert.deepEqual([out.thread, out.process, out.interpreter], [33, 33, 33]);
    return;
  }
  const explained = (where: string): RegExp =>
    new RegExp(
      `^TypeError: cannot load the TypeScript module file:.*typed\\.ts in ${where}: this process has no TypeScript loader\\. Run it with tsx`,
    );
  assert.match(String(out.thread), explained('InterpreterPoolExecutor worker \\d+'));
  assert.match(String(out.process), explained('ProcessPoolExecutor worker \\d+'));
  assert.match(String(out.interpreter), explained('Interpreter\\(\\d+\\)'));
  // One explanation: the same words after the worker's name.
  const advice = (message: unknown): string => String(message).replace(/ in [^:]+:/, ' in <worker>:');
  assert.equal(advice(out.thread), advice(out.interpreter));
  assert.equal(advice(out.process), advice(out.interpreter));
  // Only that task failed: the worker goes on running others.
  assert.equal(out.threadAfter, 2);
});
