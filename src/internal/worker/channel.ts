// One pool worker as the scheduler sees it: a worker thread or a forked child behind the same interface.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { Transferable } from '../transferable.js';
import { siblingModule, startWorker, type StartWorkerOptions } from './boot.js';
import type { WorkerExit } from './exit.js';
import type { FromWorker, TasksInit, ToWorker, WorkerInit } from './protocol.js';

export interface Channel {
  readonly kind: 'thread' | 'process';
  /** pid for processes, threadId for threads. */
  readonly id: number;
  send(message: ToWorker, transfer?: readonly Transferable[]): void;
  onMessage(listener: (message: FromWorker) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
  /** Ends the worker now; `hard` is SIGKILL for processes (threads have only one way). */
  terminate(hard: boolean): void;
  ref(): void;
  unref(): void;
}

const threadEntry = siblingModule('thread-entry', import.meta.url);
const processEntry = siblingModule('process-entry', import.meta.url);

/** Starts a worker thread serving `init` (every ts314 thread runs the same entry); it carries this thread's TypeScript loader. */
export function startServiceThread(init: WorkerInit, options: Omit<StartWorkerOptions, 'workerData'>): Worker {
  return startWorker(threadEntry, { ...options, workerData: init });
}

export function spawnThread(init: TasksInit, resourceLimits: ResourceLimits | undefined): Channel {
  const worker = startServiceThread(init, { role: 'futures', ...(resourceLimits ? { resourceLimits } : {}) });
  let error: Error | undefined;
  worker.on('error', (e) => (error = e));
  return {
    kind: 'thread',
    id: worker.threadId,
    send: (message, transfer) => worker.postMessage(message, transfer as Transferable[] | undefined),
    onMessage: (listener) => void worker.on('message', listener),
    onExit: (listener) => void worker.on('exit', (code) => listener({ code, signal: null, error })),
    terminate: () => void worker.terminate(),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
  };
}

/**
 * The parent's Node flags minus those that only make sense once: code given with --eval/--print,
 * --input-type (only valid with --eval), the test runner's and watch mode's flags, and debugger
 * ports a second process cannot bind. Loaders such as --import tsx stay, so .ts tasks load.
 */
export function childExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (arg === '-e' || arg === '--eval' || arg === '-p' || arg === '--print') {
      i++;
      continue;
    }
    if (/^--(eval|print|input-type|test|watch|inspect|debug-port)/.test(arg)) {
      if (!arg.includes('=') && /^--(input-type|eval|print)$/.test(arg)) i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

export function spawnProcess(init: TasksInit): Channel {
  const child: ChildProcess = fork(fileURLToPath(processEntry), [], {
    serialization: 'advanced',
    // The parent's flags (e.g. --import tsx) so .ts task modules load in the child too.
    execArgv: childExecArgv(),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let error: Error | undefined;
  let exited = false;
  const exitListeners: ((exit: WorkerExit) => void)[] = [];
  child.on('error', (e) => {
    error = e;
    // A fork that never started emits 'error' but no 'exit': report it as an exit so nothing waits forever.
    if (child.pid === undefined && !exited) {
      exited = true;
      for (const listener of exitListeners) listener({ code: null, signal: null, error });
    }
  });
  child.on('exit', (code, signal) => {
    if (exited) return;
    exited = true;
    for (const listener of exitListeners) listener({ code, signal, error });
  });
  if (child.connected) child.send({ t: 'init', ...init });
  return {
    kind: 'process',
    id: child.pid ?? -1,
    send: (message) => {
      if (!exited && child.connected) child.send(message);
    },
    onMessage: (listener) => void child.on('message', listener as (m: unknown) => void),
    onExit: (listener) => void exitListeners.push(listener),
    terminate: (hard) => {
      if (!exited) child.kill(hard ? 'SIGKILL' : 'SIGTERM');
    },
    ref: () => {
      child.ref();
      (child.channel as { ref?: () => void } | undefined)?.ref?.();
    },
    unref: () => {
      child.unref();
      (child.channel as { unref?: () => void } | undefined)?.unref?.();
    },
  };
}
