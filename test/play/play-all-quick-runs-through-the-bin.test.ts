// `ts314 play --all --quick` through the built bin: every demo runs, its JSON validates and its numbers match the NumPy fixtures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validatePlayRun, type DemoResult } from '../../src/play/index.js';
import { requireBuild, runCli } from '../helpers/package.js';
import { tempDir } from '../helpers/temp-dir.js';
import { reference } from './fixtures.js';

function resultOf<N extends DemoResult['demo']>(results: readonly DemoResult[], name: N): Extract<DemoResult, { demo: N }> {
  const found = results.find((r) => r.demo === name);
  assert.ok(found, `${name} ran`);
  return found as Extract<DemoResult, { demo: N }>;
}

test('ts314 play --all --quick --json prints a valid run whose figures match the reference', { timeout: 300_000 }, async () => {
  requireBuild();
  using dir = tempDir('play-cli');
  const html = join(dir.path, 'play.html');
  const started = performance.now();
  const cli = await runCli(['play', '--all', '--quick', '--json', '--html', html], { env: { CI: '1' }, timeoutMs: 280_000 });
  const seconds = (performance.now() - started) / 1000;
  assert.equal(cli.code, 0, `${cli.stdout.slice(-2000)}\n${cli.stderr}`);
  assert.equal(cli.stderr, '', 'quiet on CI');
  const run = validatePlayRun(JSON.parse(cli.stdout));
  console.log(
    `ts314 play --all --quick took ${seconds.toFixed(1)} s (${run.demos.map((d) => `${d.name} ${(d.durationMs / 1000).toFixed(1)} s`).join(', ')})`,
  );
  assert.deepEqual(
    run.demos.map((d) => d.name),
    ['tstrings', 'pi-zstd', 'indicators', 'sensors', 'gc', 'factorial', 'hybrid', 'features'],
  );
  const results = run.demos.map((d) => d.result);

  const sensors = resultOf(results, 'sensors');
  const sensorRef = reference.sensors.find((s) => s.seed === 42 && s.sensors === 800)!;
  assert.deepEqual(
    sensors.zones.map((z) => `${z.zone}: ${z.sensors} sensors, ${z.avgTemp.toFixed(1)}°C avg, ${z.anomalies} anomalies`),
    sensorRef.zoneLines,
  );
  assert.deepEqual(sensors.table.anomalies, sensorRef.anomalies);
  assert.deepEqual(sensors.table.dominantFreq, sensorRef.dominantFreq);
  assert.ok(sensors.rows.length === 2 && sensors.rows.every((r) => r.identical), JSON.stringify(sensors.rows));

  const pi = resultOf(results, 'pi-zstd');
  const piRef = reference.pi.find((p) => p.seed === 42)!;
  assert.deepEqual(
    pi.estimates.map(({ samples, inside, pi: value }) => ({ samples, inside, pi: value })),
    piRef.estimates,
  );
  assert.ok(pi.compression.dataIntact && pi.compression.resultsIntact);

  const indicators = resultOf(results, 'indicators');
  assert.ok(indicators.runs.length === 2 && indicators.runs.every((r) => r.identical), JSON.stringify(indicators.runs));
  assert.ok(
    indicators.notebookChunkingErrors.sma_20 > 0 && indicators.notebookChunkingErrors.volume_rank > 0,
    'the notebook chunking is shown wrong',
  );

  assert.equal(resultOf(results, 'tstrings').hostile.idSurvived, true);
  const gc = resultOf(results, 'gc');
  assert.equal(gc.batches.length, 6);
  assert.ok(gc.pauses.count >= 6, 'at least the six explicit collections are reported');
  assert.ok(resultOf(results, 'factorial').identical);
  assert.equal(resultOf(results, 'hybrid').rows.length, 4);
  assert.ok(
    resultOf(results, 'features').degradations.every((d) => d.chosen === d.chain[0]),
    'this runtime has every first choice',
  );
  assert.match(readFileSync(html, 'utf8'), /^<!doctype html>/);
});

test('ts314 play lists the demos and suggests the demo that was meant', async () => {
  requireBuild();
  const list = await runCli(['play']);
  assert.equal(list.code, 0, list.stderr);
  for (const name of ['tstrings', 'pi-zstd', 'indicators', 'sensors', 'gc', 'factorial', 'hybrid', 'features'])
    assert.match(list.stdout, new RegExp(`^  ${name} `, 'm'));
  assert.ok(
    list.stdout.split('\n').every((line) => line.length <= 100),
    'fits 100 columns',
  );
  const typo = await runCli(['play', 'sensor']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /unknown demo 'sensor'\. Did you mean 'sensors'\?/);
  const flag = await runCli(['play', 'gc', '--quik']);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /Did you mean '--quick'\?/);
  const workers = await runCli(['play', 'sensors', '--workers', '2,x']);
  assert.equal(workers.code, 2);
  assert.match(workers.stderr, /--workers .* 'x' is not one/);
});
