// Local `ts314 worker` processes started for one run (the playground, the bench suite) and stopped after it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from '../internal/errors.js';
import { checkInteger, checkOptionKeys } from '../internal/validate.js';
import { parseConnection, checkQueueName } from './engine.js';
import { DistributedError } from './errors.js';

export interface LocalWorkersOptions {
  /** Broker connection string, as for DistributedExecutor. */
  readonly connection: string;
  readonly queue: string;
  /** Modules whose function exports the workers offer (paths or file: URLs). */
  readonly modules: readonly (string | URL)[];
  /** Worker processes to start. */
  readonly count: number;
  /** Interpreters per process (`ts314 worker --interpreters`). Default 1: one process is one core. */
  readonly interpreters?: number | undefined;
  /**
   * Jobs each process holds at once (`ts314 worker --concurrency`; default the worker's own, 2 ×
   * interpreters and at least 8). Give it the interpreter count when a few large tasks must spread
   * over the processes rather than queue up in the first one that asks.
   */
  readonly concurrency?: number | undefined;
  /** Milliseconds each process may take to reach the broker and say it is ready. Default 60000: a loaded machine can take long to start Node (the worker itself gives up on an unreachable broker after its connectTimeout). */
  readonly readyTimeout?: number | undefined;
}

/** Started processes and how to stop them. */
export interface LocalWorkers {
  readonly pids: readonly number[];
  /** SIGTERM (running jobs finish), SIGKILL after `graceMs` (default 5000); resolves when every process has exited. */
  stop(options?: { graceMs?: number }): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const OPTION_KEYS = ['connection', 'queue', 'modules', 'count', 'interpreters', 'concurrency', 'readyTimeout'] as const;
const WHERE = 'startLocalWorkers()';

/**
 * The `ts314` command next to this module: `dist/cli/index.js` in the package; under a TypeScript
 * loader (the sources run with tsx) `src/cli/index.ts`, which its child needs tsx to load.
 */
function cliCommand(): string[] {
  const typescript = new URL(import.meta.url).pathname.endsWith('.ts');
  const cli = fileURLToPath(new URL(`../cli/index.${typescript ? 'ts' : 'js'}`, import.meta.url));
  return typescript ? ['--import', 'tsx', cli] : [cli];
}

function modulePath(module: string | URL): string {
  if (module instanceof URL) return module.href;
  return module;
}

async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts `count` `ts314 worker` processes on this machine for `queue` and resolves once every one
 * said it is ready (connected, modules loaded). A process that exits first rejects with a
 * DistributedError carrying its output (an unreachable broker, a module that fails to load), and
 * the others are stopped.
 * @example
 * await using workers = await startLocalWorkers({ connection, queue: 'work', modules: [new URL('./tasks.js', import.meta.url)], count: 2 });
 */
export async function startLocalWorkers(options: LocalWorkersOptions): Promise<LocalWorkers> {
  checkOptionKeys(options, OPTION_KEYS, WHERE);
  parseConnection(options.connection, WHERE);
  checkQueueName(options.queue, WHERE);
  const count = checkInteger(options.count, 'count', { where: WHERE }, 1, 256);
  const interpreters = checkInteger(options.interpreters ?? 1, 'interpreters', { where: WHERE }, 0, 256);
  const concurrency = options.concurrency === undefined ? undefined : checkInteger(options.concurrency, 'concurrency', { where: WHERE }, 1);
  const readyTimeout = checkInteger(options.readyTimeout ?? 60_000, 'readyTimeout', { where: WHERE }, 1);
  if (!Array.isArray(options.modules) || options.modules.length === 0)
    throw new InvalidArgumentError(`${WHERE}: modules must be a non-empty array of module paths or URLs (the tasks the workers offer)`);
  const args = [
    ...cliCommand(),
    'worker',
    '--connection',
    options.connection,
    '--queue',
    options.queue,
    '--interpreters',
    String(interpreters),
    ...(concurrency === undefined ? [] : ['--concurrency', String(concurrency)]),
    ...options.modules.flatMap((m) => ['--module', modulePath(m)]),
  ];
  const children: ChildProcess[] = [];
  const stopAll = (graceMs: number) => Promise.all(children.map((c) => stopProcess(c, graceMs))).then(() => undefined);
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        // NODE_OPTIONS is cleared so a parent's loader or inspector flags do not follow into the workers.
        const child = spawn(process.execPath, args, { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
        children.push(child);
        return new Promise<void>((resolve, reject) => {
          let log = '';
          const timer = setTimeout(
            () => reject(new DistributedError(`${WHERE}: a ts314 worker was not ready within ${readyTimeout} ms:\n${log.trim()}`)),
            readyTimeout,
          );
          const onData = (chunk: Buffer) => {
            log += chunk.toString();
            if (/ts314 worker: ready/.test(log)) {
              clearTimeout(timer);
              resolve();
            }
          };
          child.stderr!.on('data', onData);
          child.once('error', (error) => {
            clearTimeout(timer);
            reject(new DistributedError(`${WHERE}: cannot start ${process.execPath}: ${error.message}`, { cause: error }));
          });
          child.once('exit', (code, signal) => {
            clearTimeout(timer);
            reject(new DistributedError(`${WHERE}: a ts314 worker exited (${code ?? signal}) before it was ready: ${log.trim()}`));
          });
        });
      }),
    );
  } catch (error) {
    await stopAll(0);
    throw error;
  }
  for (const child of children) {
    // Read and dropped from now on: a full pipe would block the worker's progress lines.
    child.stderr!.removeAllListeners('data');
    child.stderr!.resume();
    child.removeAllListeners('exit');
  }
  let stopping: Promise<void> | undefined;
  const stop = ({ graceMs = 5000 }: { graceMs?: number } = {}) => {
    stopping ??= stopAll(graceMs);
    return stopping;
  };
  return { pids: children.map((c) => c.pid!), stop, [Symbol.asyncDispose]: () => stop() };
}
