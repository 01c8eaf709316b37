import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, InterpreterError, InterpreterNotFoundError, InterpreterStoppedError, listAll } from '../../src/interpreters/index.js';

test('process.exit() in the interpreter rejects in-flight work naming the exit code, and later calls say it is gone', async () => {
  const interp = create();
  const waiting = interp.call(() => new Promise(() => undefined));
  const exiting = interp.call(() => {
    process.exit(7);
  });
  for (const pending of [waiting, exiting]) {
    await assert.rejects(pending, (error: Error) => {
      assert.ok(error instanceof InterpreterStoppedError);
      assert.ok(error instanceof InterpreterError);
      assert.equal(error.code, 'ERR_INTERPRETER_DIED');
      assert.equal(error.exitCode, 7);
      assert.match(
        error.message,
        new RegExp(`^Interpreter\\(${interp.id}\\) stopped while running call\\(anonymous function\\): its worker exited with code 7`),
      );
      return true;
    });
  }
  await assert.rejects(
    interp.call(() => 1),
    (error: Error) =>
      error instanceof InterpreterNotFoundError &&
      /is gone: its worker exited with code 7.*Create a new one with create\(\)/.test(error.message),
  );
  await assert.rejects(interp.exec('1'), InterpreterNotFoundError);
  assert.equal(interp.isRunning(), false);
  assert.ok(!listAll().includes(interp));
  await interp.close();
});

test('an uncaught error in a timer kills the interpreter and its in-flight call names the error', async () => {
  const interp = create();
  const pending = interp.call(
    () =>
      new Promise(() => {
        setTimeout(() => {
          throw new RangeError('timer exploded');
        }, 10);
      }),
  );
  await assert.rejects(pending, (error: Error) => {
    assert.ok(error instanceof InterpreterStoppedError);
    assert.match(error.message, /its worker died from an uncaught RangeError: timer exploded \(exit code 1\)/);
    assert.equal((error.cause as Error).message, 'timer exploded');
    return true;
  });
  await interp.close();
});

test('running out of memory under resourceLimits is reported as such', async () => {
  const interp = create({ resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
  const pending = interp.call(() => {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(100_000).fill(1.5));
  });
  await assert.rejects(pending, (error: Error) => {
    assert.ok(error instanceof InterpreterStoppedError);
    assert.equal(error.code, 'ERR_INTERPRETER_DIED');
    assert.match(error.message, /its worker ran out of memory \(its resourceLimits were reached/);
    assert.equal((error.cause as { code?: string }).code, 'ERR_WORKER_OUT_OF_MEMORY');
    return true;
  });
  await interp.close();
});

test('close() rejects work in flight with ERR_INTERPRETER_CLOSED, and closing again is harmless', async () => {
  const interp = create();
  const running = interp.call(() => new Promise(() => undefined));
  const checked = assert.rejects(
    running,
    (error: Error) =>
      error instanceof InterpreterStoppedError &&
      error.code === 'ERR_INTERPRETER_CLOSED' &&
      /stopped while running call\(anonymous function\): close\(\) was called/.test(error.message),
  );
  await interp.close();
  await checked;
  await interp.close();
  await assert.rejects(
    interp.call(() => 1),
    /is gone: close\(\) was called/,
  );
});

test('await using closes the interpreter at the end of the block', async () => {
  let kept: ReturnType<typeof create> | undefined;
  {
    await using interp = create();
    kept = interp;
    assert.equal(await interp.call(() => 'inside'), 'inside');
  }
  await assert.rejects(
    kept.call(() => 1),
    InterpreterNotFoundError,
  );
  assert.ok(!listAll().includes(kept));
});

test('an idle interpreter that is never closed does not keep the process alive', async () => {
  const { spawn } = await import('node:child_process');
  const script = `
    import { create } from ${JSON.stringify(new URL('../../src/interpreters/index.ts', import.meta.url).href)};
    const interp = create();
    console.log(await interp.call((n) => n + 1, 41));
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill();
      resolve(null);
    }, 20_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  assert.equal(code, 0, 'the process exited on its own');
  assert.equal(out.trim(), '42');
});
