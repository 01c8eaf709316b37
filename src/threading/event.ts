// Event: Python's threading.Event — one shared flag that threads wait for.
import { SHARE_HANDLE } from '../internal/shareable.js';
import { adoptLivenessBuffer, livenessBuffer } from '../internal/thread-liveness.js';
import type { SharedHandle } from '../internal/wire.js';
import { InvalidArgumentError } from './errors.js';
import { deadlineOf, now, sliceWait, sliceWaitAsync } from '../internal/shared-memory/slice-wait.js';
import { waitTimeout, type WaitOptions } from './timeouts.js';

const FLAG = 0;
const KIND = 1;
const WORDS = 2;
const KIND_EVENT = 0x45564e54; // 'EVNT'

interface EventHandleState {
  readonly buffer: SharedArrayBuffer;
  readonly liveness: SharedArrayBuffer;
}

/**
 * A flag shared by every worker it is passed to: set() wakes every waiter, clear() resets it.
 * @example
 * const ready = new Event();
 * const job = pool.submit(task(new URL('./kernels.js', import.meta.url), 'waitThenWork'), ready);
 * ready.set();
 */
export class Event {
  readonly #words: Int32Array;

  constructor(buffer?: SharedArrayBuffer) {
    if (buffer === undefined) {
      this.#words = new Int32Array(new SharedArrayBuffer(WORDS * 4));
      this.#words[KIND] = KIND_EVENT;
      return;
    }
    if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength !== WORDS * 4 || new Int32Array(buffer)[KIND] !== KIND_EVENT) {
      throw new InvalidArgumentError(
        `Event.fromBuffer(): expected the SharedArrayBuffer of an Event (its .buffer), got ${buffer instanceof SharedArrayBuffer ? `a SharedArrayBuffer of ${buffer.byteLength} bytes that is not one` : String(buffer)}`,
      );
    }
    this.#words = new Int32Array(buffer);
  }

  static fromBuffer(buffer: SharedArrayBuffer): Event {
    return new Event(buffer);
  }

  get buffer(): SharedArrayBuffer {
    return this.#words.buffer as SharedArrayBuffer;
  }

  /** Python's is_set(). */
  isSet(): boolean {
    return Atomics.load(this.#words, FLAG) === 1;
  }

  /** Sets the flag and wakes every thread waiting for it. */
  set(): void {
    Atomics.store(this.#words, FLAG, 1);
    Atomics.notify(this.#words, FLAG);
  }

  clear(): void {
    Atomics.store(this.#words, FLAG, 0);
  }

  /**
   * Blocks until the flag is set or `timeout` ms pass (omitted or Infinity: for ever; 0: just look), given as `wait(100)` or `wait({ timeout: 100 })`.
   * Returns the flag, so false means it timed out. Blocks the event loop on the main thread: use waitAsync there.
   */
  wait(timeout?: number | WaitOptions): boolean {
    const words = this.#words;
    if (Atomics.load(words, FLAG) === 1) return true;
    const deadline = deadlineOf(waitTimeout(timeout, 'Event.wait()'));
    while (now() < deadline) {
      sliceWait(words, FLAG, 0, deadline);
      if (Atomics.load(words, FLAG) === 1) return true;
    }
    return Atomics.load(words, FLAG) === 1;
  }

  /** wait() without blocking the event loop. */
  async waitAsync(timeout?: number | WaitOptions): Promise<boolean> {
    const words = this.#words;
    if (Atomics.load(words, FLAG) === 1) return true;
    const deadline = deadlineOf(waitTimeout(timeout, 'Event.waitAsync()'));
    for (let attempt = 0; now() < deadline; attempt++) {
      await sliceWaitAsync(words, FLAG, 0, deadline, attempt);
      if (Atomics.load(words, FLAG) === 1) return true;
    }
    return Atomics.load(words, FLAG) === 1;
  }

  toString(): string {
    return `<Event ${this.isSet() ? 'set' : 'unset'}>`;
  }

  [SHARE_HANDLE](): SharedHandle {
    return {
      __ts314Handle: 'Event',
      module: import.meta.url,
      state: { buffer: this.buffer, liveness: livenessBuffer() } satisfies EventHandleState,
    };
  }
}

export function reviveHandle(state: unknown, kind: string): Event {
  const { buffer, liveness } = state as EventHandleState;
  adoptLivenessBuffer(liveness);
  if (kind !== 'Event') throw new InvalidArgumentError(`event module cannot revive a ${kind} handle`);
  return new Event(buffer);
}
