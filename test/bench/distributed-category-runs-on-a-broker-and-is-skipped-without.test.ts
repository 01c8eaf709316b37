// The distributed category through the built bin: skipped with its reason without a broker, run on a real redis-server with worker processes it starts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { validateBenchRun } from '../../src/bench/index.js';
import { requireBuild, runCli } from '../helpers/package.js';
import { processesMentioning } from '../helpers/processes.js';
import { startRedis, type TempRedis } from '../helpers/redis.js';
import { benchDir } from './fixtures.js';

const tmp = benchDir();
let redis: TempRedis;
before(async () => {
  requireBuild();
  redis = await startRedis();
});
after(() => redis?.stop());

test('ts314 bench --category distributed without a broker lists the category as skipped and says why', async () => {
  const out = join(tmp.path, 'skipped.json');
  const result = await runCli(['bench', '--quick', '--category', 'distributed', '--output', out], {
    env: { CI: '1', TS314_BROKER: '' },
  });
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /DistributedExecutor on local ts314 workers \[1\]\s+skipped/);
  assert.match(result.stdout, /no broker is configured:\s+give\s+one\s+with\s+--connection/);
  const run = validateBenchRun(JSON.parse(readFileSync(out, 'utf8')), out);
  assert.deepEqual(
    run.results.map((r) => [r.category, r.status, r.stats]),
    [['distributed', 'skipped', undefined]],
  );
  assert.match(run.results[0]!.notes![0]!, /TS314_BROKER/);
});

test('ts314 bench --category distributed with TS314_BROKER runs every row on worker processes and stops them', {
  timeout: 120_000,
}, async () => {
  const out = join(tmp.path, 'distributed.json');
  const result = await runCli(['bench', '--quick', '--category', 'distributed', '--workers', '1,2', '--iterations', '2', '--output', out], {
    env: { CI: '1', TS314_BROKER: redis.url },
    timeoutMs: 110_000,
  });
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  const run = validateBenchRun(JSON.parse(readFileSync(out, 'utf8')), out);
  assert.ok(
    run.results.every((r) => r.category === 'distributed' && r.status === 'ok' && r.stats!.samples >= 1),
    JSON.stringify(run.results.map((r) => [r.id, r.status, r.error?.message])),
  );
  const distributedRows = run.results.filter((r) => r.params.executor === 'DistributedExecutor');
  assert.deepEqual(
    distributedRows.map((r) => [r.group.replace(/\d[\d,]*/g, 'N'), r.params.workers]),
    [
      ['round trip (one tiny task at a time, ×N)', 1],
      ['throughput (N tiny tasks at once)', 1],
      ['factorial N..N on worker processes', 1],
      ['factorial N..N on worker processes', 2],
    ],
  );
  assert.deepEqual(processesMentioning('--queue ts314-bench-'), [], 'no worker process is left running');
});

test('ts314 bench --connection to a broker nobody answers fails the rows with the typed error', { timeout: 60_000 }, async () => {
  const out = join(tmp.path, 'unreachable.json');
  const result = await runCli(
    ['bench', '--quick', '--category', 'distributed', '--filter', 'round trip', '--connection', 'redis://127.0.0.1:1', '--output', out],
    { env: { CI: '1' }, timeoutMs: 50_000 },
  );
  assert.equal(result.code, 1, result.stdout);
  const run = validateBenchRun(JSON.parse(readFileSync(out, 'utf8')), out);
  const remote = run.results.find((r) => r.params.executor === 'DistributedExecutor')!;
  assert.equal(remote.status, 'failed');
  assert.equal(remote.error!.name, 'BrokerConnectionError');
  assert.match(remote.error!.message, /cannot reach the Redis broker at redis:\/\/127\.0\.0\.1:1/);
});
