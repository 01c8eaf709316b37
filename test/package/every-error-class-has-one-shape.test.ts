import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packageJson } from '../helpers/package.js';

// Every error class every public module exports, loaded from the built package as users get it: one
// constructor shape, one code style, and intact across the interpreter and process boundaries.

const CODE_STYLE = /^ERR_[A-Z0-9]+(?:_[A-Z0-9]+)*$/;
const fixture = new URL('./fixtures/throw-error.mjs', import.meta.url);

type Thrower = (subpath: string, exportName: string, message: string) => Promise<never>;

type ErrorClass = (new (message: string, options?: { cause?: unknown }) => Error & { code?: unknown }) & { code?: unknown };

interface Found {
  readonly subpath: string;
  readonly exportName: string;
  readonly Class: ErrorClass;
}

async function exportedErrorClasses(): Promise<Found[]> {
  const found: Found[] = [];
  for (const key of Object.keys(packageJson().exports)) {
    if (key === './package.json' || key === '.') continue;
    const subpath = key.slice(2);
    const mod = (await import(`ts314/${subpath}`)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      if (typeof value === 'function' && value.prototype instanceof Error) found.push({ subpath, exportName, Class: value as ErrorClass });
    }
  }
  return found;
}

/** Own enumerable fields other than name and code: what the class adds. */
function fieldsOf(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(error))
    if (key !== 'name' && key !== 'code') fields[key] = (error as unknown as Record<string, unknown>)[key];
  return fields;
}

const classes = await exportedErrorClasses();

test('the public modules export their error classes (the walk found them)', () => {
  const names = new Set(classes.map((c) => c.exportName));
  for (const expected of [
    'ThreadingError',
    'SharedQueueEmpty',
    'InterpreterError',
    'QueueFull',
    'BrokenExecutor',
    'CompressionError',
    'ZstdError',
    'BadGzipFile',
    'UUIDError',
    'HtmlContextError',
    'BenchSchemaError',
    'InvalidArgumentError',
    'InvalidValueError',
  ]) {
    assert.ok(names.has(expected), `${expected} was not found among the exports`);
  }
});

test('every exported error class takes (message, { code, cause, ...fields }) and has an ERR_* code', () => {
  for (const { subpath, exportName, Class } of classes) {
    const where = `ts314/${subpath} ${exportName}`;
    const cause = new Error('the root cause');
    const error = new Class('something failed', { cause });
    assert.ok(error instanceof Error, where);
    assert.equal(error.name, Class.name, `${where}: name`);
    assert.match(error.message, /something failed/, `${where}: message`);
    assert.equal(error.cause, cause, `${where}: cause`);
    assert.match(String(error.code), CODE_STYLE, `${where}: code ${String(error.code)}`);
    assert.match(String(Class.code), CODE_STYLE, `${where}: static code ${String(Class.code)}`);
    assert.equal(error.code, Class.code, `${where}: without a code in the options, the class's default`);
    const plain = new Class('no options');
    assert.equal(plain.cause, undefined, `${where}: no cause unless given`);
    assert.match(String(plain.code), CODE_STYLE, where);
  }
});

test('every threading error is a ThreadingError and every codec error a CompressionError', () => {
  const threading = classes.filter((c) => c.subpath === 'threading');
  const base = threading.find((c) => c.exportName === 'ThreadingError')!.Class;
  for (const { exportName, Class } of threading) assert.ok(new Class('x') instanceof base, `${exportName} extends ThreadingError`);
  // The two bad-argument classes are shared by every module (a TypeError and a RangeError), not codec failures.
  const shared = ['InvalidArgumentError', 'InvalidValueError'];
  const compression = classes.filter((c) => c.subpath.startsWith('compression') && !shared.includes(c.exportName));
  const codecBase = classes.find((c) => c.subpath === 'compression' && c.exportName === 'CompressionError')!.Class;
  for (const { subpath, exportName, Class } of compression)
    assert.ok(new Class('x') instanceof codecBase, `ts314/${subpath} ${exportName} extends CompressionError`);
});

function assertIntact(original: Error & { code?: unknown }, received: Error & { code?: unknown }, where: string): void {
  assert.equal(received.name, original.name, `${where}: name`);
  assert.equal(received.message, original.message, `${where}: message`);
  assert.equal(received.code, original.code, `${where}: code`);
  assert.match(received.stack ?? '', /throw-error\.mjs/, `${where}: the remote stack`);
  assert.equal((received.cause as Error | undefined)?.message, 'the root cause', `${where}: cause`);
  const fields = fieldsOf(original);
  for (const [key, value] of Object.entries(fields)) {
    assert.deepEqual((received as unknown as Record<string, unknown>)[key], value, `${where}: field ${key}`);
  }
}

/**
 * Throws every class on the far side of a boundary through `send` and compares what comes back with
 * the same error built here; `unwrap` picks the rebuilt error out of what `send` rejected with.
 */
async function crossEveryClass(
  send: (subpath: string, exportName: string, message: string) => PromiseLike<unknown>,
  unwrap: (error: Error) => Error,
  label: string,
): Promise<void> {
  for (const { subpath, exportName, Class } of classes) {
    const original = new Class('crossing over', { cause: new Error('the root cause') });
    const error = await Promise.resolve(send(subpath, exportName, 'crossing over')).then(
      () => assert.fail(`${exportName} was not thrown`),
      (e: unknown) => e as Error,
    );
    assertIntact(original, unwrap(error), `ts314/${subpath} ${exportName} (${label})`);
  }
}

test('every exported error class crosses the interpreter boundary intact (name, message, stack, code, cause, fields)', async () => {
  const { create, task } = await import('ts314/interpreters');
  await using interp = create();
  const thrower = task<Thrower>(fixture, 'throwError');
  // An interpreter wraps what was thrown in ExecutionFailed, with the rebuilt error as its cause.
  await crossEveryClass(
    (...args) => interp.call(thrower, ...args),
    (error) => {
      assert.equal(error.name, 'ExecutionFailed');
      return error.cause as Error;
    },
    'interpreter',
  );
});

test('every exported error class crosses the process boundary intact', async () => {
  const { ProcessPoolExecutor, task } = await import('ts314/futures');
  await using pool = new ProcessPoolExecutor({ maxWorkers: 1 });
  const thrower = task<Thrower>(fixture, 'throwError');
  // A process pool rejects with the rebuilt error itself.
  await crossEveryClass(
    (...args) => pool.submit(thrower, ...args),
    (error) => error,
    'process',
  );
});
