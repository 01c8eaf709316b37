// Worker side of a pool: runs batched tasks one at a time, records progress in shared memory, coalesces results.
import { serialize } from 'node:v8';
import type { AnyFunction, CallableRef } from '../callable.js';
import { serializeError, type SerializedError } from '../remote-error.js';
import { isThenable } from '../thenable.js';
import type { EncodedArgs } from '../wire.js';
import {
  MODE_CHUNK,
  MODE_COLUMN,
  RESULT_STRIDE,
  STATUS_ERROR,
  STATUS_OK,
  TASK_STRIDE,
  type FromWorker,
  type TaskProgress,
  type TasksInit,
  type ToWorker,
  type WorkerServiceLoop,
} from './protocol.js';
import { ResultLogWriter } from './result-log.js';
import { NEEDS_TYPESCRIPT_AT_START, registerTypeScriptLoader } from './boot-data.js';
import { loadTask, taskFailure } from './task.js';

/**
 * Results wait in an outbox so tiny tasks cost one message per batch, not one each. Before starting
 * a task, results older than this are posted. A long task that starts right after quick ones would
 * still hold theirs back, so the pool also reads finished results straight from the shared result
 * log (see Pool's LOG_POLL_MS).
 */
export const FLUSH_INTERVAL_MS = 1;

export interface Runner extends WorkerServiceLoop {
  /** How far it got: told to the pool when the worker ends on its own (a process has no shared log). */
  readonly progress: TaskProgress;
}

/** Handles in arguments are rare, so the code that revives them loads only when one arrives. */
async function decodeArgs(args: EncodedArgs): Promise<unknown[]> {
  return args.hasHandles ? (await import('../wire.js')).decodeArgs(args) : args.payload;
}

/** What a task whose result cannot be cloned (a function, a symbol) fails with instead. */
function unsendable(error: unknown): SerializedError {
  return serializeError(
    new TypeError(`the task's result cannot be sent back from the worker: ${(error as Error).message}`, { cause: error }),
  );
}

/** `where` names this worker in explanations, e.g. 'InterpreterPoolExecutor worker 3'. */
export function startRunner(init: TasksInit, post: (message: FromWorker) => void, where: string): Runner {
  const log = init.log ? new ResultLogWriter(init.log) : undefined;
  const fns = new Map<number, AnyFunction>();
  const refs = new Map<number, CallableRef>();
  const queue: unknown[] = [];
  let head = 0;
  let outbox: unknown[] = [];
  let lastFlush = performance.now();
  let draining = false;
  let busy = 0;
  let scheduled = false;
  let started = 0;
  let called = 0;

  const flush = (): void => {
    lastFlush = performance.now();
    if (outbox.length === 0) return;
    const r = outbox;
    outbox = [];
    const ms = busy;
    busy = 0;
    try {
      post({ t: 'r', r, ms });
    } catch {
      // A result posted without being logged was never checked: each one that cannot cross fails alone.
      for (let i = 2; i < r.length; i += RESULT_STRIDE) {
        try {
          structuredClone(r[i]);
        } catch (error) {
          r[i - 1] = STATUS_ERROR;
          r[i] = unsendable(error);
        }
      }
      post({ t: 'r', r, ms });
    }
    log?.reset();
  };

  const ready: Promise<boolean> = (async () => {
    if (!init.initializer) {
      post({ t: 'ready' });
      return true;
    }
    try {
      // A pool cannot run its initializer again on a fresh worker, so one from a module gets tsx first.
      if (init.initializer.kind === 'module') await registerTypeScriptLoader();
      const fn = await loadTask(init.initializer, where);
      await fn(...(await decodeArgs(init.initargs)));
      post({ t: 'ready' });
      return true;
    } catch (error) {
      post({ t: 'init-failed', e: taskFailure(error, init.initializer) });
      return false;
    }
  })();

  const runChunk = async (fn: AnyFunction, fnId: number, argsList: unknown[][]): Promise<unknown[]> => {
    const out: unknown[] = [];
    for (const args of argsList) {
      try {
        let value: unknown = fn(...args);
        if (isThenable(value)) value = await value;
        out.push(STATUS_OK, value);
      } catch (error) {
        out.push(STATUS_ERROR, taskFailure(error, refs.get(fnId)));
      }
    }
    return out;
  };

  const runColumn = async (fn: AnyFunction, fnId: number, column: ArrayLike<unknown>): Promise<unknown[]> => {
    const n = column.length;
    // Numbers until a result is not one: then the values move to a plain array.
    let numbers: Float64Array | undefined = new Float64Array(n);
    let values: unknown[] | undefined;
    let failedAt = -1;
    let failure: SerializedError | undefined;
    for (let i = 0; i < n; i++) {
      let value: unknown;
      try {
        value = fn(column[i]);
        if (isThenable(value)) value = await value;
      } catch (error) {
        if (failedAt < 0) {
          failedAt = i;
          failure = taskFailure(error, refs.get(fnId));
        }
        continue;
      }
      if (numbers !== undefined) {
        if (typeof value === 'number') {
          numbers[i] = value;
          continue;
        }
        values = Array.from(numbers.subarray(0, i)) as unknown[];
        values.length = n;
        numbers = undefined;
      }
      values![i] = value;
    }
    return [numbers ?? values, failedAt, failure];
  };

  const drain = async (): Promise<void> => {
    scheduled = false;
    if (draining) return;
    draining = true;
    if (!(await ready)) return; // the pool is broken; the parent fails everything
    while (head < queue.length) {
      const seq = queue[head] as number;
      const fnId = queue[head + 1] as number;
      const mode = queue[head + 2] as number;
      const payload = queue[head + 3] as unknown[];
      const hasHandles = queue[head + 4] as boolean;
      const flushBefore = queue[head + 5] as boolean;
      for (let i = 0; i < TASK_STRIDE; i++) queue[head + i] = undefined;
      head += TASK_STRIDE;
      if (head > 4096 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      const t0 = performance.now();
      // A task that may be interrupted (it has a signal) must not start while earlier results sit unsent.
      if (outbox.length > 0 && (flushBefore || t0 - lastFlush >= FLUSH_INTERVAL_MS)) flush();
      started = seq + 1;
      log?.started(seq);
      let status = STATUS_OK;
      let value: unknown;
      try {
        let fn = fns.get(fnId);
        if (fn === undefined) {
          fn = await loadTask(refs.get(fnId)!, where);
          fns.set(fnId, fn);
        }
        const args = hasHandles ? await decodeArgs({ payload, hasHandles }) : payload;
        called = seq + 1;
        log?.called(seq);
        if (mode === MODE_COLUMN) {
          value = await runColumn(fn, fnId, args[0] as ArrayLike<unknown>);
        } else if (mode === MODE_CHUNK) {
          value = await runChunk(fn, fnId, args as unknown[][]);
        } else {
          value = fn(...args);
          if (isThenable(value)) {
            flush();
            value = await value;
          }
        }
      } catch (error) {
        // Its module graph needs tsx registered before any of it loads, and this thread keeps the failed
        // load: the worker ends before calling anything, and the pool runs the task on a fresh worker,
        // which registers tsx first.
        if ((error as Record<symbol, unknown> | null)?.[NEEDS_TYPESCRIPT_AT_START] === true && called <= seq) process.exit(0);
        status = STATUS_ERROR;
        value = taskFailure(error, refs.get(fnId));
      }
      const now = performance.now();
      busy += now - t0;
      if (log && now - lastFlush >= FLUSH_INTERVAL_MS) {
        // Its batch's time is up: posted now, it needs no copy in the log (a posted message arrives even
        // if the worker dies next), and a long task's result is serialised once instead of twice.
        outbox.push(seq, status, value);
        flush();
      } else if (typeof value === 'number') {
        // A number needs no serializer to be logged (8 bytes) nor to be known to cross.
        outbox.push(seq, status, value);
        if (log && !log.appendNumber(seq, status, value)) flush();
      } else {
        // Serialising here feeds the result log, and in a process checks the result can cross (a function cannot).
        let bytes: Buffer | undefined;
        try {
          bytes = serialize(value);
        } catch (error) {
          // A thread's postMessage also takes what v8.serialize cannot (a SharedArrayBuffer): it decides, in flush().
          if (!log) {
            status = STATUS_ERROR;
            value = unsendable(error);
            bytes = serialize(value);
          }
        }
        outbox.push(seq, status, value);
        // Unlogged, or too big for what is left of the log: posting it (with the outbox) keeps it just as safe.
        if (log && (bytes === undefined || !log.append(seq, status, bytes))) flush();
      }
      log?.completed(seq);
    }
    draining = false;
    flush();
  };

  return {
    flush,
    get progress() {
      return { started, called };
    },
    onMessage(message: ToWorker): void {
      if (message.t !== 'run') return;
      if (message.d) for (const [id, ref] of message.d) refs.set(id, ref);
      const b = message.b;
      for (let i = 0; i < b.length; i++) queue.push(b[i]);
      // setImmediate, not a microtask: every batch already waiting in the port is queued before we start.
      if (!draining && !scheduled) {
        scheduled = true;
        setImmediate(() => void drain());
      }
    },
  };
}
