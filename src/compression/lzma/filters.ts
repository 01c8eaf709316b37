// Filter chains (Python's `filters=[{'id': FILTER_LZMA2, 'preset': 9}, …]`) flattened for the addon.
import { InvalidArgumentError, InvalidValueError } from '../../internal/errors.js';
import { didYouMean } from '../../internal/did-you-mean.js';
import {
  FILTER_ARM,
  FILTER_ARMTHUMB,
  FILTER_DELTA,
  FILTER_IA64,
  FILTER_LZMA1,
  FILTER_LZMA2,
  FILTER_POWERPC,
  FILTER_SPARC,
  FILTER_X86,
} from './constants.js';

/** One filter of a chain; which keys apply depends on `id` (LZMA1/2: preset…depth; delta: dist; BCJ: startOffset). */
export interface LzmaFilter {
  id: bigint | number;
  preset?: number;
  dictSize?: number;
  lc?: number;
  lp?: number;
  pb?: number;
  mode?: number;
  niceLen?: number;
  mf?: number;
  depth?: number;
  dist?: number;
  startOffset?: number;
}

const SLOTS = ['id', 'preset', 'dictSize', 'lc', 'lp', 'pb', 'mode', 'niceLen', 'mf', 'depth', 'dist', 'startOffset'] as const;
const LZMA_KEYS = ['id', 'preset', 'dictSize', 'lc', 'lp', 'pb', 'mode', 'niceLen', 'mf', 'depth'];
const KNOWN_IDS = [
  FILTER_LZMA1,
  FILTER_LZMA2,
  FILTER_DELTA,
  FILTER_X86,
  FILTER_POWERPC,
  FILTER_IA64,
  FILTER_ARM,
  FILTER_ARMTHUMB,
  FILTER_SPARC,
];

function filterId(id: unknown, where: string): bigint {
  let value: bigint;
  if (typeof id === 'bigint') value = id;
  else if (typeof id === 'number' && Number.isInteger(id)) {
    // FILTER_LZMA1 (2^62 + 1) rounds to 2^62 as a double; accept that spelling of it.
    value = id === 2 ** 62 ? FILTER_LZMA1 : BigInt(id);
  } else throw new InvalidArgumentError(`${where}: filter id must be a FILTER_* constant, got ${String(id)}`);
  if (!KNOWN_IDS.includes(value)) throw new InvalidValueError(`${where}: unknown filter id ${value}; use a FILTER_* constant`);
  return value;
}

/** Validates a chain and packs it as the addon expects: 12 int64 slots per filter, -1 for "not given". */
export function packFilters(filters: readonly LzmaFilter[], where: string): BigInt64Array {
  if (!Array.isArray(filters) || filters.length < 1 || filters.length > 4) {
    throw new InvalidValueError(`${where}: filters must be an array of 1 to 4 filter specs`);
  }
  const packed = new BigInt64Array(filters.length * SLOTS.length).fill(-1n);
  filters.forEach((filter, i) => {
    if (typeof filter !== 'object' || filter === null) throw new InvalidArgumentError(`${where}: filters[${i}] must be an object`);
    const id = filterId(filter.id, `${where}: filters[${i}]`);
    const allowed = id === FILTER_LZMA1 || id === FILTER_LZMA2 ? LZMA_KEYS : id === FILTER_DELTA ? ['id', 'dist'] : ['id', 'startOffset'];
    for (const key of Object.keys(filter)) {
      if (!allowed.includes(key)) {
        const hint = didYouMean(key, allowed) || ` Valid keys for this filter: ${allowed.join(', ')}.`;
        throw new InvalidArgumentError(`${where}: filters[${i}] has unknown key '${key}'.${hint}`);
      }
    }
    SLOTS.forEach((slot, s) => {
      if (slot === 'id') {
        packed[i * SLOTS.length] = id;
        return;
      }
      const v = filter[slot];
      if (v === undefined) return;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
        throw new InvalidValueError(`${where}: filters[${i}].${slot} must be a non-negative 32-bit integer, got ${String(v)}`);
      }
      packed[i * SLOTS.length + s] = BigInt(v);
    });
  });
  return packed;
}
