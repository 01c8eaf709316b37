// Validation of level/options/zstdDict arguments, turned into the (parameter, value) pairs libzstd takes.
import { InvalidArgumentError, InvalidValueError } from '../../internal/errors.js';
import { checkOptionKeys } from '../../internal/validate.js';
import { NO_DICT, type DictSpec, type ParamPairs } from './native.js';
import {
  COMPRESSION_LEVEL_DEFAULT,
  CompressionParameter,
  DecompressionParameter,
  type CompressionParameterName,
  type DecompressionParameterName,
} from './parameters.js';
import { ZstdDict, type ZstdDictUse } from './dict.js';

/** Advanced compression parameters by camelCase name (booleans for the *Flag / LDM switches). */
export type CompressionOptions = { readonly [K in CompressionParameterName]?: number | boolean };

/** Decompression parameters by camelCase name. */
export type DecompressionOptions = { readonly [K in DecompressionParameterName]?: number };

/** A dictionary argument: a ZstdDict (digested for decompression, undigested for compression, as in Python) or one of its `as*` uses. */
export type ZstdDictArgument = ZstdDict | ZstdDictUse;

const COMPRESSION_NAMES: readonly string[] = CompressionParameter.values().map((p) => p.name);
const DECOMPRESSION_NAMES: readonly string[] = DecompressionParameter.values().map((p) => p.name);

const FLAG_PARAMETERS: ReadonlySet<string> = new Set(['contentSizeFlag', 'checksumFlag', 'dictIdFlag']);

function checkValue(
  value: unknown,
  name: string,
  bounds: readonly [number, number],
  kind: 'compression' | 'decompression',
  where: string,
): number {
  const n = typeof value === 'boolean' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new InvalidArgumentError(`${where}: the value of ${kind} parameter '${name}' must be an integer, got ${String(value)}`);
  }
  // libzstd reads the frame flags as booleans (any non-zero is on), and takes 0 as "default" wherever 0 is
  // outside the range; CPython passes both through, so they are not range errors here either.
  if (FLAG_PARAMETERS.has(name)) return n;
  const [lo, hi] = bounds;
  if ((n < lo || n > hi) && !(n === 0 && lo > 0)) {
    // CPython 3.14's wording (a ValueError there); the range is the linked libzstd's, as there.
    throw new InvalidValueError(`${where}: ${kind} parameter '${name}' received an illegal value ${n}; the valid range is [${lo}, ${hi}]`);
  }
  return n;
}

/** Python's name for the type of a JavaScript value, for messages that quote CPython's. */
function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  return typeof value;
}

/** Validates a level the way CPython does and returns it (0 and undefined mean the default). */
export function checkLevel(level: unknown, where: string): number {
  if (typeof level !== 'number' || !Number.isInteger(level)) {
    throw new InvalidArgumentError(
      `${where}: invalid type for level, expected int, got ${typeof level === 'number' ? level : pythonTypeName(level)}`,
    );
  }
  const [lo, hi] = CompressionParameter.compressionLevel.bounds();
  if (level < lo || level > hi) {
    throw new InvalidValueError(`${where}: illegal compression level ${level}; the valid range is [${lo}, ${hi}]`);
  }
  return level;
}

/** A resolved compression setup: parameter pairs and the level a digested dictionary is built for. */
export interface CompressionSetup {
  readonly pairs: ParamPairs;
  readonly level: number;
}

/** Turns `{ level, options }` into parameter pairs, with CPython's checks and ts314's "Did you mean". */
export function compressionSetup(level: unknown, options: unknown, where: string): CompressionSetup {
  if (level !== undefined && level !== null && options !== undefined && options !== null) {
    throw new InvalidArgumentError(`${where}: Only one of level or options should be used.`);
  }
  if (level !== undefined && level !== null) {
    const checked = checkLevel(level, where);
    return { pairs: new Int32Array([CompressionParameter.compressionLevel.value, checked]), level: checked || COMPRESSION_LEVEL_DEFAULT };
  }
  if (options === undefined || options === null) return { pairs: null, level: COMPRESSION_LEVEL_DEFAULT };
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidArgumentError(`${where}: options must be an object of compression parameters, e.g. { windowLog: 24 }`);
  }
  for (const key of Object.keys(options)) {
    if (DECOMPRESSION_NAMES.includes(key)) {
      throw new InvalidArgumentError(
        `${where}: compression options dictionary key must not be a DecompressionParameter attribute ('${key}' is one; it applies only when decompressing)`,
      );
    }
  }
  checkOptionKeys(options, COMPRESSION_NAMES, `${where} options`);
  const pairs: number[] = [];
  let effective = COMPRESSION_LEVEL_DEFAULT;
  for (const parameter of CompressionParameter.values()) {
    const value = (options as Record<string, unknown>)[parameter.name];
    if (value === undefined) continue;
    // CPython checks options.compressionLevel as it checks level, with the same message.
    const n =
      parameter === CompressionParameter.compressionLevel && typeof value === 'number' && Number.isInteger(value)
        ? checkLevel(value, where)
        : checkValue(value, parameter.name, parameter.bounds(), 'compression', where);
    if (parameter === CompressionParameter.compressionLevel) effective = n || COMPRESSION_LEVEL_DEFAULT;
    pairs.push(parameter.value, n);
  }
  return { pairs: pairs.length ? new Int32Array(pairs) : null, level: effective };
}

/** Turns decompression `options` into parameter pairs. */
export function decompressionPairs(options: unknown, where: string): ParamPairs {
  if (options === undefined || options === null) return null;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidArgumentError(`${where}: options must be an object of decompression parameters, e.g. { windowLogMax: 31 }`);
  }
  for (const key of Object.keys(options)) {
    if (COMPRESSION_NAMES.includes(key)) {
      // CPython says "compression options" here too.
      throw new InvalidArgumentError(
        `${where}: compression options dictionary key must not be a CompressionParameter attribute ('${key}' is one; it applies only when compressing)`,
      );
    }
  }
  checkOptionKeys(options, DECOMPRESSION_NAMES, `${where} options`);
  const pairs: number[] = [];
  for (const parameter of DecompressionParameter.values()) {
    const value = (options as Record<string, unknown>)[parameter.name];
    if (value === undefined) continue;
    pairs.push(parameter.value, checkValue(value, parameter.name, parameter.bounds(), 'decompression', where));
  }
  return pairs.length ? new Int32Array(pairs) : null;
}

function dictUse(zstdDict: unknown, defaultMode: ZstdDictUse['mode'], where: string): ZstdDictUse | undefined {
  if (zstdDict === undefined || zstdDict === null) return undefined;
  if (zstdDict instanceof ZstdDict) return { dict: zstdDict, mode: defaultMode };
  const use = zstdDict as Partial<ZstdDictUse>;
  if (
    typeof use === 'object' &&
    use.dict instanceof ZstdDict &&
    (use.mode === 'digested' || use.mode === 'undigested' || use.mode === 'prefix')
  ) {
    return use as ZstdDictUse;
  }
  throw new InvalidArgumentError(`${where}: zstdDict must be a ZstdDict or one of zd.asDigestedDict, zd.asUndigestedDict, zd.asPrefix`);
}

/** The dictionary for compressing: undigested by default, which keeps the caller's parameters. */
export function compressionDict(zstdDict: unknown, level: number, where: string): DictSpec {
  const use = dictUse(zstdDict, 'undigested', where);
  if (!use) return NO_DICT;
  return use.dict.compressionSpec(use.mode, level);
}

/** The dictionary for decompressing: digested by default (fastest for repeated use). */
export function decompressionDict(zstdDict: unknown, where: string): DictSpec {
  const use = dictUse(zstdDict, 'digested', where);
  if (!use) return NO_DICT;
  return use.dict.decompressionSpec(use.mode);
}
