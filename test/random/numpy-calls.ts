// Replays the fixture's NumPy calls on a RandomState and encodes results as the generator script does (float bits in hex, long arrays by SHA-256).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RandomState } from '../../src/random/index.js';

export type CallSpec = [string, ...unknown[]];
export type Encoded = unknown;

export interface Fixture {
  numpy: string;
  programs: { seed: number | number[]; calls: { call: CallSpec; out: Encoded }[] }[];
  streams: {
    name: string;
    seed: number;
    calls: { call: CallSpec; out: Encoded }[] | null;
    repeat: { call: CallSpec; times: number } | null;
    sha256: string;
    first: Encoded;
  }[];
  errors: { call: CallSpec; raises: string | null }[];
  libm: { seed: number; count: number; log_sha256: string; exp_sha256: string };
}

export function loadFixture(): Fixture {
  return JSON.parse(readFileSync(new URL('./fixtures/numpy-legacy.json', import.meta.url), 'utf8')) as Fixture;
}

/** Arrays longer than this are recorded by digest (the script's LONG). */
const LONG = 64;

const view = new DataView(new ArrayBuffer(8));
export function hexBits(x: number): string {
  view.setFloat64(0, x);
  return view.getUint32(0).toString(16).padStart(8, '0') + view.getUint32(4).toString(16).padStart(8, '0');
}

/** Little-endian float64 bytes, as NumPy's `astype('<f8').tobytes()`. */
export function float64Bytes(values: Float64Array): Buffer {
  const bytes = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i]!, i * 8);
  return bytes;
}

export function sha256(value: Float64Array | readonly (string | number)[]): string {
  const data = value instanceof Float64Array ? float64Bytes(value) : value.join('\n');
  return createHash('sha256').update(data).digest('hex');
}

const INTEGER_RESULTS = new Set(['randint', 'permutation', 'choice', 'shuffle']);

/** The fixture's encoding of a result: floats as hex bits, integers as numbers, long arrays as { sha256, first }. */
export function encode(name: string, value: unknown): Encoded {
  const integers = INTEGER_RESULTS.has(name);
  if (value instanceof Float64Array || Array.isArray(value)) {
    const list = Array.from(value as ArrayLike<unknown>);
    if (list.length > LONG) {
      const digestOf = value instanceof Float64Array && !integers ? value : (list as (string | number)[]);
      return { sha256: sha256(digestOf), first: encode(name, list.slice(0, 5)) };
    }
    return list.map((x) => (typeof x === 'number' && !integers ? hexBits(x) : x));
  }
  if (typeof value === 'number' && !integers) return hexBits(value);
  return value;
}

const METHODS: Record<string, string> = { random_sample: 'randomSample', standard_normal: 'standardNormal' };

/** Makes the call a spec describes, NumPy's argument conventions mapped to RandomState's. */
export function call(rs: RandomState, spec: CallSpec): unknown {
  const [name, ...rawArgs] = spec;
  const args = rawArgs.map((a) => (a === null ? undefined : a));
  if (name === 'shuffle') {
    const target = [...(args[0] as unknown[])];
    rs.shuffle(target);
    return target;
  }
  const method = METHODS[name] ?? name;
  return (rs as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args);
}
