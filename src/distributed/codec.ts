// How arguments, results and errors travel through the broker: JSON text, with bigint and undefined tagged.
import { deserializeError, serializeError, type SerializedError } from '../internal/remote-error.js';

const TAG = '$ts314';

/**
 * A bigint as text BigInt() reads back: hexadecimal for non-negative values, because decimal
 * conversion is quadratic in V8 (10000!, 35,660 digits: 7.4 ms to decimal and 3.3 ms back, against
 * 0.5 ms and 0.03 ms in hex, where computing it takes 2.8 ms). Negative values stay decimal, since
 * BigInt() does not read '-0x…'.
 */
function bigintText(value: bigint): string {
  return value >= 0n ? `0x${value.toString(16)}` : value.toString();
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { [TAG]: 'bigint', v: bigintText(value) };
  if (value === undefined) return { [TAG]: 'undefined' };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && TAG in value) {
    const tagged = value as { [TAG]: string; v?: string };
    if (tagged[TAG] === 'bigint') return BigInt(tagged.v!);
    if (tagged[TAG] === 'undefined') return undefined;
  }
  return value;
}

/**
 * A value as text: plain JSON ('j' prefix) when it is plain JSON, otherwise JSON with bigint and
 * undefined tagged ('t'). Other values take JSON's form (a Map becomes {}, a Date its ISO string).
 */
export function encodeValue(value: unknown): string {
  if (value !== undefined) {
    try {
      return `j${JSON.stringify(value)}`;
    } catch (error) {
      if (!(error instanceof TypeError) || !/BigInt/i.test(error.message)) throw error;
    }
  }
  return `t${JSON.stringify(value, replacer)}`;
}

export function decodeValue(text: string): unknown {
  if (text.startsWith('j')) return JSON.parse(text.slice(1));
  if (text.startsWith('t')) return JSON.parse(text.slice(1), reviver);
  throw new TypeError(`not a ts314/distributed value: ${text.slice(0, 40)}`);
}

/** What a failed job's `failedReason` starts with when the task itself threw. */
const ERROR_MARK = 'ts314-error:';

/** The text a worker fails a job with: the task's error, whole (name, message, stack, code, cause, fields). */
export function encodeError(error: unknown): string {
  return ERROR_MARK + encodeValue(serializeError(error));
}

/** The task's error rebuilt, or undefined when the engine failed the job for another reason. */
export function decodeError(failedReason: string): Error | undefined {
  if (!failedReason.startsWith(ERROR_MARK)) return undefined;
  return deserializeError(decodeValue(failedReason.slice(ERROR_MARK.length)) as SerializedError);
}

/** One item of a chunk job's result (map with chunksize). */
export type EncodedOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: SerializedError };

export { serializeError, deserializeError };

/** The data of one job: which task (module URL and export), its arguments, and whether it is a chunk of map items. */
export interface JobData {
  /** Module URL as the submitter named it (a worker matches it, or the export name, against its own modules). */
  readonly u: string;
  /** Export name. */
  readonly e: string;
  /** encodeValue(args), or encodeValue(list of args) for a chunk. */
  readonly a: string;
  /** 1 for a chunk: map items, or tasks submitted together. */
  readonly c?: 1;
  /** Positions in a chunk the worker skips: tasks cancelled after their shared job was added. */
  readonly s?: readonly number[];
}
