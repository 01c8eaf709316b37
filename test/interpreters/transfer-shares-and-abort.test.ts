import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { create, InterpreterNotFoundError, InterpreterStoppedError } from '../../src/interpreters/index.js';

test('callWith({ transfer }) moves an ArrayBuffer: it is detached here and intact there', async () => {
  await using interp = create();
  const bytes = new Uint8Array(1 << 20).fill(7);
  const sum = await interp.callWith({ transfer: [bytes.buffer] }, (b: Uint8Array) => b.reduce((s, x) => s + x, 0), bytes);
  assert.equal(sum, 7 << 20);
  assert.equal(bytes.buffer.byteLength, 0, 'the sender buffer is detached');
  await assert.rejects(
    interp.callWith({ transfer: [bytes.buffer] }, (b: Uint8Array) => b.length, bytes),
    (error: Error) => {
      assert.equal(error.name, 'NotShareableError');
      assert.match(error.message, /^transfer\[0\] is not shareable: the ArrayBuffer is detached \(already transferred elsewhere\)/);
      return true;
    },
  );
  assert.equal(interp.isRunning(), false, 'nothing was left in flight');
});

test('callWith({ transfer }) moves a MessagePort: the interpreter answers on it', async () => {
  await using interp = create();
  const { port1, port2 } = new MessageChannel();
  try {
    const answer = new Promise((resolve) => port1.once('message', resolve));
    await interp.callWith(
      { transfer: [port2] },
      (port: MessagePort) => {
        port.postMessage('pong from the interpreter');
        port.close();
      },
      port2,
    );
    assert.equal(await answer, 'pong from the interpreter');
  } finally {
    port1.close();
  }
});

test('without transfer, an ArrayBuffer is copied and the sender keeps it', async () => {
  await using interp = create();
  const bytes = new Uint8Array([1, 2, 3]);
  await interp.call((b: Uint8Array) => {
    b[0] = 99;
  }, bytes);
  assert.deepEqual([...bytes], [1, 2, 3]);
});

test('a SharedArrayBuffer is shared, not copied: writes in the interpreter are seen here', async () => {
  await using interp = create();
  const shared = new Int32Array(new SharedArrayBuffer(16));
  await interp.call((view: Int32Array) => {
    Atomics.store(view, 2, 1234);
  }, shared);
  assert.equal(Atomics.load(shared, 2), 1234);
});

test('callWith() refuses bad transfer lists and unknown options', async () => {
  await using interp = create();
  await assert.rejects(
    interp.callWith({ transfer: [new SharedArrayBuffer(8) as never] }, () => 1),
    /transfer\[0\] is a SharedArrayBuffer; it is shared/,
  );
  await assert.rejects(
    interp.callWith({ transfer: [new Uint8Array(2) as never] }, () => 1),
    /transfer\[0\] must be an ArrayBuffer or MessagePort, got Uint8Array \(for a Uint8Array, transfer its \.buffer\)/,
  );
  await assert.rejects(
    interp.callWith({ tranfser: [] } as never, () => 1),
    /unknown option 'tranfser'\. Did you mean 'transfer'\?/,
  );
});

test('an already-aborted signal rejects without sending anything', async () => {
  await using interp = create();
  await interp.exec('globalThis.ran = false');
  const controller = new AbortController();
  controller.abort(new Error('not needed'));
  await assert.rejects(
    interp.callWith({ signal: controller.signal }, () => {
      (globalThis as Record<string, unknown>).ran = true;
    }),
    /not needed/,
  );
  assert.equal(await interp.call(() => (globalThis as Record<string, unknown>).ran), false);
});

test('aborting a running call interrupts it, rejects with the reason and stops the interpreter', async () => {
  const interp = create();
  const controller = new AbortController();
  const spinning = interp.callWith({ signal: controller.signal }, () => {
    for (;;);
  });
  const other = interp.call(() => new Promise(() => undefined));
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(spinning, { name: 'AbortError' });
  await assert.rejects(
    other,
    (error: Error) =>
      error instanceof InterpreterStoppedError &&
      error.code === 'ERR_INTERPRETER_ABORTED' &&
      /a running anonymous function call was aborted/.test(error.message),
  );
  await assert.rejects(
    interp.call(() => 1),
    InterpreterNotFoundError,
  );
  await interp.close();
});
