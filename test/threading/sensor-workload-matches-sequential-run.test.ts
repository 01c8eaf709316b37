import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InterpreterPoolExecutor, task } from '../../src/futures/index.js';
import { SharedArray, parallelFor } from '../../src/threading/index.js';
import { FftPlan, RESULT, RESULT_WIDTH, analyzeSensorRange, fillSensorData, zoneAggregate } from '../../src/bench/workloads/sensors.js';

function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < n; j++) {
      const angle = (-2 * Math.PI * ((j * k) % n)) / n;
      a += re[j]! * Math.cos(angle) - im[j]! * Math.sin(angle);
      b += re[j]! * Math.sin(angle) + im[j]! * Math.cos(angle);
    }
    outRe[k] = a;
    outIm[k] = b;
  }
  return [outRe, outIm];
}

test('the mixed-radix FFT agrees with a naive DFT for powers of two, 2000 = 4·4·5·5·5 and awkward primes', () => {
  let seed = 1;
  const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  for (const n of [1, 2, 3, 4, 5, 8, 12, 25, 30, 64, 97, 100, 2000, 2 * 3 * 7 * 11]) {
    const re = Float64Array.from({ length: n }, random);
    const im = Float64Array.from({ length: n }, random);
    const outRe = new Float64Array(n);
    const outIm = new Float64Array(n);
    new FftPlan(n).transform(re, im, outRe, outIm);
    const [wantRe, wantIm] = naiveDft(re, im);
    for (let k = 0; k < n; k++) {
      assert.ok(Math.abs(outRe[k]! - wantRe[k]!) < 1e-9 * n && Math.abs(outIm[k]! - wantIm[k]!) < 1e-9 * n, `n=${n} bin ${k}`);
    }
  }
  // A pure tone lands in its bin: the seed's argmax(|fft[1:n/2]|) is bin - 1.
  const n = 2000;
  const tone = Float64Array.from({ length: n }, (_, j) => 20 + Math.sin((2 * Math.PI * 37 * j) / n));
  const temp = SharedArray.from(tone);
  const results = new Float64Array(RESULT_WIDTH);
  analyzeSensorRange(0, 1, temp, SharedArray.from(tone), results, n);
  assert.equal(results[RESULT.dominantFreq], 36);
  assert.ok(Math.abs(results[RESULT.correlation]! - 1) < 1e-12, 'a series correlates with itself');
});

test('80 sensors analyzed by parallelFor on 2 real workers are bit-identical to the sequential run', async () => {
  const sensors = 80;
  const readings = 2000;
  const temperature = SharedArray.create('float64', sensors * readings);
  const humidity = SharedArray.create('float64', sensors * readings);
  fillSensorData({ temperature, humidity }, sensors, readings);
  const sequential = new Float64Array(sensors * RESULT_WIDTH);
  analyzeSensorRange(0, sensors, temperature, humidity, sequential, readings);

  const shared = SharedArray.create('float64', sensors * RESULT_WIDTH);
  shared.view.fill(Number.NaN);
  await using pool = new InterpreterPoolExecutor({ maxWorkers: 2 });
  const kernel = task<typeof analyzeSensorRange>(new URL('../../src/bench/workloads/sensors.ts', import.meta.url), 'analyzeSensorRange');
  const done = await parallelFor(sensors, kernel, { executor: pool, chunks: 4, args: [temperature, humidity, shared, readings] });
  assert.deepEqual(done, [20, 20, 20, 20]);
  for (let i = 0; i < sequential.length; i++)
    assert.ok(Object.is(shared.view[i], sequential[i]), `result ${i}: ${shared.view[i]} vs ${sequential[i]}`);

  // Plausible figures, as in the seed: mean near 20 + i % 50, about 1.2% anomalies, no correlation.
  for (let i = 0; i < sensors; i++) {
    const row = i * RESULT_WIDTH;
    assert.ok(Math.abs(shared.view[row + RESULT.avgTemp]! - (20 + (i % 50))) < 0.5);
    assert.ok(Math.abs(shared.view[row + RESULT.correlation]!) < 0.15);
    assert.equal(shared.view[row + RESULT.processedPoints], 1951 + 2000);
  }
  const zones = zoneAggregate(shared, sensors);
  assert.deepEqual(
    zones.map((z) => [z.zone, z.sensors]),
    [['Zone_0', 80]],
  );
  assert.ok(zones[0]!.totalAnomalies > 80 * 2000 * 0.005 && zones[0]!.totalAnomalies < 80 * 2000 * 0.025);
});

test('the generated data is deterministic: same seed, same bits; another seed, other data', () => {
  const make = (seed: number): Float64Array => {
    const t = new Float64Array(3 * 100);
    fillSensorData({ temperature: t, humidity: new Float64Array(300) }, 3, 100, seed);
    return t;
  };
  assert.deepEqual(make(42), make(42));
  assert.notDeepEqual(make(42), make(43));
});
