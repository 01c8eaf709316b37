// Python's timeout rules for acquire() and wait(), turned into milliseconds ts314's waits understand.
import { checkOptionKeys, checkTimeout, timeoutArgument } from '../internal/validate.js';
import { InvalidArgumentError } from './errors.js';

const invalid = (where: string) => ({ where, ErrorClass: InvalidArgumentError });

/** Options of Lock.acquire / RLock.acquire (Python: `acquire(blocking=True, timeout=-1)`). */
export interface AcquireOptions {
  /** false: take the lock only if it is free now, never wait. Default true. */
  readonly blocking?: boolean;
  /** Milliseconds to wait; omitted or Infinity waits for ever, 0 tries once. Not allowed with `blocking: false`. */
  readonly timeout?: number | undefined;
}

/** Options of Semaphore.acquire (Python: `acquire(blocking=True, timeout=None)`). */
export type SemaphoreAcquireOptions = AcquireOptions;

/** The `{ timeout }` of Event, Condition and Barrier waits, which also take the timeout positionally as Python does. */
export interface WaitOptions {
  /** Milliseconds to wait; omitted or Infinity waits for ever, 0 just looks. */
  readonly timeout?: number | undefined;
}

/**
 * Milliseconds an acquire may wait (Infinity for ever, 0 for a single try), by ts314's timeout
 * convention; as in Python, a timeout with blocking=false is an error.
 */
export function lockTimeout(options: AcquireOptions | undefined, where: string): number {
  if (options === undefined) return Infinity;
  checkOptionKeys(options, ['blocking', 'timeout'], where, InvalidArgumentError);
  const blocking = options.blocking ?? true;
  if (typeof blocking !== 'boolean') throw new InvalidArgumentError(`${where}: blocking must be a boolean, got ${String(blocking)}`);
  if (options.timeout === undefined || options.timeout === null) return blocking ? Infinity : 0;
  const timeout = checkTimeout(options.timeout, invalid(where));
  if (!blocking) {
    throw new InvalidArgumentError(
      `${where}: can't specify a timeout (${timeout} ms) for a non-blocking acquire; drop timeout or set blocking: true`,
    );
  }
  return timeout;
}

/** Semaphore.acquire follows the same rules as Lock.acquire. */
export const semaphoreTimeout = lockTimeout;

/** A wait's timeout, positional as Python's Event/Condition/Barrier take it, or `{ timeout }`: Infinity for ever, 0 no wait. */
export function waitTimeout(timeout: number | WaitOptions | undefined | null, where: string): number {
  return timeoutArgument(timeout, invalid(where));
}
