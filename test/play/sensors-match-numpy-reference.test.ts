// The sensors analysis against the notebook's NumPy code: anomalies and dominant frequency exactly, correlation to 1e-12.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSensors, COLUMN, RESULT_WIDTH } from '../../src/play/kernels/sensors.js';
import { sensorData, zoneTable } from '../../src/play/index.js';
import { reference } from './fixtures.js';

for (const c of reference.sensors) {
  test(`seed ${c.seed}, ${c.sensors} sensors × ${c.readings} readings match NumPy`, () => {
    const { temperature, humidity } = sensorData(c.seed, c.sensors, c.readings);
    const out = new Float64Array(c.sensors * RESULT_WIDTH);
    analyzeSensors(0, c.sensors, temperature, humidity, out, c.readings);
    const col = (k: number) => Array.from({ length: c.sensors }, (_, i) => out[i * RESULT_WIDTH + k]!);
    assert.deepEqual(col(COLUMN.anomalies), c.anomalies);
    assert.deepEqual(col(COLUMN.dominantFreq), c.dominantFreq);
    assert.deepEqual(col(COLUMN.avgTemp), c.avgTemp, 'means: numpy pairwise summation, bit for bit');
    for (const [i, r] of col(COLUMN.correlation).entries()) {
      assert.ok(Math.abs(r - c.correlation[i]!) <= 1e-12, `sensor ${i}: ${r} vs ${c.correlation[i]}`);
    }
    const lines = zoneTable(out, c.sensors).map(
      (z) => `${z.zone}: ${z.sensors} sensors, ${z.avgTemp.toFixed(1)}°C avg, ${z.anomalies} anomalies`,
    );
    assert.deepEqual(lines, c.zoneLines);
  });
}

test("seed 42 reproduces the notebook's printed zone table", () => {
  const c = reference.sensors.find((s) => s.seed === 42 && s.sensors === 800)!;
  const printed = [2524, 2506, 2465, 2469, 2483, 2532, 2482, 2491].map((a, z) => `Zone_${z}: 100 sensors, 44.5°C avg, ${a} anomalies`);
  assert.deepEqual(c.zoneLines, printed, 'the fixture is the notebook');
  const { temperature, humidity } = sensorData(42);
  const out = new Float64Array(800 * RESULT_WIDTH);
  analyzeSensors(0, 800, temperature, humidity, out, 2000);
  assert.deepEqual(
    zoneTable(out, 800).map((z) => `${z.zone}: ${z.sensors} sensors, ${z.avgTemp.toFixed(1)}°C avg, ${z.anomalies} anomalies`),
    printed,
  );
});
