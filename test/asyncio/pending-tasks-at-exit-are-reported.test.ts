// A thread whose event loop runs out of work while ts314 tasks are pending says which, and where they wait; Node alone ends silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { repoRoot, requireBuild } from '../helpers/package.js';

requireBuild();

const FIXTURE = fileURLToPath(new URL('./fixtures/pending-at-exit.mjs', import.meta.url));
const WARNING = /\[TS314_PENDING_TASKS\] PendingTasksWarning: /g;

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

function runScenario(scenario: string, nodeArgs: string[] = []): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, FIXTURE, scenario],
      { cwd: repoRoot, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        assert.ok(!error?.killed, `${scenario} ended on its own (stderr: ${stderr})`);
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

const warnings = (stderr: string) => stderr.match(WARNING)?.length ?? 0;

test('the tasks still pending when the loop runs dry are listed once, with where they wait', async () => {
  const { code, stderr } = await runScenario('stuck');
  assert.equal(code, 0, stderr);
  assert.equal(warnings(stderr), 1, stderr);
  assert.match(stderr, /The event loop ran out of work with 3 ts314 tasks still pending: they await something that can never settle/);
  const gatherLine =
    readFileSync(FIXTURE, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes('// gather-line')) + 1;
  assert.match(stderr, /^ {2}forever \(id=0x[0-9a-f]+\): stuck$/m);
  const gatherer = stderr.split('\n').find((line) => line.startsWith('  gatherer '));
  assert.match(gatherer ?? '', /^ {2}gatherer \(id=0x[0-9a-f]+\): gather -> waitsAll at (.*)$/);
  assert.ok(gatherer!.endsWith(` at ${FIXTURE}:${gatherLine}`), `${gatherer} names the fixture's gather line ${gatherLine}`);
  // gather's child runs `stuck()` as a task made from its promise, awaited by the gathering task.
  assert.match(stderr, /^ {2}Task-\d+ \(id=0x[0-9a-f]+\): <promise>, awaited by gatherer$/m);
  assert.doesNotMatch(stderr, /finishes/, 'a task that finished is not listed');
});

test("a task waiting at its TaskGroup's end reads as in CPython (TaskGroup._aexit -> TaskGroup.__aexit__), with or without source maps", async () => {
  // Without source maps V8 prints private and symbol-named methods without their class; Node adds it with them.
  for (const nodeArgs of [[], ['--enable-source-maps']]) {
    const { stderr } = await runScenario('task-group', nodeArgs);
    assert.match(stderr, /^ {2}owner \(id=0x[0-9a-f]+\): TaskGroup\.#aexit -> TaskGroup\.\[Symbol\.asyncDispose\] -> main at /m, stderr);
    assert.match(stderr, /^ {2}member \(id=0x[0-9a-f]+\): stuck, awaited by owner$/m, stderr);
  }
});

test('nothing is said when every task finishes, or when the program calls process.exit()', async () => {
  for (const scenario of ['all-finish', 'process-exit']) {
    const { code, stderr } = await runScenario(scenario);
    assert.equal(code, 0, `${scenario}: ${stderr}`);
    assert.equal(stderr, '', `${scenario} prints nothing`);
  }
});

test("a task that another beforeExit listener releases is not reported: it gets the loop's next turn", async () => {
  const { code, stdout, stderr } = await runScenario('released-by-another-listener');
  assert.equal(code, 0, stderr);
  assert.equal(stdout, 'consumer finished\n');
  assert.equal(stderr, '');
});

test('the list stops at 20 tasks and counts the rest; --disable-warning silences it by its code where Node has the flag', async () => {
  const { stderr } = await runScenario('many');
  assert.match(stderr, /with 25 ts314 tasks still pending/);
  assert.equal(stderr.match(/^ {2}stuck-\d+ /gm)?.length, 20, stderr);
  assert.match(stderr, /^ {2}… and 5 more$/m);
  const silenced = await runScenario('many', ['--no-warnings']);
  assert.equal(silenced.stderr, '');
  if (process.allowedNodeEnvironmentFlags.has('--disable-warning')) {
    const byCode = await runScenario('many', ['--disable-warning=TS314_PENDING_TASKS']);
    assert.equal(byCode.stderr, '');
  }
});

test('a worker thread reports its own pending tasks, naming the thread', async () => {
  const { code, stderr } = await runScenario('worker');
  assert.equal(code, 0, stderr);
  assert.equal(warnings(stderr), 1, stderr);
  assert.match(stderr, /The event loop of worker thread \d+ ran out of work with 1 ts314 task still pending: it awaits/);
  assert.match(stderr, /^ {2}in-worker \(id=0x[0-9a-f]{9,}\): stuck$/m, 'a worker task id carries its thread id in the upper bits');
});

test('an unsettled top-level `await run(main)` is explained, and Node still exits with 13', async () => {
  const { code, stderr } = await runScenario('top-level-await');
  assert.equal(code, 13, stderr);
  assert.equal(warnings(stderr), 1, stderr);
  assert.match(stderr, /^ {2}Task-1 \(id=0x[0-9a-f]+\): main$/m);
});
