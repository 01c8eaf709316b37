// sleep: asyncio.sleep in milliseconds, an await that cancel() and timeout() can interrupt.
import { checkMilliseconds } from '../internal/validate.js';
import { InvalidArgumentError } from './errors.js';
import { beginWait, endWait } from './waits.js';

/**
 * Resolves with `value` after `delayMs` milliseconds (Python's `asyncio.sleep`, in ms as every ts314
 * duration). `sleep(0)` yields to the event loop once (a `setImmediate`). A task's `cancel()` or an
 * expiring `timeout()` interrupts it with CancelledError / TimeoutError, and `ts314 ps` shows a task
 * sleeping as `sleep -> <its function>`.
 * @example
 * await sleep(100);
 */
export function sleep<T = undefined>(delayMs: number, value?: T): Promise<T> {
  const delay = checkMilliseconds(delayMs, 'delayMs', { where: 'sleep()', ErrorClass: InvalidArgumentError });
  let wait: ReturnType<typeof beginWait>;
  try {
    wait = beginWait(beginWait, undefined);
  } catch (interruption) {
    return Promise.reject(interruption);
  }
  return new Promise<T>((resolve, reject) => {
    const done = () => {
      endWait(wait);
      resolve(value as T);
    };
    if (delay === Infinity) {
      // Sleeping for ever still needs a handle, or Node would exit under the sleeper, as it would not under Python.
      const keepAlive = setInterval(() => {}, 2 ** 31 - 1);
      wait.interrupt = (error) => {
        clearInterval(keepAlive);
        endWait(wait);
        reject(error);
      };
      return;
    }
    const timer = delay === 0 ? setImmediate(done) : setTimeout(done, delay);
    wait.interrupt = (error) => {
      if (delay === 0) clearImmediate(timer as NodeJS.Immediate);
      else clearTimeout(timer as NodeJS.Timeout);
      endWait(wait);
      reject(error);
    };
  });
}
