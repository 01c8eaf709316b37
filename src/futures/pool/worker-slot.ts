// One worker as the pool tracks it: its channel and result log, the tasks it holds, and how it came to end.
import type { ResourceLimits } from 'node:worker_threads';
import type { Transferable } from '../../internal/transferable.js';
import type { CallableRef } from '../../internal/callable.js';
import type { EncodedArgs } from '../../internal/wire.js';
import { spawnProcess, spawnThread, type Channel } from '../../internal/worker/channel.js';
import { describeExit, type WorkerExit } from '../../internal/worker/exit.js';
import type { FromWorker, TaskProgress, TasksInit } from '../../internal/worker/protocol.js';
import { createResultLogMemory, ResultLogReader } from '../../internal/worker/result-log.js';
import { adoptAsNativePromise } from '../../internal/promise-subclass.js';
import { Future } from '../future.js';

/**
 * One submitted call (or map chunk) from submit until it settles: the Future the caller holds is the
 * pool's task record too, so a tiny task costs one object rather than a future and a record.
 */
export class PoolTask extends Future<unknown> {
  readonly ref: CallableRef;
  readonly mode: number;
  readonly payload: unknown[];
  readonly hasHandles: boolean;
  readonly transfer: readonly Transferable[] | undefined;
  readonly signal: AbortSignal | undefined;
  /** The pool's id for `ref`, so a worker compiles or imports each callable once. */
  fnId = 0;
  /** The worker it was sent to, while it is there. */
  slot: WorkerSlot | undefined = undefined;
  /** Its number within that worker's stream of tasks (the order the worker runs them in). */
  seq = 0;
  /** Marked running once; a task requeued after its worker died is not marked again. */
  dispatched = false;
  /** Workers that died while loading this task's callable or arguments (before calling it). */
  loadDeaths = 0;

  constructor(
    ref: CallableRef,
    mode: number,
    payload: unknown[],
    hasHandles: boolean,
    transfer: readonly Transferable[] | undefined,
    signal: AbortSignal | undefined,
  ) {
    super();
    this.ref = ref;
    this.mode = mode;
    this.payload = payload;
    this.hasHandles = hasHandles;
    this.transfer = transfer;
    this.signal = signal;
  }

  /** The future the caller holds: the task itself. */
  get future(): Future<unknown> {
    return this;
  }
}

adoptAsNativePromise(PoolTask);

/** What a worker is started with: the pool's kind, name and initializer. */
export interface SlotConfig {
  readonly kind: 'thread' | 'process';
  readonly name: string;
  readonly initializer: CallableRef | undefined;
  readonly initargs: EncodedArgs;
  readonly resourceLimits: ResourceLimits | undefined;
}

/** Why the pool itself ended a worker, by these names, so a deliberate end is never told as a crash. */
export type EndReason = 'shutdown' | 'terminateWorkers()' | 'killWorkers()' | 'maxTasksPerWorker' | 'idleTimeout' | 'abort';

export class WorkerSlot {
  readonly channel: Channel;
  /** Thread workers only: how far the worker got and what it finished, readable even after it dies. */
  readonly log: ResultLogReader | undefined;
  /** Tasks sent and not settled, by seq; Map order is seq order. */
  readonly inflight = new Map<number, PoolTask>();
  /** fnIds whose callable this worker has already been sent. */
  readonly known = new Set<number>();
  readonly exited: Promise<void>;
  nextSeq = 0;
  dispatched = 0;
  /** Running a task that can be aborted: nothing else is sent until it finishes (see Pool's dispatch). */
  solo = false;
  /** Reached maxTasksPerWorker: ended once its tasks are done. */
  retiring = false;
  endedBy: EndReason | undefined;
  /** The uncaught error the worker reported before it died. */
  fatal: Error | undefined;
  /** How far the worker said it got on its way out (a process has no shared log to read it from). */
  reportedProgress: TaskProgress | undefined;
  /** The worker reported it loaded (and ran its initializer); dying before that breaks the pool. */
  ready = false;
  idleTimer: NodeJS.Timeout | undefined;
  #refd = true;

  constructor(
    config: SlotConfig,
    onMessage: (slot: WorkerSlot, message: FromWorker) => void,
    onExit: (slot: WorkerSlot, exit: WorkerExit) => void,
  ) {
    const memory = config.kind === 'thread' ? createResultLogMemory() : undefined;
    const init: TasksInit = {
      service: 'tasks',
      name: config.name,
      initializer: config.initializer,
      initargs: config.initargs,
      log: memory,
    };
    this.channel = config.kind === 'thread' ? spawnThread(init, config.resourceLimits) : spawnProcess(init);
    this.log = memory ? new ResultLogReader(memory) : undefined;
    this.channel.onMessage((message) => onMessage(this, message));
    this.exited = new Promise((resolve) => {
      this.channel.onExit((exit) => {
        onExit(this, exit);
        resolve();
      });
    });
  }

  /** Hands a task to this worker; the caller sends it. */
  assign(task: PoolTask): void {
    task.seq = this.nextSeq++;
    task.slot = this;
    this.inflight.set(task.seq, task);
    this.dispatched++;
  }

  /** Takes back the task with this seq (its result arrived, or it could not be sent); undefined if already gone. */
  release(seq: number): PoolTask | undefined {
    const task = this.inflight.get(seq);
    if (task === undefined) return undefined;
    this.inflight.delete(seq);
    if (task.signal) this.solo = false;
    return task;
  }

  /** Ends the worker; the first reason given is the one its exit is reported with. */
  end(reason: EndReason, hard: boolean): void {
    this.endedBy ??= reason;
    clearTimeout(this.idleTimer);
    this.channel.terminate(hard);
  }

  /** Ended by a shutdown or terminate/kill of the whole pool, rather than by something about this worker. */
  get endedWithPool(): boolean {
    return this.endedBy === 'terminateWorkers()' || this.endedBy === 'killWorkers()' || this.endedBy === 'shutdown';
  }

  /** Whether this worker keeps the process alive: only while it has work, as a forgotten Python executor does not block exit. */
  keepAlive(on: boolean): void {
    if (this.#refd === on) return;
    this.#refd = on;
    if (on) {
      this.channel.ref();
      clearTimeout(this.idleTimer);
    } else {
      this.channel.unref();
    }
  }

  describeExit(exit: WorkerExit): string {
    return describeExit({ code: exit.code, signal: exit.signal, error: this.fatal ?? exit.error }, this.endedBy);
  }
}
