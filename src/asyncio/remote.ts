// Reading another Node process's tasks: SIGUSR1 opens its inspector, Runtime.evaluate reads the registry (main thread, then worker threads), the inspector is closed again.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { get } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { checkInteger, checkOptionKeys, optionalInteger } from '../internal/validate.js';
import { connectWebSocket, type TextSocket } from '../internal/websocket-client.js';
import { type AsyncioErrorCode, InspectError, InvalidArgumentError } from './errors.js';
import { CHANNEL_NAME, COLLECT_TIMEOUT_MS, type AwaitedInfo } from './registry.js';

export interface InspectOptions {
  /** Attempts after a failed one (Python 3.15's `--retries N`); 0 by default. */
  readonly retries?: number | undefined;
  /** How long to wait for the inspector to open and answer, in ms; 10 s by default. */
  readonly timeoutMs?: number | undefined;
  /**
   * Told when the read is incomplete but still worth showing: the target's event loop is blocked, so
   * only its main thread's tasks could be read (worker threads answer through that loop).
   */
  readonly onWarning?: ((message: string) => void) | undefined;
}

/** Long enough for a loaded machine to open the inspector, short enough that a dead end is reported promptly. */
const DEFAULT_TIMEOUT_MS = 10_000;
/** Node's inspector port when none was configured (`--inspect-port`). */
const DEFAULT_INSPECTOR_PORT = 9229;
const SIGUSR1_BIT = 1n << 9n;
/** How long worker threads get to answer through the target's event loop: it answers in COLLECT_TIMEOUT_MS when free. */
const WORKERS_ANSWER_MS = 5_000;

/** Frames and call stacks listed once each, tasks as indexes into them. */
interface PackedThreads {
  /** funcname, filename, lineno, async (1) */
  readonly frames: readonly (readonly [string, string, number, 0 | 1])[];
  /** Call stacks as frame indexes. */
  readonly stacks: readonly (readonly number[])[];
  /** [threadId, tasks]; a task is [taskId, taskName, coroutineStack, awaitedBy], each coroutine [stack index, taskName]. */
  readonly threads: readonly (readonly [number, readonly PackedTask[]])[];
}

type PackedCoro = readonly [stack: number, taskName: number | string];
type PackedTask = readonly [taskId: number, taskName: string, coroutineStack: readonly PackedCoro[], awaitedBy: readonly PackedCoro[]];

/**
 * Runs in the target (its source is sent), so it uses nothing from outside itself. A registry of
 * 100,000 tasks is 60 MB as plain JSON, the same frames and paths over and over, and the inspector
 * takes seconds per 10 MB to send it; packed it is about 5 MB.
 */
function packThreads(threads: readonly AwaitedInfo[]): PackedThreads {
  const frames: [string, string, number, 0 | 1][] = [];
  const frameIndex = new Map<string, number>();
  const stacks: number[][] = [];
  const stackIndex = new Map<string, number>();
  const stackOf = (callStack: AwaitedInfo['awaitedBy'][number]['awaitedBy'][number]['callStack']): number => {
    const ids = callStack.map((frame) => {
      const key = `${frame.funcname}\0${frame.filename}\0${frame.lineno}\0${frame.async ? 1 : 0}`;
      let id = frameIndex.get(key);
      if (id === undefined) {
        id = frames.push([frame.funcname, frame.filename, frame.lineno, frame.async ? 1 : 0]) - 1;
        frameIndex.set(key, id);
      }
      return id;
    });
    const key = ids.join(',');
    let id = stackIndex.get(key);
    if (id === undefined) {
      id = stacks.push(ids) - 1;
      stackIndex.set(key, id);
    }
    return id;
  };
  return {
    frames,
    stacks,
    threads: threads.map((thread) => [
      thread.threadId,
      thread.awaitedBy.map(
        (task): PackedTask => [
          task.taskId,
          task.taskName,
          task.coroutineStack.map((coro): PackedCoro => [stackOf(coro.callStack), coro.taskName]),
          task.awaitedBy.map((coro): PackedCoro => [stackOf(coro.callStack), coro.taskName]),
        ],
      ),
    ]),
  };
}

function unpackThreads(packed: PackedThreads): AwaitedInfo[] {
  const frames = packed.frames.map(([funcname, filename, lineno, async]) => ({ funcname, filename, lineno, async: async === 1 }));
  const stacks = packed.stacks.map((ids) => ids.map((id) => frames[id]!));
  const coro = ([stack, taskName]: PackedCoro) => ({ callStack: stacks[stack]!, taskName });
  return packed.threads.map(([threadId, tasks]) => ({
    threadId,
    awaitedBy: tasks.map(([taskId, taskName, coroutineStack, awaitedBy]) => ({
      taskId,
      taskName,
      coroutineStack: coroutineStack.map(coro),
      awaitedBy: awaitedBy.map(coro),
    })),
  }));
}

/**
 * Evaluated in the target: the main thread's tasks, packed as one JSON string (the inspector's own
 * serialization of a large object is several times slower than JSON.stringify). Synchronous, so it
 * runs even while the target's event loop is blocked: the inspector interrupts the running code.
 */
const MAIN_THREAD_EXPRESSION = `(() => {
  const packThreads = ${packThreads.toString()};
  const registry = globalThis[Symbol.for('ts314.asyncio')];
  return JSON.stringify(registry ? { packed: packThreads([registry.snapshot()]) } : { missing: true });
})()`;

/**
 * Evaluated in the target: the worker threads' tasks, asked over a BroadcastChannel (through the
 * registry when the main thread has one), which needs the target's event loop.
 */
const WORKER_THREADS_EXPRESSION = `(async () => {
  const packThreads = ${packThreads.toString()};
  const registry = globalThis[Symbol.for('ts314.asyncio')];
  if (registry) {
    // A registry made by an earlier ts314 has only collect(), which starts with the main thread's snapshot.
    const workers = registry.workers ? await registry.workers(${COLLECT_TIMEOUT_MS}) : (await registry.collect(${COLLECT_TIMEOUT_MS})).slice(1);
    return JSON.stringify({ packed: packThreads(workers) });
  }
  if (typeof BroadcastChannel !== 'function') return JSON.stringify({ packed: packThreads([]) });
  const channel = new BroadcastChannel(${JSON.stringify(CHANNEL_NAME)});
  const requestId = 'ps-' + process.pid + '-' + Math.random();
  const threads = [];
  await new Promise((resolve) => {
    setTimeout(resolve, ${COLLECT_TIMEOUT_MS});
    channel.onmessage = (event) => {
      const m = event.data;
      if (m && m.type === 'snapshot' && m.requestId === requestId) threads.push(m.info);
    };
    channel.postMessage({ type: 'collect', threadId: 0, requestId });
  });
  channel.close();
  return JSON.stringify({ packed: packThreads(threads.sort((a, b) => a.threadId - b.threadId)) });
})()`;

/**
 * Closes the inspector once this session has gone. Node 20 can crash later (SIGSEGV) when close()
 * runs while the session is still connected, so the target waits CLOSE_DELAY_MS, and this side
 * disconnects at once after the reply (then waits for the port to close).
 */
const CLOSE_DELAY_MS = 500;
const CLOSE_EXPRESSION = `setTimeout(() => (process.getBuiltinModule ? process.getBuiltinModule('node:inspector') : require('node:inspector')).close(), ${CLOSE_DELAY_MS}).unref(), true`;

/** `promise`'s value, or null when it takes longer than `ms`; the timer is cleared either way, so it keeps no process alive. */
async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<null>((resolve) => (timer = setTimeout(resolve, ms, null)))]);
  } finally {
    clearTimeout(timer);
  }
}

function fail(pid: number, code: AsyncioErrorCode, message: string, cause?: unknown): never {
  throw new InspectError(message, { code, pid, ...(cause === undefined ? {} : { cause }) });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux: does the process catch SIGUSR1? Undefined where /proc cannot tell. */
function catchesSigusr1(pid: number): boolean | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const caught = /^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1];
    return caught === undefined ? undefined : (BigInt(`0x${caught}`) & SIGUSR1_BIT) !== 0n;
  } catch {
    return undefined;
  }
}

/** Linux: the TCP ports the process listens on (its sockets matched against /proc/<pid>/net/tcp{,6}). Undefined where /proc cannot tell. */
function listeningPorts(pid: number): Set<number> | undefined {
  let inodes: Set<string>;
  try {
    inodes = new Set();
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        // The descriptor closed while listing.
      }
    }
  } catch {
    return undefined;
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A') continue;
      if (inodes.has(cols[9]!)) ports.add(Number.parseInt(cols[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

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

/** The inspector's WebSocket URL on `port`, or undefined if nothing there speaks the inspector's HTTP. */
function debuggerUrl(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/json/list', timeout: 1000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        try {
          const targets = JSON.parse(body) as { webSocketDebuggerUrl?: string }[];
          resolve(targets.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl);
        } catch {
          resolve(undefined);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** One Chrome DevTools Protocol session over a TextSocket. */
function cdp(socket: TextSocket): {
  call(method: string, params: object): Promise<Record<string, unknown>>;
  closed: Promise<Error | undefined>;
} {
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  const closed = new Promise<Error | undefined>((resolve) => {
    socket.onClose = (error) => {
      for (const { reject } of pending.values()) reject(error ?? new Error('the inspector connection closed'));
      pending.clear();
      resolve(error);
    };
  });
  socket.onMessage = (text) => {
    const message = JSON.parse(text) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result ?? {});
  };
  return {
    call(method, params) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    closed,
  };
}

async function openInspector(pid: number, deadline: number): Promise<{ url: string; port: number | undefined; opened: boolean }> {
  const before = listeningPorts(pid);
  // An inspector already open (node --inspect): use it, and leave it open.
  for (const port of before ?? []) {
    const url = await debuggerUrl(port);
    if (url) return { url, port, opened: false };
  }
  if (catchesSigusr1(pid) === false) {
    fail(
      pid,
      'ERR_INSPECTOR_UNAVAILABLE',
      `process ${pid} does not handle SIGUSR1, so it cannot open an inspector (not a Node process, or started with --disable-sigusr1); nothing was sent, as SIGUSR1 would have killed it`,
    );
  }
  try {
    process.kill(pid, 'SIGUSR1');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') fail(pid, 'ERR_NO_SUCH_PROCESS', `no such process: ${pid}`, error);
    if (code === 'EPERM')
      fail(pid, 'ERR_PERMISSION_DENIED', `permission denied: cannot signal process ${pid} (run as its user or root)`, error);
    throw error;
  }
  while (performance.now() < deadline) {
    await delay(20);
    if (!alive(pid)) fail(pid, 'ERR_PROCESS_DIED', `process ${pid} exited while its inspector was opening`);
    const now = listeningPorts(pid);
    const ports = now ? [...now].filter((p) => !before?.has(p)) : [DEFAULT_INSPECTOR_PORT];
    for (const port of ports) {
      const url = await debuggerUrl(port);
      if (url) return { url, port, opened: true };
    }
  }
  const busy = listeningPorts(pid)?.has(DEFAULT_INSPECTOR_PORT) === false && (await portListens(DEFAULT_INSPECTOR_PORT));
  fail(
    pid,
    'ERR_INSPECTOR_UNAVAILABLE',
    busy
      ? `process ${pid} could not open its inspector: port ${DEFAULT_INSPECTOR_PORT} is in use by another process (the target's stderr says "address already in use"); free the port, or start the target with --inspect-port=<free port>`
      : `process ${pid} did not open an inspector after SIGUSR1 (its inspector is disabled, or its port is in use); see the target's stderr`,
  );
}

async function readOnce(pid: number, timeoutMs: number, onWarning: InspectOptions['onWarning']): Promise<AwaitedInfo[]> {
  const deadline = performance.now() + timeoutMs;
  const { url, port, opened } = await openInspector(pid, deadline);
  let socket: TextSocket;
  try {
    socket = await connectWebSocket(url, Math.max(1000, deadline - performance.now()));
  } catch (error) {
    if (!alive(pid)) fail(pid, 'ERR_PROCESS_DIED', `process ${pid} exited while being read`, error);
    fail(pid, 'ERR_INSPECT', `could not connect to process ${pid}'s inspector at ${url}: ${(error as Error).message}`, error);
  }
  const session = cdp(socket);
  /** Evaluates a packed read in the target; undefined when it has no registry. */
  const evaluate = async (expression: string, awaitPromise: boolean): Promise<AwaitedInfo[] | undefined> => {
    let reply: Record<string, unknown>;
    try {
      reply = await session.call('Runtime.evaluate', { expression, awaitPromise, returnByValue: true });
    } catch (error) {
      if (!alive(pid)) fail(pid, 'ERR_PROCESS_DIED', `process ${pid} exited while being read`, error);
      fail(pid, 'ERR_INSPECT', `reading process ${pid}'s tasks failed: ${(error as Error).message}`, error);
    }
    const details = reply.exceptionDetails as { exception?: { description?: string }; text?: string } | undefined;
    if (details)
      fail(
        pid,
        'ERR_INSPECT',
        `reading process ${pid}'s tasks failed: ${details.exception?.description ?? details.text ?? 'an exception'}`,
      );
    const json = (reply.result as { value?: unknown } | undefined)?.value;
    const value = typeof json === 'string' ? (JSON.parse(json) as { packed?: PackedThreads }) : undefined;
    return value?.packed ? unpackThreads(value.packed) : undefined;
  };
  let blocked = false;
  try {
    const main = await evaluate(MAIN_THREAD_EXPRESSION, false);
    const reading = evaluate(WORKER_THREADS_EXPRESSION, true);
    // Ends the session with the evaluation still pending when the target's loop is blocked; nobody needs that rejection.
    reading.catch(() => undefined);
    const workers = await settledWithin(reading, WORKERS_ANSWER_MS);
    if (workers === null) {
      blocked = true;
      const waited = `${WORKERS_ANSWER_MS / 1000} s`;
      if (main === undefined)
        fail(
          pid,
          'ERR_INSPECT',
          `process ${pid} has no task registry in its main thread, and its event loop did not answer within ${waited} (busy or blocked), so its worker threads could not be asked`,
        );
      onWarning?.(
        `process ${pid}'s event loop did not answer within ${waited} (busy or blocked): only its main thread's tasks are listed, and its inspector closes once the loop is free again`,
      );
      return main;
    }
    if (main === undefined && (workers === undefined || workers.length === 0)) {
      fail(
        pid,
        'ERR_NOT_USING_ASYNCIO',
        `process ${pid} does not use ts314/asyncio: it has no task registry. Create its tasks with ts314/asyncio (createTask, TaskGroup, gather), or load it at start: node --import ts314/asyncio app.js`,
      );
    }
    return [...(main ?? []), ...(workers ?? [])];
  } finally {
    if (opened) {
      await session.call('Runtime.evaluate', { expression: CLOSE_EXPRESSION, includeCommandLineAPI: true }).catch(() => undefined);
    }
    socket.close();
    await settledWithin(session.closed, 1000);
    // A blocked loop runs the close only once it is free: waiting for the port would only add seconds.
    if (opened && port !== undefined && !blocked) {
      const until = performance.now() + 5000;
      while (performance.now() < until && alive(pid) && (await portListens(port))) await delay(20);
    }
  }
}

/**
 * The pending tasks of every thread of process `pid` (CPython's `asyncio.tools.get_all_awaited_by`),
 * read without a restart: SIGUSR1 opens the process's inspector on 127.0.0.1, one evaluation reads
 * the main thread's ts314/asyncio registry and a second asks the worker threads (over a
 * BroadcastChannel), and the inspector is closed again, so nothing listens afterwards. The target's
 * stderr notice ("Debugger listening on …") is the only trace. A target whose event loop is blocked
 * still gives its main thread's tasks (and `onWarning` is told). Throws InspectError with a code
 * saying why it could not.
 * @example
 * const threads = await getAllAwaitedBy(12345);
 * console.log(formatTaskTable(buildTaskTable(threads)));
 */
export async function getAllAwaitedBy(pid: number, options?: InspectOptions): Promise<AwaitedInfo[]> {
  checkOptionKeys(options, ['retries', 'timeoutMs', 'onWarning'], 'getAllAwaitedBy()');
  if (options?.onWarning !== undefined && typeof options.onWarning !== 'function')
    throw new InvalidArgumentError(`getAllAwaitedBy(): onWarning must be a function, got ${typeof options.onWarning}`);
  const context = { where: 'getAllAwaitedBy()' };
  checkInteger(pid, 'pid', context, 1);
  const retries = optionalInteger(options?.retries, 'retries', 0, context);
  const timeoutMs = optionalInteger(options?.timeoutMs, 'timeoutMs', DEFAULT_TIMEOUT_MS, context, 1);
  try {
    process.kill(pid, 0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') fail(pid, 'ERR_NO_SUCH_PROCESS', `no such process: ${pid}`, error);
    if (code === 'EPERM')
      fail(pid, 'ERR_PERMISSION_DENIED', `permission denied: cannot inspect process ${pid} (run as its user or root)`, error);
    throw error;
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return await readOnce(pid, timeoutMs, options?.onWarning);
    } catch (error) {
      const code = (error as InspectError).code;
      const final =
        code === 'ERR_NO_SUCH_PROCESS' ||
        code === 'ERR_PERMISSION_DENIED' ||
        code === 'ERR_NOT_USING_ASYNCIO' ||
        code === 'ERR_PROCESS_DIED';
      if (final || attempt >= retries) throw error;
    }
  }
}
