// Distributed test fixtures: a task module on disk and real `ts314 worker` processes from the built bin.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { binPath, requireBuild } from '../helpers/package.js';
import type { TempDir } from '../helpers/temp-dir.js';

/** Tasks the workers offer; `record` appends a line per run so a test can count executions. */
export const TASKS_SOURCE = `
import { appendFileSync } from 'node:fs';
export function add(a, b) { return a + b; }
export async function sleepy(ms, value) { await new Promise((r) => setTimeout(r, ms)); return value; }
export function record(file, id, ms = 0) {
  appendFileSync(file, id + '\\n');
  if (ms > 0) { const end = Date.now() + ms; while (Date.now() < end); }
  return id * 2;
}
export function factorial(n) { let f = 1n; for (let i = 2n; i <= BigInt(n); i++) f *= i; return f; }
export function fail(message) {
  const error = new RangeError(message, { cause: new Error('the cause', { cause: 'root' }) });
  error.code = 'ERR_TASK_SAID_NO';
  error.extra = { n: 1 };
  throw error;
}
export function spin(ms) { const end = Date.now() + ms; while (Date.now() < end); return ms; }
export function echo(...args) { return args; }
`;

export function writeTasks(dir: TempDir, name = 'tasks.mjs'): { path: string; url: string } {
  const path = dir.write(name, TASKS_SOURCE);
  return { path, url: pathToFileURL(path).href };
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything the worker wrote to stderr so far. */
  log(): string;
  /** Resolves with the exit code (or 128 + signal number) when the process ends. */
  readonly exited: Promise<number | string>;
}

/** Starts `ts314 worker` and resolves once it prints that it is ready. */
export async function startWorkerProcess(args: string[], options: { cwd?: string } = {}): Promise<WorkerProcess> {
  requireBuild();
  const child = spawn(process.execPath, [binPath, 'worker', ...args], {
    cwd: options.cwd,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout!.resume();
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/ts314 worker: ready/.test(stderr)) {
        child.stderr!.off('data', check);
        resolve();
      }
    };
    child.stderr!.on('data', check);
    void exited.then((code) => reject(new Error(`ts314 worker exited (${code}) before it was ready:\n${stderr}`)));
  });
  return { child, pid: child.pid!, log: () => stderr, exited };
}

/** SIGTERM, then wait for a graceful exit. */
export async function stopWorker(worker: WorkerProcess): Promise<number | string> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  return worker.exited;
}
