// `ts314 ps` and `ts314 pstree` reading live processes through the inspector that SIGUSR1 opens.
// test: serial — the inspector opens on the machine-wide port 9229, and ps waits a bounded time for it to open
// (10 s) and to close again (5 s), which other test files on the same cores could stretch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { repoRoot, requireBuild, runCli } from '../helpers/package.js';

// Real processes, read by the built `ts314` bin: the docs example (golden output of both formats),
// an await cycle, nested task groups with one in a worker thread, and each way reading can fail.
// After every command the target's inspector port must be closed again.

requireBuild();

interface Target {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly line: string;
  stderr(): string;
  stop(): Promise<void>;
}

async function startTarget(command: string, args: string[]): Promise<Target> {
  const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      err += `[exited: code ${code}, signal ${signal}]`;
      resolve();
    }),
  );
  const until = Date.now() + 60_000;
  while (!/PID: \d+.*\n/.test(out)) {
    if (child.exitCode !== null || Date.now() > until) assert.fail(`${args.join(' ')} did not start: ${out}${err}`);
    await delay(20);
  }
  const line = /PID: \d+.*/.exec(out)![0];
  return {
    child,
    pid: Number(/PID: (\d+)/.exec(line)![1]),
    line,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}

const tsTarget = (fixture: string, ...args: string[]) =>
  startTarget(process.execPath, ['--import', 'tsx', `test/asyncio/fixtures/${fixture}`, ...args]);

function portListens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The inspector ports the target announced; every one must be closed again. */
async function assertInspectorClosed(target: Target): Promise<void> {
  const ports = [...target.stderr().matchAll(/Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//g)].map((m) => Number(m[1]));
  assert.ok(ports.length > 0, `the target opened its inspector (stderr: ${target.stderr()})`);
  for (const port of new Set(ports)) assert.equal(await portListens(port), false, `port ${port} is closed again`);
  assert.equal(target.child.exitCode, null, 'the target is still running');
}

/** Paths relative to the repository; line numbers inside ts314's own sources as N (they move when the sources change). */
function normalize(text: string): string {
  return text.replaceAll(repoRoot, '').replace(/(src\/asyncio\/[\w-]+\.ts):\d+/g, '$1:N');
}

interface PsRow {
  readonly tid: number;
  readonly taskName: string;
  readonly awaiterName: string;
}

const golden = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

test('ts314 ps and pstree on the docs example print CPython 3.14 table and tree (golden), and close the inspector after each', async () => {
  const target = await tsTarget('example.ts');
  try {
    const ps = await runCli(['ps', String(target.pid)]);
    assert.equal(ps.code, 0, ps.stderr);
    await assertInspectorClosed(target);
    assert.equal(normalize(ps.stdout), golden('example.ps.txt'));
    const tree = await runCli(['pstree', String(target.pid)]);
    assert.equal(tree.code, 0, `${tree.stderr}\ntarget: ${target.stderr()}`);
    await assertInspectorClosed(target);
    assert.equal(normalize(tree.stdout), golden('example.pstree.txt'));
    // Attached twice, so the target was told twice; nothing else reached its stderr.
    assert.equal(target.stderr().match(/Debugger listening/g)?.length, 2);

    const csv = await runCli(['ps', '--format', 'csv', String(target.pid)]);
    assert.equal(csv.code, 0, `${csv.stderr}\ntarget: ${target.stderr()}`);
    assert.equal(csv.stdout.split('\r\n')[0], 'tid,task id,task name,coroutine stack,awaiter chain,awaiter name,awaiter id');
    assert.match(
      csv.stdout,
      /\r\n0,0x4,TNDNBTG,sleep -> play,TaskGroup\.#aexit -> TaskGroup\.\[Symbol\.asyncDispose\] -> album,Sundowning,0x2\r\n/,
    );
    const json = await runCli(['ps', '--format', 'json', '--retries', '2', String(target.pid)]);
    assert.equal(json.code, 0, json.stderr);
    const rows = JSON.parse(json.stdout) as { taskName: string; awaiterName: string; awaiterId: string }[];
    assert.equal(rows.length, 7);
    assert.deepEqual(rows[0], {
      tid: 0,
      taskId: '0x1',
      taskName: 'Task-1',
      coroutineStack: 'TaskGroup.#aexit -> TaskGroup.[Symbol.asyncDispose] -> main',
      awaiterChain: '',
      awaiterName: '',
      awaiterId: '0x0',
    });
    await assertInspectorClosed(target);
  } finally {
    await target.stop();
  }
});

test("pstree on an await cycle writes CPython's lines to stderr and exits 1; ps still lists every task", async () => {
  const target = await tsTarget('cycle.ts');
  try {
    const tree = await runCli(['pstree', String(target.pid)]);
    assert.equal(tree.code, 1);
    assert.equal(tree.stdout, '');
    assert.equal(tree.stderr, 'ERROR: await-graph contains cycles - cannot print a tree!\n\ncycle: Task-2 → Task-3 → Task-2\n');
    await assertInspectorClosed(target);
    const ps = await runCli(['ps', '--format', 'json', String(target.pid)]);
    assert.equal(ps.code, 0, ps.stderr);
    const names = (JSON.parse(ps.stdout) as PsRow[]).map((row) => [row.taskName, row.awaiterName]);
    assert.deepEqual(names, [
      ['Task-1', ''],
      ['Task-2', 'Task-1'],
      ['Task-2', 'Task-3'],
      ['Task-3', 'Task-1'],
      ['Task-3', 'Task-2'],
    ]);
    await assertInspectorClosed(target);
  } finally {
    await target.stop();
  }
});

test("nested task groups in the main thread and in a worker thread: the worker's tasks carry its thread id", async () => {
  const target = await tsTarget('nested-with-worker.ts');
  try {
    const workerId = Number(/WORKER: (\d+)/.exec(target.line)![1]);
    const ps = await runCli(['ps', '--format', 'json', String(target.pid)]);
    assert.equal(ps.code, 0, ps.stderr);
    await assertInspectorClosed(target);
    const rows = (JSON.parse(ps.stdout) as PsRow[]).map((row) => ({ tid: row.tid, name: row.taskName, awaiter: row.awaiterName }));
    const expected = (tid: number, prefix: string) => [
      { tid, name: `${prefix}-outer`, awaiter: '' },
      { tid, name: `${prefix}-inner`, awaiter: `${prefix}-outer` },
      { tid, name: `${prefix}-leaf-1`, awaiter: `${prefix}-inner` },
      { tid, name: `${prefix}-leaf-2`, awaiter: `${prefix}-inner` },
    ];
    assert.deepEqual(rows, [...expected(0, 'main'), ...expected(workerId, 'worker')]);
    const tree = await runCli(['pstree', String(target.pid)]);
    assert.equal(tree.code, 0, tree.stderr);
    await assertInspectorClosed(target);
    const lines = normalize(tree.stdout).split('\n');
    assert.equal(lines[0], '└── (T) main-outer');
    assert.ok(lines.includes('└── (T) worker-outer'), tree.stdout);
    assert.ok(
      lines.some((l) => l.endsWith('├── (T) worker-leaf-1')) && lines.some((l) => l.endsWith('└── (T) worker-leaf-2')),
      tree.stdout,
    );
    assert.ok(
      lines.some((l) => l.endsWith('└──  leaf test/asyncio/fixtures/nested-with-worker.ts:6')),
      tree.stdout,
    );
  } finally {
    await target.stop();
  }
});

test("a target whose event loop is blocked: ps lists its main thread's tasks and warns that its worker threads could not answer", async () => {
  const target = await tsTarget('nested-with-worker.ts', '--then-block');
  try {
    await delay(300);
    const started = performance.now();
    const ps = await runCli(['ps', '--format', 'json', String(target.pid)]);
    assert.equal(ps.code, 0, ps.stderr);
    assert.match(
      ps.stderr,
      /^ts314 ps: warning: process \d+'s event loop did not answer within 5 s \(busy or blocked\): only its main thread's tasks are listed, and its inspector closes once the loop is free again\n$/,
    );
    const rows = (JSON.parse(ps.stdout) as PsRow[]).map((row) => ({ tid: row.tid, name: row.taskName, awaiter: row.awaiterName }));
    assert.deepEqual(rows, [
      { tid: 0, name: 'main-outer', awaiter: '' },
      { tid: 0, name: 'main-inner', awaiter: 'main-outer' },
      { tid: 0, name: 'main-leaf-1', awaiter: 'main-inner' },
      { tid: 0, name: 'main-leaf-2', awaiter: 'main-inner' },
    ]);
    // The worker threads' 5 s, not the port's 5 s more: the tool does not wait for a close the blocked loop cannot run.
    assert.ok(performance.now() - started < 9_000, `ps took ${(performance.now() - started).toFixed(0)} ms`);
  } finally {
    await target.stop();
  }
});

test('clear errors: no such process, a process without ts314/asyncio, a process that is not Node, one that dies mid-read, bad arguments', async () => {
  const gone = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => gone.once('exit', resolve));
  const missing = await runCli(['ps', String(gone.pid)]);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, `ts314 ps: no such process: ${gone.pid}\n`);

  const plain = await startTarget(process.execPath, ['test/asyncio/fixtures/no-asyncio.mjs']);
  try {
    const result = await runCli(['pstree', String(plain.pid)]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^ts314 pstree: process \d+ does not use ts314\/asyncio: .*node --import ts314\/asyncio app\.js\n$/);
    await assertInspectorClosed(plain);
  } finally {
    await plain.stop();
  }

  const sleeper = spawn('sleep', ['60']);
  try {
    await delay(100);
    const result = await runCli(['ps', String(sleeper.pid)]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /does not handle SIGUSR1, so it cannot open an inspector .*nothing was sent/);
    assert.equal(sleeper.exitCode, null, 'the process was not signalled');
    assert.equal(sleeper.signalCode, null);
  } finally {
    sleeper.kill();
  }

  const dying = await startTarget(process.execPath, ['test/asyncio/fixtures/dies-on-sigusr1.mjs']);
  try {
    const result = await runCli(['ps', String(dying.pid)]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^ts314 ps: process \d+ exited while its inspector was opening\n$/);
  } finally {
    await dying.stop();
  }

  const usage = await runCli(['ps']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /ts314 ps: expected one PID, got none/);
  const format = await runCli(['pstree', '--format', 'csv', '1']);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /--format must be one of tree, json, got 'csv'/);
  const typo = await runCli(['ps', '--retires', '2', '1']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /unknown option '--retires'\. Did you mean '--retries'\?/);
});

test('the inspector port is busy: the error says so and how to get round it; the target keeps running', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve, reject) => {
    blocker.once('error', reject);
    blocker.listen(9229, '127.0.0.1', () => resolve());
  });
  const target = await tsTarget('example.ts');
  try {
    const result = await runCli(['ps', '--timeout', '3', String(target.pid)]);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^ts314 ps: process \d+ could not open its inspector: port 9229 is in use by another process .*--inspect-port=<free port>\n$/,
    );
    assert.match(target.stderr(), /address already in use/);
    assert.equal(target.child.exitCode, null);
  } finally {
    await target.stop();
    await new Promise((resolve) => blocker.close(resolve));
  }
});
