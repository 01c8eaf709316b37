// Barrier: Python's threading.Barrier — N threads wait until all N have arrived, round after round.
import { explainOuterVariable, toCallableRef, type CallableRef } from '../internal/callable.js';
import { loadTask } from '../internal/worker/task.js';
import { checkOptionKeys } from '../internal/validate.js';
import { SHARE_HANDLE } from '../internal/shareable.js';
import { adoptLivenessBuffer, livenessBuffer } from '../internal/thread-liveness.js';
import type { SharedHandle } from '../internal/wire.js';
import { BrokenBarrierError, InvalidArgumentError } from './errors.js';
import { deadlineOf, now, sliceWait, sliceWaitAsync } from '../internal/shared-memory/slice-wait.js';
import { waitTimeout, type WaitOptions } from './timeouts.js';

/** generation << 16 | arrivals: one word, so the last arrival closes a round atomically. */
const WORD = 0;
/** 0, or why the barrier is broken (BROKEN_*). */
const BROKEN = 1;
/** The generation a reset() ended, so its waiters raise rather than pass. */
const ABORTED_GEN = 2;
const PARTIES = 3;
const KIND = 4;
/** Arrivals when it broke, for the message other waiters raise. */
const ARRIVED_AT_BREAK = 5;
const INT_WORDS = 8;
/** Float64 index of the default timeout (ms, Infinity for none). */
const TIMEOUT_F64 = 4;
const BYTES = 40;
const KIND_BARRIER = 0x42415252; // 'BARR'

const BROKEN_ABORT = 1;
const BROKEN_TIMEOUT = 2;
const BROKEN_ACTION = 3;

/** Arrivals share a 16-bit field with the generation. */
export const MAX_PARTIES = 0xffff;

export interface BarrierOptions {
  /**
   * Called by the last thread to arrive, before any is released (Python's `action`). A self-contained
   * function: it crosses to workers by source, as Interpreter.call's functions do. If it throws, the
   * barrier breaks and the error reaches the thread that ran it.
   */
  readonly action?: () => unknown;
  /** Default timeout of wait() in ms (undefined: none). A timed-out wait breaks the barrier. */
  readonly timeout?: number;
}

interface BarrierHandleState {
  readonly buffer: SharedArrayBuffer;
  readonly action: CallableRef | null;
  readonly liveness: SharedArrayBuffer;
}

/**
 * Python's Barrier, shared by every worker it is passed to: wait() returns once `parties` threads
 * are waiting, each with a different arrival index 0…parties-1, and the barrier is ready for the
 * next round. A wait that times out, abort(), or an action that throws breaks it: every waiter and
 * every later wait() raises BrokenBarrierError until reset(). A barrier sized for more threads than
 * call wait() would wait for ever; give wait a timeout and the error says how many had arrived.
 * @example
 * const barrier = new Barrier(2, { timeout: 5000 });
 * await Promise.all([0, 1].map((i) => pool.submit(task(url, 'phase'), barrier, i)));
 * // in `phase`: compute(); barrier.wait(); useEveryonesResults();
 */
export class Barrier {
  readonly #words: Int32Array;
  readonly #timeout: Float64Array;
  readonly #parties: number;
  readonly #action: (() => unknown) | undefined;
  readonly #actionRef: CallableRef | null;

  constructor(
    parties: number,
    options?: BarrierOptions,
    /** @internal */ _buffer?: SharedArrayBuffer,
    /** @internal */ _ref?: CallableRef | null,
  ) {
    if (_buffer !== undefined) {
      if (!(_buffer instanceof SharedArrayBuffer) || _buffer.byteLength !== BYTES || new Int32Array(_buffer)[KIND] !== KIND_BARRIER) {
        throw new InvalidArgumentError(
          `Barrier.fromBuffer(): expected the SharedArrayBuffer of a Barrier (its .buffer), got ${String(_buffer)}`,
        );
      }
      this.#words = new Int32Array(_buffer, 0, INT_WORDS);
      this.#timeout = new Float64Array(_buffer);
      this.#parties = this.#words[PARTIES]!;
      this.#action = options?.action;
      this.#actionRef = _ref ?? null;
      return;
    }
    checkOptionKeys(options, ['action', 'timeout'], 'Barrier', InvalidArgumentError);
    if (typeof parties !== 'number' || !Number.isInteger(parties) || parties < 1 || parties > MAX_PARTIES) {
      throw new InvalidArgumentError(
        `Barrier: parties must be an integer from 1 to ${MAX_PARTIES} (the number of threads that wait each round), got ${String(parties)}`,
      );
    }
    const action = options?.action;
    if (action !== undefined && typeof action !== 'function')
      throw new InvalidArgumentError(`Barrier: action must be a function, got ${typeof action}`);
    const timeout = waitTimeout(options?.timeout, 'Barrier');
    const buffer = new SharedArrayBuffer(BYTES);
    this.#words = new Int32Array(buffer, 0, INT_WORDS);
    this.#timeout = new Float64Array(buffer);
    this.#words[PARTIES] = parties;
    this.#words[KIND] = KIND_BARRIER;
    this.#words[ABORTED_GEN] = -1;
    this.#timeout[TIMEOUT_F64] = timeout;
    this.#parties = parties;
    this.#action = action;
    // Checked now so an action that cannot travel is reported where it was written.
    this.#actionRef = action === undefined ? null : toCallableRef(action, 'Barrier action');
  }

  /** Rebuilds a Barrier from `barrier.buffer` (without its action: pass `action` again if it has one). */
  static fromBuffer(buffer: SharedArrayBuffer, options?: Pick<BarrierOptions, 'action'>): Barrier {
    checkOptionKeys(options, ['action'], 'Barrier.fromBuffer()', InvalidArgumentError);
    return new Barrier(0, options, buffer, options?.action ? toCallableRef(options.action, 'Barrier action') : null);
  }

  get buffer(): SharedArrayBuffer {
    return this.#words.buffer as SharedArrayBuffer;
  }

  /** Threads needed to pass the barrier. */
  get parties(): number {
    return this.#parties;
  }

  /** Threads waiting now in this round (Python's n_waiting). */
  get nWaiting(): number {
    if (Atomics.load(this.#words, BROKEN) !== 0) return 0;
    const arrived = Atomics.load(this.#words, WORD) & 0xffff;
    return arrived >= this.#parties ? 0 : arrived;
  }

  get broken(): boolean {
    return Atomics.load(this.#words, BROKEN) !== 0;
  }

  /** Breaks the barrier: every waiter and every later wait() raises BrokenBarrierError until reset(). */
  abort(): void {
    this.#break(BROKEN_ABORT);
  }

  /**
   * Back to the empty, unbroken state. Threads waiting in the current round raise BrokenBarrierError
   * (as in Python).
   */
  reset(): void {
    const words = this.#words;
    for (;;) {
      const word = Atomics.load(words, WORD);
      const gen = word >>> 16;
      Atomics.store(words, ABORTED_GEN, gen);
      if (Atomics.compareExchange(words, WORD, word, ((gen + 1) & 0xffff) << 16) === word) break;
    }
    Atomics.store(words, BROKEN, 0);
    Atomics.notify(words, WORD);
  }

  #break(reason: number, arrived = Atomics.load(this.#words, WORD) & 0xffff): void {
    Atomics.store(this.#words, ARRIVED_AT_BREAK, arrived);
    Atomics.compareExchange(this.#words, BROKEN, 0, reason);
    Atomics.notify(this.#words, WORD);
  }

  #brokenError(): BrokenBarrierError {
    const reason = Atomics.load(this.#words, BROKEN);
    const arrived = Atomics.load(this.#words, ARRIVED_AT_BREAK);
    const p = this.#parties;
    const why =
      reason === BROKEN_ABORT
        ? 'abort() was called'
        : reason === BROKEN_ACTION
          ? 'its action threw in the thread that arrived last'
          : reason === BROKEN_TIMEOUT
            ? `a wait timed out with ${arrived} of ${p} parties arrived${arrived < p ? ` — if only ${arrived} threads call wait() each round, the party count (${p}) is wrong` : ''}`
            : 'it was reset while this thread was waiting';
    return new BrokenBarrierError(`Barrier(${p}) is broken: ${why}. Call reset() to use it again`);
  }

  #timeoutOf(timeout: number | WaitOptions | undefined, where: string): number {
    return timeout === undefined || (typeof timeout === 'object' && timeout?.timeout === undefined)
      ? this.#timeout[TIMEOUT_F64]!
      : waitTimeout(timeout, where);
  }

  /** Joins the round; returns the arrival index, or null once the round is complete. Throws when broken. */
  #arrive(): { index: number; gen: number } | { draining: number } {
    const words = this.#words;
    if (Atomics.load(words, BROKEN) !== 0) throw this.#brokenError();
    const word = Atomics.load(words, WORD);
    const arrived = word & 0xffff;
    if (arrived >= this.#parties) return { draining: word };
    if (Atomics.compareExchange(words, WORD, word, word + 1) !== word) return { draining: -1 };
    return { index: arrived, gen: word >>> 16 };
  }

  #runActionAndRelease(gen: number): void {
    try {
      this.#action?.();
    } catch (error) {
      this.#break(BROKEN_ACTION, this.#parties);
      throw this.#actionRef ? explainOuterVariable(error, this.#actionRef) : error;
    }
    Atomics.store(this.#words, WORD, ((gen + 1) & 0xffff) << 16);
    Atomics.notify(this.#words, WORD);
  }

  /** After a wake-up: the index when the round completed, undefined to keep waiting; throws if broken or reset. */
  #passed(index: number, gen: number): number | undefined {
    const words = this.#words;
    if (Atomics.load(words, WORD) >>> 16 !== gen) {
      if (Atomics.load(words, ABORTED_GEN) === gen) throw this.#brokenError();
      return index;
    }
    if (Atomics.load(words, BROKEN) !== 0) throw this.#brokenError();
    return undefined;
  }

  /**
   * Waits until `parties` threads have called wait(); returns this thread's arrival index (0 for the
   * first). `timeout` (ms) overrides the barrier's default; when it runs out the barrier breaks and
   * BrokenBarrierError says how many parties had arrived. Blocks the thread: on the main thread use waitAsync.
   */
  wait(timeout?: number | WaitOptions): number {
    const deadline = deadlineOf(this.#timeoutOf(timeout, 'Barrier.wait()'));
    let joined = this.#arrive();
    while ('draining' in joined) {
      if (joined.draining !== -1) sliceWait(this.#words, WORD, joined.draining, Infinity);
      joined = this.#arrive();
    }
    const { index, gen } = joined;
    if (index === this.#parties - 1) {
      this.#runActionAndRelease(gen);
      return index;
    }
    for (;;) {
      const word = Atomics.load(this.#words, WORD);
      const done = this.#passed(index, gen);
      if (done !== undefined) return done;
      if (now() >= deadline) {
        this.#break(BROKEN_TIMEOUT);
        throw this.#brokenError();
      }
      sliceWait(this.#words, WORD, word, deadline);
    }
  }

  /** wait() without blocking the event loop. */
  async waitAsync(timeout?: number | WaitOptions): Promise<number> {
    const deadline = deadlineOf(this.#timeoutOf(timeout, 'Barrier.waitAsync()'));
    let joined = this.#arrive();
    for (let attempt = 0; 'draining' in joined; attempt++) {
      if (joined.draining !== -1) await sliceWaitAsync(this.#words, WORD, joined.draining, Infinity, attempt);
      joined = this.#arrive();
    }
    const { index, gen } = joined;
    if (index === this.#parties - 1) {
      this.#runActionAndRelease(gen);
      return index;
    }
    for (let attempt = 0; ; attempt++) {
      const word = Atomics.load(this.#words, WORD);
      const done = this.#passed(index, gen);
      if (done !== undefined) return done;
      if (now() >= deadline) {
        this.#break(BROKEN_TIMEOUT);
        throw this.#brokenError();
      }
      await sliceWaitAsync(this.#words, WORD, word, deadline, attempt);
    }
  }

  toString(): string {
    return `<Barrier parties=${this.#parties} waiting=${this.nWaiting}${this.broken ? ' broken' : ''}>`;
  }

  [SHARE_HANDLE](): SharedHandle {
    return {
      __ts314Handle: 'Barrier',
      module: import.meta.url,
      state: { buffer: this.buffer, action: this.#actionRef, liveness: livenessBuffer() } satisfies BarrierHandleState,
    };
  }
}

/** Worker side: the same Barrier; its action (if any) is compiled here, so this may be async. */
export function reviveHandle(state: unknown, kind: string): Barrier | Promise<Barrier> {
  const { buffer, action, liveness } = state as BarrierHandleState;
  adoptLivenessBuffer(liveness);
  if (kind !== 'Barrier') throw new InvalidArgumentError(`barrier module cannot revive a ${kind} handle`);
  if (action === null) return new Barrier(0, undefined, buffer, null);
  return loadTask(action, 'Barrier action').then((fn) => new Barrier(0, { action: fn as () => unknown }, buffer, action));
}
