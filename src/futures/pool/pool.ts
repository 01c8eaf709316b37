// The pool scheduler: sends queued tasks to workers in batches, replaces dead workers, never loses or repeats a task.
import type { ResourceLimits } from 'node:worker_threads';
import type { Transferable } from '../../internal/transferable.js';
import type { CallableRef } from '../../internal/callable.js';
import { deserializeError, type SerializedError } from '../../internal/remote-error.js';
import type { EncodedArgs } from '../../internal/wire.js';
import type { WorkerExit } from '../../internal/worker/exit.js';
import { MODE_CHUNK, MODE_COLUMN, RESULT_STRIDE, STATUS_OK, type FromWorker } from '../../internal/worker/protocol.js';
import type { ItemOutcome, PackedOutcomes } from '../map.js';
import { setDoneListener, type DoneListener } from '../future.js';
import { BatchPolicy } from './scheduling.js';
import { TaskQueue } from './task-queue.js';
import { WorkerSlot, type PoolTask } from './worker-slot.js';

export type { PoolTask } from './worker-slot.js';

/**
 * While tasks are in flight, how often the pool looks for results a busy worker has finished but not
 * yet posted (it is running a long task right after quick ones): the bound on how late a result is.
 */
export const LOG_POLL_MS = 5;
/** How long a process that ignores SIGTERM gets before it is killed, so closing never hangs. */
const KILL_GRACE_MS = 2000;

export interface PoolConfig {
  readonly kind: 'thread' | 'process';
  /** Executor name for messages, e.g. 'InterpreterPoolExecutor'. */
  readonly name: string;
  readonly maxWorkers: number;
  readonly BrokenError: new (message: string, options?: ErrorOptions) => Error;
  readonly initializer: CallableRef | undefined;
  readonly initargs: EncodedArgs;
  readonly maxTasksPerWorker: number | undefined;
  readonly idleTimeout: number;
  readonly resourceLimits: ResourceLimits | undefined;
}

export class Pool implements DoneListener {
  readonly config: PoolConfig;
  #queue = new TaskQueue();
  #slots = new Set<WorkerSlot>();
  #fnIds = new Map<unknown, number>();
  /** The same ref object again (the executors reuse them) skips building its key. */
  #fnIdsByRef = new WeakMap<CallableRef, number>();
  #policy: BatchPolicy;
  #outstanding = 0;
  #scheduled = false;
  #broken: Error | undefined;
  #closing = false;
  #drained: (() => void)[] = [];
  #poll: NodeJS.Timeout | undefined;

  constructor(config: PoolConfig) {
    this.config = config;
    this.#policy = new BatchPolicy(config.kind);
  }

  get broken(): Error | undefined {
    return this.#broken;
  }

  /** Live workers (for tests and diagnostics). */
  get workerCount(): number {
    return this.#slots.size;
  }

  submit(task: PoolTask): void {
    task.fnId = this.#fnIdOf(task.ref);
    this.#outstanding++;
    setDoneListener(task, this);
    const signal = task.signal;
    if (signal) {
      const onAbort = (): void => this.#abort(task, signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      task.future.addDoneCallback(() => signal.removeEventListener('abort', onAbort));
    }
    this.#queue.push(task);
    this.#schedule();
  }

  /** A submitted task is done (settled, cancelled or failed): the count shutdown() waits on. */
  futureDone(): void {
    this.#outstanding--;
    if (this.#outstanding === 0) for (const wake of this.#drained.splice(0)) wake();
  }

  #fnIdOf(ref: CallableRef): number {
    let fnId = this.#fnIdsByRef.get(ref);
    if (fnId !== undefined) return fnId;
    // By text, so a fresh arrow function per submit (a common pattern) is still compiled once per worker.
    const key = ref.kind === 'source' ? `s:${ref.isMethod ? 'm' : 'f'}:${ref.source}` : `m:${ref.url}#${ref.exportName}`;
    fnId = this.#fnIds.get(key);
    if (fnId === undefined) {
      fnId = this.#fnIds.size;
      this.#fnIds.set(key, fnId);
    }
    this.#fnIdsByRef.set(ref, fnId);
    return fnId;
  }

  /** Resolves once every submitted task is done. */
  drained(): Promise<void> {
    if (this.#outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  /** Cancels every task not yet sent to a worker. */
  cancelQueued(): void {
    // A requeued task was marked running once, so only forceCancel can cancel it.
    this.#queue.drain((task, requeued) => (requeued ? task.future.forceCancel() : task.future.cancel()));
  }

  /** Ends every worker and waits for them to exit. */
  async close(mode: 'graceful' | 'terminate' | 'kill'): Promise<void> {
    this.#closing = true;
    const exits: Promise<void>[] = [];
    for (const slot of this.#slots) {
      slot.end(mode === 'graceful' ? 'shutdown' : mode === 'kill' ? 'killWorkers()' : 'terminateWorkers()', mode === 'kill');
      exits.push(slot.exited);
    }
    const grace = setTimeout(() => {
      for (const slot of this.#slots) slot.channel.terminate(true);
    }, KILL_GRACE_MS);
    try {
      await Promise.all(exits);
    } finally {
      clearTimeout(grace);
    }
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // Deferred so a loop of submit() calls becomes a few large messages instead of one per task.
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#dispatchAll();
    });
  }

  #dispatchAll(): void {
    if (this.#broken || this.#queue.size === 0) return;
    const perWorker = this.#policy.perWorker();
    const ready: WorkerSlot[] = [];
    let idle = 0;
    for (const slot of this.#slots) {
      if (slot.retiring || slot.endedBy || slot.solo) continue;
      if (slot.inflight.size === 0) idle++;
      if (slot.inflight.size <= perWorker >> 1) ready.push(slot);
    }
    // Like Python, a task that finds no idle worker starts a new one (up to maxWorkers), so tasks
    // submitted together run side by side: they may wait for each other (a Barrier, a Lock).
    while (!this.#closing && this.#slots.size < this.config.maxWorkers && this.#queue.size > idle) {
      ready.push(this.#spawn());
      idle++;
    }
    ready.sort((a, b) => a.inflight.size - b.inflight.size);
    for (let i = 0; i < ready.length; i++) {
      const queued = this.#queue.size;
      if (queued === 0) break;
      const slot = ready[i]!;
      const share = Math.ceil(queued / (ready.length - i));
      this.#dispatch(slot, Math.max(1, Math.min(perWorker - slot.inflight.size, share)));
    }
  }

  #dispatch(slot: WorkerSlot, count: number): void {
    const max = this.config.maxTasksPerWorker;
    if (max !== undefined) count = Math.min(count, max - slot.dispatched);
    const b: unknown[] = [];
    const d: (readonly [number, CallableRef])[] = [];
    const tasks: PoolTask[] = [];
    let transfer: Transferable[] | undefined;
    while (tasks.length < count) {
      const task = this.#queue.peek();
      if (task === undefined) break;
      // A task that may be aborted runs alone, so interrupting it (terminating the worker) touches nothing else.
      if (task.signal && (tasks.length > 0 || slot.inflight.size > 0)) break;
      this.#queue.take();
      if (!task.dispatched) {
        if (!task.future.setRunningOrNotifyCancel()) continue;
        task.dispatched = true;
      }
      slot.assign(task);
      tasks.push(task);
      if (!slot.known.has(task.fnId)) {
        slot.known.add(task.fnId);
        d.push([task.fnId, task.ref]);
      }
      b.push(task.seq, task.fnId, task.mode, task.payload, task.hasHandles, task.signal !== undefined);
      if (task.transfer) (transfer ??= []).push(...task.transfer);
      if (task.signal) {
        slot.solo = true;
        break;
      }
    }
    if (tasks.length === 0) return;
    if (max !== undefined && slot.dispatched >= max) slot.retiring = true;
    slot.keepAlive(true);
    if (slot.log && this.#poll === undefined) {
      this.#poll = setInterval(() => this.#pollLogs(), LOG_POLL_MS);
      this.#poll.unref();
    }
    try {
      slot.channel.send({ t: 'run', d: d.length > 0 ? d : undefined, b }, transfer);
    } catch (batchError) {
      // Something in the batch could not be cloned: send one by one so only the culprit fails.
      if (tasks.length === 1) {
        this.#failSent(slot, tasks[0]!, batchError);
        return;
      }
      for (const task of tasks) {
        try {
          const known = d.find(([id]) => id === task.fnId);
          slot.channel.send(
            {
              t: 'run',
              d: known ? [known] : undefined,
              b: [task.seq, task.fnId, task.mode, task.payload, task.hasHandles, task.signal !== undefined],
            },
            task.transfer,
          );
          if (known) d.splice(d.indexOf(known), 1);
        } catch (error) {
          this.#failSent(slot, task, error);
        }
      }
    }
  }

  #failSent(slot: WorkerSlot, task: PoolTask, error: unknown): void {
    slot.release(task.seq);
    // The worker never saw this seq; the next one it sees must still be in order, so the gap is harmless.
    if (!task.future.done())
      task.future.setException(
        new TypeError(`${this.config.name}: could not send the task's arguments: ${(error as Error).message}`, { cause: error }),
      );
  }

  #spawn(): WorkerSlot {
    const slot = new WorkerSlot(
      this.config,
      (from, message) => this.#onMessage(from, message),
      (from, exit) => this.#onExit(from, exit),
    );
    this.#slots.add(slot);
    return slot;
  }

  #onMessage(slot: WorkerSlot, message: FromWorker): void {
    if (message.t === 'r') {
      const r = message.r;
      this.#policy.record(r.length / RESULT_STRIDE, message.ms);
      for (let i = 0; i < r.length; i += RESULT_STRIDE) {
        const task = slot.release(r[i] as number);
        if (task !== undefined) this.#settle(task, r[i + 1] as number, r[i + 2]);
      }
      if (slot.inflight.size === 0) this.#idle(slot);
      this.#dispatchAll();
    } else if (message.t === 'ready') {
      slot.ready = true;
    } else if (message.t === 'exiting') {
      if (message.e) slot.fatal = deserializeError(message.e);
      slot.reportedProgress = message.progress;
    } else if (message.t === 'init-failed') {
      const cause = deserializeError(message.e);
      this.#breakPool(
        new this.config.BrokenError(
          `${this.config.name}: a worker's initializer failed (${cause.name}: ${cause.message}); the pool is broken and runs no more tasks`,
          { cause },
        ),
      );
    }
  }

  #settle(task: PoolTask, status: number, value: unknown): void {
    const future = task.future;
    if (future.done()) return;
    if (status === STATUS_OK)
      future.setResult(
        task.mode === MODE_CHUNK ? toOutcomes(value as unknown[]) : task.mode === MODE_COLUMN ? toPacked(value as unknown[]) : value,
      );
    else future.setException(deserializeError(value as SerializedError));
  }

  /** Settles results that busy workers have finished but not posted yet; stops when nothing is in flight. */
  #pollLogs(): void {
    let busy = false;
    for (const slot of this.#slots) {
      if (!slot.log || slot.inflight.size === 0) continue;
      busy = true;
      const lowest = slot.inflight.keys().next().value as number;
      if (lowest >= slot.log.completed) continue;
      const before = slot.inflight.size;
      slot.log.readLive((seq, status, value) => this.#settleLogged(slot, seq, status, value));
      if (slot.inflight.size !== before) {
        if (slot.inflight.size === 0) this.#idle(slot);
        this.#dispatchAll();
      }
    }
    if (!busy) {
      clearInterval(this.#poll);
      this.#poll = undefined;
    }
  }

  #settleLogged(slot: WorkerSlot, seq: number, status: number, value: () => unknown): void {
    const task = slot.release(seq);
    if (task !== undefined) this.#settle(task, status, value());
  }

  #idle(slot: WorkerSlot): void {
    if (slot.retiring) {
      slot.end('maxTasksPerWorker', false);
      return;
    }
    if (this.#queue.size > 0) return;
    slot.keepAlive(false);
    if (Number.isFinite(this.config.idleTimeout)) {
      clearTimeout(slot.idleTimer);
      slot.idleTimer = setTimeout(() => {
        if (slot.inflight.size === 0 && !slot.endedBy) slot.end('idleTimeout', false);
      }, this.config.idleTimeout);
      slot.idleTimer.unref();
    }
  }

  #breakPool(error: Error): void {
    if (this.#broken) return;
    this.#broken = error;
    for (const slot of this.#slots) for (const task of slot.inflight.values()) if (!task.future.done()) task.future.setException(error);
    this.#queue.drain((task, requeued) => {
      const future = task.future;
      if (!future.done() && (requeued || future.setRunningOrNotifyCancel())) future.setException(error);
    });
    void this.close('terminate');
  }

  #abort(task: PoolTask, reason: unknown): void {
    const future = task.future;
    if (future.cancel(reason)) return; // still queued: skipped when its turn comes
    if (future.done()) return;
    future.forceCancel(reason);
    const slot = task.slot;
    // Running (alone, see #dispatch): the only way to stop JavaScript mid-task is to end its worker.
    if (slot?.inflight.has(task.seq)) slot.end('abort', true);
  }

  #onExit(slot: WorkerSlot, exit: WorkerExit): void {
    this.#slots.delete(slot);
    clearTimeout(slot.idleTimer);
    // Results it logged but never got to send settle first: those tasks are done, not lost.
    slot.log?.readFinal((seq, status, value) => this.#settleLogged(slot, seq, status, value));
    const tasks = [...slot.inflight.values()].sort((a, b) => a.seq - b.seq);
    slot.inflight.clear();
    // A process has no shared log; unless it said how far it got, any task it held may have run.
    const progress = slot.log ?? slot.reportedProgress;
    const started = progress ? progress.started : Infinity;
    const called = progress ? progress.called : Infinity;
    const completed = slot.log ? slot.log.completed : 0;
    const requeue: PoolTask[] = [];
    const how = slot.describeExit(exit);
    const cause = slot.fatal ?? exit.error;
    const options = cause ? { cause } : undefined;
    const { name, BrokenError } = this.config;
    if (!slot.ready && !slot.endedBy && !this.#broken) {
      // A worker that cannot even start would be replaced by one that cannot either: stop, as Python does.
      this.#breakPool(new BrokenError(`${name}: a worker ${how} before it was ready; the pool is broken and runs no more tasks`, options));
    }
    for (const task of tasks) {
      if (task.future.done()) continue;
      if (task.seq < completed) {
        task.future.setException(
          new BrokenError(
            `${name}: worker ${slot.channel.id} ${how} after this task completed but before its result was sent; the result is lost and the task was not re-run`,
            options,
          ),
        );
      } else if (task.seq < started && task.seq >= called && task.loadDeaths === 0) {
        // Its function was never called, so running it elsewhere cannot run it twice: the death may be a
        // late crash of the task before (a timer's throw, an unhandled rejection). Twice means it is the cause.
        task.loadDeaths++;
        requeue.push(task);
      } else if (task.seq < started && task.seq >= called) {
        task.future.setException(
          new BrokenError(
            `${name}: worker ${slot.channel.id} ${how} while loading this task's function or arguments, the second worker to die that way; the task was not run again`,
            options,
          ),
        );
      } else if (task.seq < started && !slot.endedWithPool) {
        task.future.setException(
          new BrokenError(
            `${name}: worker ${slot.channel.id} ${how} while running this task; the worker was replaced and the pool's other tasks are unaffected`,
            options,
          ),
        );
      } else if (task.seq < started) {
        task.future.setException(
          new BrokenError(`${name}: worker ${slot.channel.id} was ended by ${slot.endedBy} while running this task`, options),
        );
      } else {
        requeue.push(task);
      }
    }
    if (requeue.length > 0) {
      for (const task of requeue) task.slot = undefined;
      if (this.#broken) for (const task of requeue) task.future.setException(this.#broken);
      // Never started, and the pool is going away: cancelled is the honest state (it did not run).
      else if (this.#closing)
        for (const task of requeue) task.future.forceCancel(new BrokenError(`${name}: the pool was closed before this task started`));
      else this.#queue.requeueFront(requeue);
    }
    this.#dispatchAll();
  }
}

function toOutcomes(flat: unknown[]): ItemOutcome[] {
  const out: ItemOutcome[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    out.push(
      flat[i] === STATUS_OK ? { ok: true, value: flat[i + 1] } : { ok: false, error: deserializeError(flat[i + 1] as SerializedError) },
    );
  }
  return out;
}

function toPacked([values, failedAt, error]: unknown[]): PackedOutcomes {
  return {
    values: values as ArrayLike<unknown>,
    failedAt: failedAt as number,
    error: (failedAt as number) < 0 ? undefined : deserializeError(error as SerializedError),
  };
}
