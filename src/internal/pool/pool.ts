// The pool scheduler: queues tasks, batches them to workers, replaces dead workers, never loses or repeats a task.
import { deserialize } from 'node:v8';
import type { ResourceLimits, TransferListItem } from 'node:worker_threads';
import type { CallableRef } from '../callable.js';
import { deserializeError, type SerializedError } from '../remote-error.js';
import type { EncodedArgs } from '../wire.js';
import type { Future } from '../../futures/future.js';
import type { ItemOutcome } from '../../futures/map.js';
import { spawnProcess, spawnThread, type Channel, type ChannelExit } from './channel.js';
import {
  LOG_HEADER_BYTES, MODE_CHUNK, RESULT_LOG_BYTES, RESULT_STRIDE, STATE_COMPLETED, STATE_LOG_END, STATE_LOG_GEN, STATE_SLOTS, STATE_STARTED, STATUS_OK,
  type FromWorker, type InitData,
} from './protocol.js';

/** A batch should keep a worker busy about this long: long enough to amortise a message, short enough to balance load. */
export const TARGET_BATCH_MS = 2;
/** Upper bound on tasks per message, so one worker cannot hoard a short queue. */
export const MAX_BATCH = 512;
/** Above this average task time a worker is sent one task at a time (no look-ahead). */
export const LONG_TASK_MS = 50;
/**
 * While tasks are in flight, how often the pool looks for results a busy worker has finished but not
 * yet posted (it is running a long task right after quick ones): the bound on how late a result is.
 */
export const LOG_POLL_MS = 5;
/** Tasks per worker before the first results tell us how long tasks take. */
export const INITIAL_BATCH = 4;

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

export interface PoolTask {
  readonly future: Future<unknown>;
  readonly ref: CallableRef;
  readonly mode: number;
  readonly payload: unknown[];
  readonly hasHandles: boolean;
  readonly transfer: readonly TransferListItem[] | undefined;
  readonly signal: AbortSignal | undefined;
  fnId: number;
  slot: Slot | undefined;
  seq: number;
  dispatched: boolean;
}

interface Slot {
  readonly channel: Channel;
  readonly state: Int32Array | undefined;
  readonly log: SharedArrayBuffer | undefined;
  readonly inflight: Map<number, PoolTask>;
  readonly known: Set<number>;
  nextSeq: number;
  dispatched: number;
  /** Running a task that can be aborted: nothing else is sent until it finishes (see dispatch). */
  solo: boolean;
  retiring: boolean;
  /** Why the pool ended this worker, when it did (so its exit is not reported as a crash). */
  endedBy: string | undefined;
  fatal: Error | undefined;
  /** The worker reported it loaded (and ran its initializer); dying before that breaks the pool. */
  ready: boolean;
  refd: boolean;
  idleTimer: NodeJS.Timeout | undefined;
  exited: Promise<void>;
}

export class Pool {
  readonly config: PoolConfig;
  #queue: PoolTask[] = [];
  #head = 0;
  /** Tasks a dead worker never started: they go first, in their original order. */
  #front: PoolTask[] = [];
  #slots = new Set<Slot>();
  #fnIds = new Map<unknown, number>();
  #avgTaskMs = -1;
  #outstanding = 0;
  #scheduled = false;
  #broken: Error | undefined;
  #closing = false;
  #drained: (() => void)[] = [];
  #poll: NodeJS.Timeout | undefined;

  constructor(config: PoolConfig) {
    this.config = config;
  }

  get broken(): Error | undefined {
    return this.#broken;
  }

  /** Live workers (for tests and diagnostics). */
  get workerCount(): number {
    return this.#slots.size;
  }

  submit(task: PoolTask): void {
    // By text, so a fresh arrow function per submit (a common pattern) is still compiled once per worker.
    const key = task.ref.kind === 'source' ? `s:${task.ref.isMethod ? 'm' : 'f'}:${task.ref.source}` : `m:${task.ref.url}#${task.ref.exportName}`;
    let fnId = this.#fnIds.get(key);
    if (fnId === undefined) {
      fnId = this.#fnIds.size;
      this.#fnIds.set(key, fnId);
    }
    task.fnId = fnId;
    this.#outstanding++;
    task.future.waitInternal(() => {
      this.#outstanding--;
      if (this.#outstanding === 0) for (const wake of this.#drained.splice(0)) wake();
    });
    const signal = task.signal;
    if (signal) {
      const onAbort = (): void => this.#abort(task, signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      task.future.addDoneCallback(() => signal.removeEventListener('abort', onAbort));
    }
    this.#queue.push(task);
    this.#schedule();
  }

  /** Resolves once every submitted task is done. */
  drained(): Promise<void> {
    if (this.#outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  /** Cancels every task not yet sent to a worker. */
  cancelQueued(): void {
    for (const task of this.#front.splice(0)) task.future.forceCancel();
    for (let i = this.#head; i < this.#queue.length; i++) this.#queue[i]!.future.cancel();
    this.#queue = [];
    this.#head = 0;
  }

  /** Ends every worker and waits for them to exit. `reason` fails their in-flight tasks when given. */
  async close(mode: 'graceful' | 'terminate' | 'kill'): Promise<void> {
    this.#closing = true;
    const exits: Promise<void>[] = [];
    for (const slot of this.#slots) {
      slot.endedBy ??= mode === 'graceful' ? 'shutdown' : mode === 'kill' ? 'killWorkers()' : 'terminateWorkers()';
      clearTimeout(slot.idleTimer);
      slot.channel.terminate(mode === 'kill');
      exits.push(slot.exited);
    }
    // A process that ignores SIGTERM is killed after a grace period, so this never hangs.
    const grace = setTimeout(() => {
      for (const slot of this.#slots) slot.channel.terminate(true);
    }, 2000);
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

  #batchTarget(): number {
    if (this.config.kind === 'process') return 1;
    if (this.#avgTaskMs < 0) return INITIAL_BATCH;
    return Math.max(1, Math.min(MAX_BATCH, Math.round(TARGET_BATCH_MS / Math.max(this.#avgTaskMs, 1e-4))));
  }

  #queued(): number {
    return this.#front.length + this.#queue.length - this.#head;
  }

  #nextTask(peek: boolean): PoolTask | undefined {
    for (;;) {
      let task: PoolTask | undefined;
      if (this.#front.length > 0) task = this.#front[0];
      else if (this.#head < this.#queue.length) task = this.#queue[this.#head];
      if (task === undefined) return undefined;
      if (task.future.done()) {
        this.#take();
        continue;
      }
      if (!peek) this.#take();
      return task;
    }
  }

  #take(): void {
    if (this.#front.length > 0) {
      this.#front.shift();
      return;
    }
    this.#queue[this.#head++] = undefined as unknown as PoolTask;
    if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  #dispatchAll(): void {
    if (this.#broken || this.#queued() === 0) return;
    const target = this.#batchTarget();
    // Two batches per worker hide the round trip; tasks longer than LONG_TASK_MS go one at a time, so
    // none waits behind a long one while another worker idles.
    const perWorker = this.config.kind === 'process' || this.#avgTaskMs > LONG_TASK_MS ? 1 : target * 2;
    const ready: Slot[] = [];
    let idle = 0;
    for (const slot of this.#slots) {
      if (slot.retiring || slot.endedBy || slot.solo) continue;
      if (slot.inflight.size === 0) idle++;
      if (slot.inflight.size <= perWorker >> 1) ready.push(slot);
    }
    // Like Python, a task that finds no idle worker starts a new one (up to maxWorkers), so tasks
    // submitted together run side by side: they may wait for each other (a Barrier, a Lock).
    while (!this.#closing && this.#slots.size < this.config.maxWorkers && this.#queued() > idle) {
      ready.push(this.#spawn());
      idle++;
    }
    ready.sort((a, b) => a.inflight.size - b.inflight.size);
    for (let i = 0; i < ready.length; i++) {
      const queued = this.#queued();
      if (queued === 0) break;
      const slot = ready[i]!;
      const share = Math.ceil(queued / (ready.length - i));
      this.#dispatch(slot, Math.max(1, Math.min(perWorker - slot.inflight.size, share)));
    }
  }

  #dispatch(slot: Slot, count: number): void {
    const max = this.config.maxTasksPerWorker;
    if (max !== undefined) count = Math.min(count, max - slot.dispatched);
    const b: unknown[] = [];
    const d: (readonly [number, CallableRef])[] = [];
    const tasks: PoolTask[] = [];
    let transfer: TransferListItem[] | undefined;
    while (tasks.length < count) {
      const task = this.#nextTask(true);
      if (task === undefined) break;
      // A task that may be aborted runs alone, so interrupting it (terminating the worker) touches nothing else.
      if (task.signal && (tasks.length > 0 || slot.inflight.size > 0)) break;
      this.#take();
      if (!task.dispatched) {
        if (!task.future.setRunningOrNotifyCancel()) continue;
        task.dispatched = true;
      }
      task.seq = slot.nextSeq++;
      task.slot = slot;
      slot.inflight.set(task.seq, task);
      slot.dispatched++;
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
    if (!slot.refd) {
      slot.refd = true;
      slot.channel.ref();
      clearTimeout(slot.idleTimer);
    }
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
          slot.channel.send({ t: 'run', d: known ? [known] : undefined, b: [task.seq, task.fnId, task.mode, task.payload, task.hasHandles, task.signal !== undefined] }, task.transfer);
          if (known) d.splice(d.indexOf(known), 1);
        } catch (error) {
          this.#failSent(slot, task, error);
        }
      }
    }
  }

  #failSent(slot: Slot, task: PoolTask, error: unknown): void {
    slot.inflight.delete(task.seq);
    if (task.signal) slot.solo = false;
    // The worker never saw this seq; the next one it sees must still be in order, so the gap is harmless.
    if (!task.future.done()) task.future.setException(new TypeError(`${this.config.name}: could not send the task's arguments: ${(error as Error).message}`, { cause: error }));
  }

  #spawn(): Slot {
    const thread = this.config.kind === 'thread';
    const state = thread ? new SharedArrayBuffer(STATE_SLOTS * 4) : undefined;
    const log = thread ? new SharedArrayBuffer(RESULT_LOG_BYTES) : undefined;
    const init: InitData = { initializer: this.config.initializer, initargs: this.config.initargs, state, log };
    const channel = this.config.kind === 'thread' ? spawnThread(init, this.config.resourceLimits) : spawnProcess(init);
    let resolveExit!: () => void;
    const slot: Slot = {
      channel,
      state: state ? new Int32Array(state) : undefined,
      log,
      inflight: new Map(),
      known: new Set(),
      nextSeq: 0,
      dispatched: 0,
      solo: false,
      retiring: false,
      endedBy: undefined,
      fatal: undefined,
      ready: false,
      refd: true,
      idleTimer: undefined,
      exited: new Promise((resolve) => (resolveExit = resolve)),
    };
    this.#slots.add(slot);
    channel.onMessage((message) => this.#onMessage(slot, message));
    channel.onExit((exit) => {
      this.#onExit(slot, exit);
      resolveExit();
    });
    return slot;
  }

  #onMessage(slot: Slot, message: FromWorker): void {
    if (message.t === 'r') {
      const r = message.r;
      const count = r.length / RESULT_STRIDE;
      if (count > 0) {
        const per = message.ms / count;
        this.#avgTaskMs = this.#avgTaskMs < 0 ? per : this.#avgTaskMs * 0.7 + per * 0.3;
      }
      for (let i = 0; i < r.length; i += RESULT_STRIDE) {
        const seq = r[i] as number;
        const task = slot.inflight.get(seq);
        if (task === undefined) continue;
        slot.inflight.delete(seq);
        if (task.signal) slot.solo = false;
        this.#settle(task, r[i + 1] as number, r[i + 2]);
      }
      if (slot.inflight.size === 0) this.#idle(slot);
      this.#dispatchAll();
    } else if (message.t === 'ready') {
      slot.ready = true;
    } else if (message.t === 'fatal') {
      slot.fatal = deserializeError(message.e);
    } else if (message.t === 'init-failed') {
      const cause = deserializeError(message.e);
      this.#breakPool(new this.config.BrokenError(`${this.config.name}: a worker's initializer failed (${cause.name}: ${cause.message}); the pool is broken and runs no more tasks`, { cause }));
    }
  }

  #settle(task: PoolTask, status: number, value: unknown): void {
    const future = task.future;
    if (future.done()) return;
    if (status === STATUS_OK) future.setResult(task.mode === MODE_CHUNK ? toOutcomes(value as unknown[]) : value);
    else future.setException(deserializeError(value as SerializedError));
  }

  /** Settles results that busy workers have finished but not posted yet; stops when nothing is in flight. */
  #pollLogs(): void {
    let busy = false;
    for (const slot of this.#slots) {
      if (!slot.state || slot.inflight.size === 0) continue;
      busy = true;
      const lowest = slot.inflight.keys().next().value as number;
      if (lowest >= Atomics.load(slot.state, STATE_COMPLETED)) continue;
      // Seqlock: copy the log, and trust the copy only if the worker did not reuse the log meanwhile
      // (if it did, it posted those results first, and the message settles them).
      const generation = Atomics.load(slot.state, STATE_LOG_GEN);
      const end = Atomics.load(slot.state, STATE_LOG_END);
      const copy = new Uint8Array(slot.log!).slice(0, end);
      if (Atomics.load(slot.state, STATE_LOG_GEN) !== generation) continue;
      const before = slot.inflight.size;
      this.#readLog(slot, copy.buffer, end);
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

  /** A worker died: settle every task whose result it logged but never got to send. */
  #recoverLoggedResults(slot: Slot): void {
    if (!slot.log || !slot.state) return;
    this.#readLog(slot, slot.log, Atomics.load(slot.state, STATE_LOG_END));
  }

  #readLog(slot: Slot, log: ArrayBufferLike, end: number): void {
    const view = new DataView(log);
    const bytes = new Uint8Array(log);
    for (let at = 0; at + LOG_HEADER_BYTES <= end; ) {
      const seq = view.getInt32(at, true);
      const status = view.getInt32(at + 4, true);
      const length = view.getInt32(at + 8, true);
      const task = slot.inflight.get(seq);
      if (task) {
        slot.inflight.delete(seq);
        if (task.signal) slot.solo = false;
        this.#settle(task, status, deserialize(bytes.subarray(at + LOG_HEADER_BYTES, at + LOG_HEADER_BYTES + length)));
      }
      at += LOG_HEADER_BYTES + ((length + 3) & ~3);
    }
  }

  #idle(slot: Slot): void {
    if (slot.retiring) {
      slot.endedBy ??= 'maxTasksPerWorker';
      slot.channel.terminate(false);
      return;
    }
    if (this.#queued() > 0) return;
    if (slot.refd) {
      // An idle pool does not keep the process alive, as a forgotten Python executor does not block exit.
      slot.refd = false;
      slot.channel.unref();
    }
    if (Number.isFinite(this.config.idleTimeout)) {
      clearTimeout(slot.idleTimer);
      slot.idleTimer = setTimeout(() => {
        if (slot.inflight.size === 0 && !slot.endedBy) {
          slot.endedBy = 'idleTimeout';
          slot.channel.terminate(false);
        }
      }, this.config.idleTimeout);
      slot.idleTimer.unref();
    }
  }

  #breakPool(error: Error): void {
    if (this.#broken) return;
    this.#broken = error;
    for (const slot of this.#slots) for (const task of slot.inflight.values()) if (!task.future.done()) task.future.setException(error);
    for (const task of this.#front.splice(0)) if (!task.future.done()) task.future.setException(error);
    for (let i = this.#head; i < this.#queue.length; i++) {
      const future = this.#queue[i]!.future;
      if (!future.done() && future.setRunningOrNotifyCancel()) future.setException(error);
    }
    this.#queue = [];
    this.#head = 0;
    void this.close('terminate');
  }

  #abort(task: PoolTask, reason: unknown): void {
    const future = task.future;
    if (future.cancel(reason)) return; // still queued: skipped when its turn comes
    if (future.done()) return;
    future.forceCancel(reason);
    const slot = task.slot;
    if (slot && slot.inflight.has(task.seq)) {
      // Running (alone, see #dispatch): the only way to stop JavaScript mid-task is to end its worker.
      slot.endedBy ??= 'abort';
      slot.channel.terminate(true);
    }
  }

  #onExit(slot: Slot, exit: ChannelExit): void {
    this.#slots.delete(slot);
    clearTimeout(slot.idleTimer);
    this.#recoverLoggedResults(slot);
    const tasks = [...slot.inflight.values()].sort((a, b) => a.seq - b.seq);
    slot.inflight.clear();
    const started = slot.state ? Atomics.load(slot.state, STATE_STARTED) : Infinity;
    const completed = slot.state ? Atomics.load(slot.state, STATE_COMPLETED) : 0;
    const requeue: PoolTask[] = [];
    const how = this.#describeExit(slot, exit);
    const cause = slot.fatal ?? exit.error;
    if (!slot.ready && !slot.endedBy && !this.#broken) {
      // A worker that cannot even start would be replaced by one that cannot either: stop, as Python does.
      this.#breakPool(new this.config.BrokenError(`${this.config.name}: a worker ${how} before it was ready; the pool is broken and runs no more tasks`, cause ? { cause } : undefined));
    }
    for (const task of tasks) {
      if (task.future.done()) continue;
      if (task.seq < completed) {
        task.future.setException(
          new this.config.BrokenError(`${this.config.name}: worker ${slot.channel.id} ${how} after this task completed but before its result was sent; the result is lost and the task was not re-run`, cause ? { cause } : undefined),
        );
      } else if (task.seq < started && !this.#closingByPool(slot)) {
        task.future.setException(
          new this.config.BrokenError(`${this.config.name}: worker ${slot.channel.id} ${how} while running this task; the worker was replaced and the pool's other tasks are unaffected`, cause ? { cause } : undefined),
        );
      } else if (task.seq < started) {
        task.future.setException(new this.config.BrokenError(`${this.config.name}: worker ${slot.channel.id} was ended by ${slot.endedBy} while running this task`, cause ? { cause } : undefined));
      } else {
        requeue.push(task);
      }
    }
    if (requeue.length > 0) {
      for (const task of requeue) task.slot = undefined;
      if (this.#broken) for (const task of requeue) task.future.setException(this.#broken);
      // Never started, and the pool is going away: cancelled is the honest state (it did not run).
      else if (this.#closing) for (const task of requeue) task.future.forceCancel(new this.config.BrokenError(`${this.config.name}: the pool was closed before this task started`));
      else this.#front.unshift(...requeue);
    }
    this.#dispatchAll();
  }

  #closingByPool(slot: Slot): boolean {
    return slot.endedBy === 'terminateWorkers()' || slot.endedBy === 'killWorkers()' || slot.endedBy === 'shutdown';
  }

  #describeExit(slot: Slot, exit: ChannelExit): string {
    const code = (exit.error as { code?: unknown } | undefined)?.code;
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'ran out of memory (its resourceLimits)';
    if (slot.fatal) return `died of an uncaught ${slot.fatal.name} (${slot.fatal.message})`;
    if (exit.error) return `died of ${exit.error.name}: ${exit.error.message}`;
    if (exit.signal) return `was killed by ${exit.signal}`;
    if (slot.endedBy) return `was ended by ${slot.endedBy}`;
    return `exited with code ${exit.code}`;
  }
}

function toOutcomes(flat: unknown[]): ItemOutcome[] {
  const out: ItemOutcome[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    out.push(flat[i] === STATUS_OK ? { ok: true, value: flat[i + 1] } : { ok: false, error: deserializeError(flat[i + 1] as SerializedError) });
  }
  return out;
}
