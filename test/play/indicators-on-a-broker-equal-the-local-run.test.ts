// `ts314 play indicators --connection`: the chunks run on ts314 worker processes through a real redis-server, and every number equals the local run's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validatePlayRun, type IndicatorsResult } from '../../src/play/index.js';
import { startWorkerProcess, stopWorker } from '../distributed/helpers.js';
import { requireBuild, runCli } from '../helpers/package.js';
import { processesMentioning } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp-dir.js';
import { freePort, startRedis, type TempRedis } from '../helpers/redis.js';

let redis: TempRedis;
before(async () => {
  requireBuild();
  redis = await startRedis();
});
after(() => redis?.stop());

async function indicatorsRun(args: string[]): Promise<IndicatorsResult> {
  const cli = await runCli(['play', 'indicators', '--quick', '--json', ...args], { env: { CI: '1' }, timeoutMs: 90_000 });
  assert.equal(cli.code, 0, `${cli.stdout.slice(-2000)}\n${cli.stderr}`);
  const run = validatePlayRun(JSON.parse(cli.stdout));
  return run.demos[0]!.result as IndicatorsResult;
}

/** The figures of a run that do not depend on where or how fast it ran. */
function numbers(r: IndicatorsResult) {
  return { rows: r.rows, features: r.features, sample: r.sample, notebookChunkingErrors: r.notebookChunkingErrors };
}

test('ts314 play indicators --connection starts two worker processes, equals the local run and stops them', {
  timeout: 120_000,
}, async () => {
  const queue = `play-${process.pid}`;
  const local = await indicatorsRun(['--workers', '1,2']);
  const remote = await indicatorsRun(['--workers', '1,2', '--connection', redis.url, '--queue', queue]);
  assert.deepEqual(numbers(remote), numbers(local));
  assert.equal(local.runs[1]!.executor, 'InterpreterPoolExecutor');
  const row = remote.runs[1]!;
  assert.equal(row.executor, 'DistributedExecutor');
  assert.equal(row.workers, 2);
  assert.equal(row.startedWorkers, 2);
  assert.equal(row.identical, true, 'the distributed features equal the sequential ones bit for bit');
  assert.equal(remote.broker, redis.url);
  assert.deepEqual(processesMentioning(`--queue ${queue}`), [], 'the worker processes it started are gone');
});

test('ts314 play indicators --workers 0 uses the workers already running on the queue', { timeout: 120_000 }, async () => {
  const queue = `play-external-${process.pid}`;
  const kernels = fileURLToPath(new URL('../../dist/play/kernels/indicators-rows.js', import.meta.url));
  const worker = await startWorkerProcess(['--connection', redis.url, '--queue', queue, '--module', kernels, '--interpreters', '1']);
  using dir = tempDir('play-external');
  const html = dir.join('play.html');
  try {
    const remote = await indicatorsRun(['--workers', '0', '--connection', redis.url, '--queue', queue, '--html', html]);
    const row = remote.runs[1]!;
    assert.equal(row.executor, 'DistributedExecutor');
    assert.equal(row.startedWorkers, 0);
    assert.equal(row.identical, true);
    // The page shows the demo's text: the row named for where it ran, equal to sequential.
    const page = readFileSync(html, 'utf8');
    assert.match(page, /4 chunks on running workers\s+[\d.]+ (ms|s)\s+[\d.]+×\s+\d+%\s+yes/);
    assert.match(page, /Parallel rows: DistributedExecutor on redis:\/\/127\.0\.0\.1:/);
    assert.equal(processesMentioning(`--queue ${queue}`).length, 1, 'only the test’s own worker listens on the queue');
  } finally {
    assert.equal(await stopWorker(worker), 0);
  }
  assert.match(worker.log(), /[1-9]\d* completed, 0 failed/, 'the running worker did the work');
});

test('ts314 play indicators --connection to a broker nobody answers fails with the typed error, exit 1', { timeout: 60_000 }, async () => {
  const port = await freePort();
  const cli = await runCli(['play', 'indicators', '--quick', '--connection', `redis://127.0.0.1:${port}`], {
    env: { CI: '1' },
    timeoutMs: 50_000,
  });
  assert.equal(cli.code, 1, cli.stderr);
  assert.match(
    cli.stderr,
    new RegExp(`ts314 play: indicators: DistributedExecutor: cannot reach the Redis broker at redis://127\\.0\\.0\\.1:${port}`),
  );
});

test('ts314 play rejects --workers 0 without a broker and --connection with other demos', async () => {
  const zero = await runCli(['play', 'indicators', '--workers', '0']);
  assert.equal(zero.code, 2);
  assert.match(zero.stderr, /--workers 0 means .* it needs --connection/);
  const others = await runCli(['play', 'sensors', '--connection', redis.url]);
  assert.equal(others.code, 2);
  assert.match(
    others.stderr,
    /--connection runs the indicators demo on a broker, and the other demos \(sensors\) run on this machine only/,
  );
  const queue = await runCli(['play', 'indicators', '--queue', 'q']);
  assert.equal(queue.code, 2);
  assert.match(queue.stderr, /--queue names the queue of --connection/);
});
