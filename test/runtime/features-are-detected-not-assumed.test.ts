import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { Worker } from 'node:worker_threads';
import { features, runtimeInfo } from '../../src/runtime/index.js';

test('runtimeInfo reports this process', () => {
  const info = runtimeInfo();
  assert.equal(info.runtime, 'node');
  assert.equal(info.version, process.versions.node);
  assert.equal(info.v8, process.versions.v8);
  assert.ok(info.availableParallelism >= 1 && info.availableParallelism <= info.cpuCount);
  assert.ok(info.memory.totalBytes > info.memory.freeBytes);
});

test('every feature carries a fallback note', () => {
  for (const feature of Object.values(features())) {
    assert.equal(typeof feature.available, 'boolean', feature.name);
    assert.ok(feature.fallback.length > 10, `${feature.name} needs a fallback note`);
  }
});

test('nativeZstd agrees with what node:zlib can actually do', () => {
  const hasZstd = features().nativeZstd.available;
  const z = zlib as unknown as { zstdCompressSync?: (b: Buffer) => Buffer; zstdDecompressSync?: (b: Buffer) => Buffer };
  if (hasZstd) {
    const roundTrip = z.zstdDecompressSync!(z.zstdCompressSync!(Buffer.from('ts314')));
    assert.equal(roundTrip.toString(), 'ts314');
  } else {
    assert.equal(z.zstdCompressSync, undefined);
  }
});

test('sharedArrayBuffer and atomicsWait really work across a worker', async () => {
  assert.equal(features().sharedArrayBuffer.available, true);
  const shared = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const view = new Int32Array(workerData);
     Atomics.store(view, 0, 42); Atomics.notify(view, 0);`,
    { eval: true, workerData: shared.buffer },
  );
  const outcome = Atomics.wait(shared, 0, 0, 10_000);
  assert.notEqual(outcome, 'timed-out');
  assert.equal(Atomics.load(shared, 0), 42);
  await new Promise((resolve) => worker.once('exit', resolve));
});
