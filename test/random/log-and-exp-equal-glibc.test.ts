import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exp } from '../../src/random/exp.js';
import { log } from '../../src/random/log.js';
import { RandomState } from '../../src/random/index.js';
import { loadFixture, sha256 } from './numpy-calls.js';

const { libm } = loadFixture();

/** The inputs scripts/fixtures/random-numpy.py's libm_inputs builds: uniforms, 1 - u, near 1, any positive double, u**2 * 2. */
function inputs(): { logs: Float64Array; exps: Float64Array } {
  const rs = new RandomState(libm.seed);
  const n = libm.count;
  const u = rs.random(n);
  const high = rs.randint(0, 2 ** 32, n);
  const low = rs.randint(0, 2 ** 32, n);
  const logs = new Float64Array(n);
  const exps = new Float64Array(n);
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < n; i++) {
    const ui = u[i]!;
    let x: number;
    switch (i % 5) {
      case 0:
        x = ui;
        break;
      case 1:
        x = 1.0 - ui;
        break;
      case 2:
        x = 0.9 + 0.2 * ui;
        break;
      case 3:
        view.setUint32(0, high[i]! & 0x7fefffff);
        view.setUint32(4, low[i]!);
        x = view.getFloat64(0);
        break;
      default:
        x = ui * ui * 2.0;
    }
    logs[i] = x || 1.0;
    exps[i] = i % 2 ? (ui - 0.5) * 1500.0 : (ui - 0.5) * 16.0 + 3.0;
  }
  return { logs, exps };
}

const { logs, exps } = inputs();

test(`log equals glibc's on ${libm.count} inputs across the whole positive range`, () => {
  assert.equal(sha256(logs.map(log)), libm.log_sha256);
});

test(`exp equals glibc's on ${libm.count} inputs, overflow and subnormal results included`, () => {
  assert.equal(sha256(exps.map(exp)), libm.exp_sha256);
});

test('log and exp keep IEEE special values', () => {
  assert.equal(log(0), -Infinity);
  assert.equal(log(-0), -Infinity);
  assert.ok(Number.isNaN(log(-1)));
  assert.ok(Number.isNaN(log(Number.NaN)));
  assert.equal(log(Infinity), Infinity);
  assert.equal(log(1), 0);
  assert.equal(exp(-Infinity), 0);
  assert.equal(exp(Infinity), Infinity);
  assert.ok(Number.isNaN(exp(Number.NaN)));
  assert.equal(exp(0), 1);
  assert.equal(exp(1000), Infinity);
  assert.equal(exp(-1000), 0);
});
