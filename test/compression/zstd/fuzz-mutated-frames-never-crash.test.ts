// Fuzzing: ≥ 10,000 mutated frames through every decoding entry point, in a child process so a native crash is a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./fixtures/fuzz-child.ts', import.meta.url));
const CASES = 12_000;

test('mutated-frames-give-a-result-or-a-ZstdError-never-a-crash-or-hang', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', child, String(CASES), String(Date.now() % 100000)], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  assert.equal(result.error, undefined, `the fuzz child failed to run or hung: ${String(result.error)}`);
  assert.equal(result.signal, null, `the fuzz child was killed by ${result.signal} (a native crash): ${result.stderr}`);
  assert.equal(result.status, 0, `the fuzz child exited with ${result.status}: ${result.stderr}`);
  const summary = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
    cases: number;
    ok: number;
    zstdErrors: number;
    codes: Record<string, number>;
  };
  assert.ok(summary.cases >= 10_000, `ran ${summary.cases} cases`);
  assert.ok(summary.zstdErrors > summary.cases, 'most mutations are rejected with ZstdError');
  assert.ok(summary.ok > 0, 'some mutations (e.g. in skippable frames or literals) still decode');
  assert.ok((summary.codes.ERR_TRUNCATED ?? 0) > 0 && (summary.codes.ERR_CORRUPT ?? 0) > 0, JSON.stringify(summary.codes));
});
