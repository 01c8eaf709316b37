// Scoped holding, shared by Lock, RLock and Semaphore: Python's `with lock:` as `using` and as callbacks.
import { DISPOSE } from './owner.js';

/** A scoped hold: releasing on dispose, for `using held = lock.hold()`. */
export interface Held extends Disposable {
  /** Releases now (dispose does nothing afterwards). */
  release(): void;
}

/** A Held that calls `release` once, however many times it is released or disposed. */
export function heldBy(release: () => void): Held {
  let done = false;
  const end = (): void => {
    if (done) return;
    done = true;
    release();
  };
  return { release: end, [DISPOSE]: end } as Held;
}

/** What can be held for a scope: anything with a waiting acquire, its async twin and a release. */
export abstract class ScopedHold {
  abstract acquire(): boolean;
  abstract acquireAsync(): Promise<boolean>;
  abstract release(): void;

  /**
   * Acquires (waiting for ever) and returns a Disposable that releases: `using held = lock.hold();`.
   * @example
   * { using held = lock.hold(); shared[0]++; }
   */
  hold(): Held {
    this.acquire();
    return heldBy(() => this.release());
  }

  /** The async twin of hold(): `using held = await lock.holdAsync();`. */
  async holdAsync(): Promise<Held> {
    await this.acquireAsync();
    return heldBy(() => this.release());
  }

  /**
   * Runs `fn` holding it and releases however `fn` ends: Python's `with lock:` on any Node.
   * @example
   * const total = lock.withLock(() => (shared[0] += 5));
   */
  withLock<T>(fn: () => T): T {
    this.acquire();
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  /** withLock for async work on the main thread: waits without blocking the event loop. */
  async withLockAsync<T>(fn: () => T | Promise<T>): Promise<T> {
    await this.acquireAsync();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}
