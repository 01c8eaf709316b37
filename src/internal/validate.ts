// The argument checks every module repeats: option keys, timeouts and whole numbers, each worded and thrown one way.
import { didYouMean } from './did-you-mean.js';
import { InvalidArgumentError, InvalidValueError, type ErrorClass, type ErrorCode, type Ts314ErrorOptions } from './errors.js';

/** The code of every bad-argument error these checks throw (unless the caller's class says otherwise). */
export const INVALID_ARGUMENT: ErrorCode = 'ERR_INVALID_ARGUMENT';

/** Who is checking and what to throw: `where` prefixes the message, `ErrorClass` is the module's own class. */
export interface CheckContext {
  readonly where: string;
  /** The module's error class; the shared InvalidArgumentError (a TypeError) where a module has none of its own. */
  readonly ErrorClass?: ErrorClass | undefined;
  /** The code to give it; the class's default when omitted. */
  readonly code?: ErrorCode | undefined;
}

/** `outOfRange`: the value is of the right kind but not allowed (InvalidValueError unless the module has its own class). */
function fail(context: CheckContext, message: string, outOfRange = false): never {
  const ErrorClass = (context.ErrorClass ?? (outOfRange ? InvalidValueError : InvalidArgumentError)) as new (
    message: string,
    options?: Ts314ErrorOptions,
  ) => Error;
  throw new ErrorClass(`${context.where}: ${message}`, context.code === undefined ? undefined : { code: context.code });
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value === 'object' && value !== null ? typeof value : String(value);
}

/**
 * Rejects option keys a function does not know, suggesting the intended one:
 * `new InterpreterPoolExecutor({ maxWorker: 2 })` → "unknown option 'maxWorker'. Did you mean 'maxWorkers'?".
 * @example
 * checkOptionKeys(options, ['maxWorkers', 'initializer'], 'InterpreterPoolExecutor');
 */
export function checkOptionKeys(
  options: object | undefined,
  known: readonly string[],
  where: string,
  ErrorClass?: ErrorClass,
  code?: ErrorCode,
): void {
  if (options === undefined || options === null) return;
  const context = { where, ErrorClass, code };
  if (typeof options !== 'object') fail(context, `options must be an object, got ${typeof options}`);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const hint = didYouMean(key, known) || ` Valid options: ${known.join(', ')}.`;
      fail(context, `unknown option '${key}'.${hint}`);
    }
  }
}

/**
 * ts314's one timeout convention, in milliseconds: omitted (`undefined`, or Python's `None` as
 * `null`) or `Infinity` waits for ever, `0` does not wait, and anything else — a negative number,
 * NaN, a string — is a bad argument. Returns the limit, Infinity for "for ever".
 * @example
 * const limit = checkTimeout(options?.timeout, { where: 'Queue.getAsync()', ErrorClass: QueueError });
 */
export function checkTimeout(timeout: unknown, context: CheckContext): number {
  return checkMilliseconds(timeout, 'timeout', context);
}

/**
 * A duration in milliseconds under the timeout convention (omitted, `null` or `Infinity`: for ever;
 * `0`: at once), for options that are not called `timeout`, such as a pool's `idleTimeout`.
 */
export function checkMilliseconds(value: unknown, what: string, context: CheckContext): number {
  if (value === undefined || value === null) return Infinity;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    fail(context, `${what} must be a number of milliseconds >= 0 (omit it or pass Infinity to wait for ever), got ${show(value)}`);
  }
  return value;
}

/**
 * A delay in milliseconds where, as in Python's asyncio, one already past (negative) is due now: 0.
 * `undefined` or `null` is Infinity, as for {@link checkMilliseconds}.
 */
export function checkDelay(value: unknown, what: string, context: CheckContext): number {
  if (value === undefined || value === null) return Infinity;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    fail(
      context,
      `${what} must be a number of milliseconds (0 or less: due now; omit it or pass Infinity to wait for ever), got ${show(value)}`,
    );
  }
  return value < 0 ? 0 : value;
}

/**
 * A timeout given either positionally, as Python's `wait(timeout)` takes it, or as `{ timeout }`,
 * the form every ts314 wait accepts. Returns the limit in milliseconds, Infinity for ever.
 */
export function timeoutArgument(
  argument: number | { readonly timeout?: number | undefined } | null | undefined,
  context: CheckContext,
): number {
  if (typeof argument === 'object' && argument !== null) {
    checkOptionKeys(argument, ['timeout'], context.where, context.ErrorClass, context.code);
    return checkTimeout(argument.timeout, context);
  }
  return checkTimeout(argument, context);
}

/**
 * A whole number between `min` and `max` (a count, a length, a size), worded the same everywhere.
 * @example
 * checkInteger(parties, 'parties', { where: 'Barrier', ErrorClass: InvalidArgumentError }, 1);
 */
export function checkInteger(value: unknown, what: string, context: CheckContext, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    fail(context, `${what} must be an integer, got ${typeof value === 'number' ? value : show(value)}`);
  if (value < min || value > max) {
    fail(
      context,
      `${what} must be an integer ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`}, got ${value}`,
      true,
    );
  }
  return value;
}

/** checkInteger for an optional value: `fallback` when it is undefined. */
export function optionalInteger(
  value: unknown,
  what: string,
  fallback: number,
  context: CheckContext,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  return value === undefined ? fallback : checkInteger(value, what, context, min, max);
}

/**
 * The name Python would give a value's type, for messages that mirror Python's (`int`, `float`,
 * `str`, `bytes`, `list`, `dict`, `None`), rather than JavaScript's `number` or `object`.
 * @example
 * `expected str, got ${pythonTypeName(5)}` // 'expected str, got int'
 */
export function pythonTypeName(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'str';
    case 'symbol':
    case 'function':
      return typeof value;
  }
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return 'bytes';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Map) return 'dict';
  if (value instanceof Set) return 'set';
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return proto === null || proto === Object.prototype ? 'dict' : (proto.constructor?.name ?? 'object');
}
