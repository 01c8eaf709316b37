// Python's timeout rules for acquire() and wait(), turned into milliseconds ts314's waits understand.
import { checkOptionKeys } from '../internal/did-you-mean.js';
import { InvalidArgumentError } from './errors.js';

function checkNumber(value: unknown, what: string, where: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new InvalidArgumentError(`${where}: ${what} must be a number of milliseconds, got ${typeof value === 'number' ? 'NaN' : typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  }
  return value;
}

/** Options of Lock.acquire / RLock.acquire (Python: `acquire(blocking=True, timeout=-1)`). */
export interface AcquireOptions {
  /** false: take the lock only if it is free now, never wait. Default true. */
  readonly blocking?: boolean;
  /** Milliseconds to wait; -1 (the default) waits for ever. Not allowed with `blocking: false`. */
  readonly timeout?: number;
}

/**
 * Milliseconds an acquire may wait (Infinity for ever, 0 for a single try), by Python's rules for
 * Lock.acquire: a timeout with blocking=false, or a negative timeout other than -1, is an error.
 */
export function lockTimeout(options: AcquireOptions | undefined, where: string): number {
  if (options === undefined) return Infinity;
  checkOptionKeys(options, ['blocking', 'timeout'], where, InvalidArgumentError);
  const blocking = options.blocking ?? true;
  if (typeof blocking !== 'boolean') throw new InvalidArgumentError(`${where}: blocking must be a boolean, got ${String(blocking)}`);
  if (options.timeout === undefined) return blocking ? Infinity : 0;
  const timeout = checkNumber(options.timeout, 'timeout', where);
  if (!blocking) {
    if (timeout === -1) return 0;
    throw new InvalidArgumentError(`${where}: can't specify a timeout (${timeout} ms) for a non-blocking acquire; drop timeout or set blocking: true`);
  }
  if (timeout === -1) return Infinity;
  if (timeout < 0) throw new InvalidArgumentError(`${where}: timeout must be a non-negative number of milliseconds or -1 (wait for ever), got ${timeout}`);
  return timeout;
}

/** Options of Semaphore.acquire (Python: `acquire(blocking=True, timeout=None)`). */
export interface SemaphoreAcquireOptions {
  /** false: take a slot only if one is free now. Default true. */
  readonly blocking?: boolean;
  /** Milliseconds to wait; undefined waits for ever; `<= 0` tries once (as Python). Not allowed with `blocking: false`. */
  readonly timeout?: number | undefined;
}

/** Python's Semaphore rules: a timeout with blocking=false is an error; a timeout <= 0 tries once. */
export function semaphoreTimeout(options: SemaphoreAcquireOptions | undefined, where: string): number {
  if (options === undefined) return Infinity;
  checkOptionKeys(options, ['blocking', 'timeout'], where, InvalidArgumentError);
  const blocking = options.blocking ?? true;
  if (typeof blocking !== 'boolean') throw new InvalidArgumentError(`${where}: blocking must be a boolean, got ${String(blocking)}`);
  if (options.timeout === undefined || options.timeout === null) return blocking ? Infinity : 0;
  const timeout = checkNumber(options.timeout, 'timeout', where);
  if (!blocking) throw new InvalidArgumentError(`${where}: can't specify a timeout (${timeout} ms) for a non-blocking acquire; drop timeout or set blocking: true`);
  return Math.max(0, timeout);
}

/** A wait's timeout as Python's Event/Condition/Barrier take it: undefined/null for ever, `<= 0` no wait. */
export function waitTimeout(timeout: number | undefined | null, where: string): number {
  if (timeout === undefined || timeout === null) return Infinity;
  return Math.max(0, checkNumber(timeout, 'timeout', where));
}
