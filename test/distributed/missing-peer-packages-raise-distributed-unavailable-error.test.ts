// ts314/distributed where bullmq, ioredis or pg cannot be resolved: the built package, copied into a project without
// them, raises DistributedUnavailableError naming the package and the `npm install` command.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, requireBuild } from '../helpers/package.js';
import { tempDirForFile } from '../helpers/temp-dir.js';
import { writeTasks } from './helpers.js';

requireBuild();
const tmp = tempDirForFile('distributed-unavailable');
const { path: tasksPath } = writeTasks(tmp);

/**
 * A fresh project under the OS temp dir with ts314 copied in (package.json and dist/, no dependencies of its own) and
 * only `peers` installed, linked from this repository's node_modules: Node's resolver finds no other copy of the rest,
 * since nothing above the temp dir has a node_modules.
 */
function projectWith(name: string, peers: readonly string[]): string {
  const dir = tmp.join(name);
  const installed = join(dir, 'node_modules', 'ts314');
  mkdirSync(installed, { recursive: true });
  cpSync(join(repoRoot, 'package.json'), join(installed, 'package.json'));
  cpSync(join(repoRoot, 'dist'), join(installed, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
  for (const peer of peers) symlinkSync(join(repoRoot, 'node_modules', peer), join(dir, 'node_modules', peer), 'dir');
  return dir;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Plain Node (no TypeScript loader, no NODE_PATH) in `cwd`. */
function node(args: string[], cwd: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  delete env.NODE_PATH;
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface Described {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly packageName: string;
  readonly isUnavailable: boolean;
  readonly causeCode: string;
  readonly causeMessage: string;
}

/** What a user's script sees: the error of ready() and of a task submitted at once; the process must then end by itself. */
async function openExecutor(cwd: string, connection: string): Promise<{ ready: Described; future: Described; resolves: string }> {
  const script = `
    import { DistributedExecutor, DistributedUnavailableError, registeredTask } from 'ts314/distributed';
    const describe = (e) => ({
      name: e.name, code: e.code, message: e.message, packageName: e.packageName,
      isUnavailable: e instanceof DistributedUnavailableError, causeCode: e.cause?.code, causeMessage: e.cause?.message,
    });
    const executor = new DistributedExecutor({ connection: ${JSON.stringify(connection)}, queue: 'work' });
    const future = executor.submit(registeredTask('add'), 1, 2);
    const ready = await executor.ready().then(() => { throw new Error('ready() resolved'); }, describe);
    const failed = describe(await future.exception());
    await executor.shutdown();
    let resolves;
    try { import.meta.resolve('bullmq'); resolves = 'bullmq resolves'; } catch (e) { resolves = e.code; }
    console.log(JSON.stringify({ ready, future: failed, resolves }));
  `;
  const run = await node(['--input-type=module', '-e', script], cwd);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as { ready: Described; future: Described; resolves: string };
}

function assertUnavailable(error: Described, packageName: string, broker: string, install: string): void {
  assert.equal(error.name, 'DistributedUnavailableError');
  assert.equal(error.isUnavailable, true);
  assert.equal(error.code, 'ERR_UNAVAILABLE');
  assert.equal(error.packageName, packageName);
  assert.ok(error.message.includes(`needs the '${packageName}' package for a ${broker} broker`), error.message);
  assert.ok(error.message.includes(`run \`${install}\``), error.message);
  // The cause is Node's own resolution failure, for that package.
  assert.equal(error.causeCode, 'ERR_MODULE_NOT_FOUND');
  assert.ok(error.causeMessage.includes(`'${packageName}'`), error.causeMessage);
}

describe('ts314/distributed without its optional peers', () => {
  it('a Redis connection with nothing installed names ioredis and `npm install bullmq ioredis`', async () => {
    const seen = await openExecutor(projectWith('none-redis', []), 'redis://127.0.0.1:1');
    assert.equal(seen.resolves, 'ERR_MODULE_NOT_FOUND');
    assertUnavailable(seen.ready, 'ioredis', 'Redis', 'npm install bullmq ioredis');
    assert.deepEqual(seen.future, seen.ready);
  });

  it('a Redis connection with ioredis but no bullmq names bullmq', async () => {
    const seen = await openExecutor(projectWith('ioredis-only', ['ioredis']), 'redis://127.0.0.1:1');
    assertUnavailable(seen.ready, 'bullmq', 'Redis', 'npm install bullmq ioredis');
    assert.deepEqual(seen.future, seen.ready);
  });

  it('a PostgreSQL connection with bullmq but no pg names pg and `npm install bullmq pg`', async () => {
    const seen = await openExecutor(projectWith('bullmq-only', ['bullmq']), 'postgres://nobody@127.0.0.1:1/none');
    assert.equal(seen.resolves, 'bullmq resolves');
    assertUnavailable(seen.ready, 'pg', 'PostgreSQL', 'npm install bullmq pg');
    assert.deepEqual(seen.future, seen.ready);
  });

  it('a PostgreSQL connection with pg but no bullmq names bullmq and `npm install bullmq pg`', async () => {
    const seen = await openExecutor(projectWith('pg-only', ['pg']), 'postgres://nobody@127.0.0.1:1/none');
    assertUnavailable(seen.ready, 'bullmq', 'PostgreSQL', 'npm install bullmq pg');
  });

  it('`ts314 worker` exits 1 with the same message', async () => {
    const dir = projectWith('worker', []);
    const bin = join(dir, 'node_modules', 'ts314', 'dist', 'cli', 'index.js');
    const run = await node(
      [bin, 'worker', '--connection', 'redis://127.0.0.1:1', '--queue', 'work', '--module', tasksPath, '--interpreters', '0'],
      dir,
    );
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stderr,
      /^ts314 worker: ts314\/distributed needs the 'ioredis' package for a Redis broker, and it is not installed: run `npm install bullmq ioredis`/m,
    );
  });
});
