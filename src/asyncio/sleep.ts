// sleep: asyncio.sleep in milliseconds, an await that cancel() and timeout() can interrupt.
import { checkDelay } from '../internal/validate.js';
import { InvalidArgumentError } from './errors.js';
import type { CallSiteCapture, ParsedCallSite } from './frames.js';
import { addWait, registry, type WaitSite } from './registry.js';
import { captureWaitSite, endWait } from './waits.js';

// The executor of every sleep's promise: one shared function rather than closures per sleep.
let madeResolve: ((value: unknown) => void) | undefined;
let madeReject: ((error: unknown) => void) | undefined;
function keepResolvers(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
  madeResolve = resolve;
  madeReject = reject;
}

/**
 * A sleep in progress: its wait site and everything its timer and an interruption need, in one
 * object (sleeps are many; each closure would be one more object per sleep).
 */
class Sleeper implements WaitSite {
  readonly site: CallSiteCapture;
  readonly seq: number;
  parsed?: ParsedCallSite;
  readonly #value: unknown;
  readonly #resolve: (value: unknown) => void;
  readonly #reject: (error: unknown) => void;
  #timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  #kind: 'timeout' | 'immediate' | 'forever';

  constructor(site: CallSiteCapture, seq: number, value: unknown, resolve: (value: unknown) => void, reject: (error: unknown) => void) {
    this.site = site;
    this.seq = seq;
    this.#value = value;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#timer = undefined;
    this.#kind = 'timeout';
  }

  start(delay: number): void {
    if (delay === Infinity) {
      // Sleeping for ever still needs a handle, or Node would exit under the sleeper, as it would not under Python.
      this.#kind = 'forever';
      this.#timer = setInterval(keepAlive, 2 ** 31 - 1);
    } else if (delay === 0) {
      this.#kind = 'immediate';
      this.#timer = setImmediate(wake, this);
    } else this.#timer = setTimeout(wake, delay, this);
  }

  wake(): void {
    endWait(this);
    this.#resolve(this.#value);
  }

  interrupt(error: unknown): boolean {
    if (this.#kind === 'immediate') clearImmediate(this.#timer as NodeJS.Immediate);
    else if (this.#kind === 'forever') clearInterval(this.#timer as NodeJS.Timeout);
    else clearTimeout(this.#timer as NodeJS.Timeout);
    endWait(this);
    this.#reject(error);
    return true;
  }
}

function wake(sleeper: Sleeper): void {
  sleeper.wake();
}

function keepAlive(): void {}

/**
 * Resolves with `value` after `delayMs` milliseconds (Python's `asyncio.sleep`, in ms as every ts314
 * duration). `sleep(0)` yields to the event loop once (a `setImmediate`), and so does a negative
 * delay, as in Python. A task's `cancel()` or an expiring `timeout()` interrupts it with
 * CancelledError / TimeoutError, and `ts314 ps` shows a task sleeping as `sleep -> <its function>`.
 * @example
 * await sleep(100);
 */
export function sleep<T = undefined>(delayMs: number, value?: T): Promise<T> {
  const delay = checkDelay(delayMs, 'delayMs', { where: 'sleep()', ErrorClass: InvalidArgumentError });
  let site: CallSiteCapture;
  try {
    site = captureWaitSite(captureWaitSite);
  } catch (interruption) {
    return Promise.reject(interruption);
  }
  const promise = new Promise<T>(keepResolvers as ConstructorParameters<typeof Promise<T>>[0]);
  const reg = registry();
  const sleeper = new Sleeper(site, ++reg.seq, value, madeResolve!, madeReject!);
  addWait(reg, sleeper);
  sleeper.start(delay);
  return promise;
}
