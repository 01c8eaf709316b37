// The pi-zstd demo: notebook 000's Monte-Carlo π and 100,000 normal floats compressed with zstd level 9.
import { compress, decompress } from '../compression/zstd/index.js';
import { RandomState } from '../random/index.js';
import { resolveOptions, since, type DemoOptions } from './options.js';

/** The notebook's sample sizes, after its 1,000-sample warm-up call. */
export const PI_SAMPLES = [100_000, 500_000, 1_000_000] as const;
export const PI_WARMUP_SAMPLES = 1_000;
/** The notebook's `np.random.randn(100000)` and `zstd.compress(…, level=9)`. */
export const NORMAL_FLOATS = 100_000;
export const ZSTD_LEVEL = 9;

export interface PiEstimate {
  readonly samples: number;
  readonly inside: number;
  /** 4 · inside / samples. */
  readonly pi: number;
  readonly ms: number;
}

export interface PiZstdResult {
  readonly demo: 'pi-zstd';
  readonly seed: number;
  readonly estimates: readonly PiEstimate[];
  readonly compression: {
    readonly level: number;
    readonly originalBytes: number;
    readonly compressedBytes: number;
    /** originalBytes / compressedBytes. */
    readonly ratio: number;
    readonly compressMs: number;
    readonly decompressMs: number;
    /** The floats read back equal the floats written, bit for bit. */
    readonly dataIntact: boolean;
    /** The π estimates read back equal the ones written. */
    readonly resultsIntact: boolean;
  };
}

/** The notebook's monte_carlo_pi: pairs (x, y) of uniforms, counting x² + y² ≤ 1. */
export function monteCarloPi(rng: RandomState, samples: number): { inside: number; pi: number } {
  const u = rng.randomSample(2 * samples);
  let inside = 0;
  for (let i = 0; i < 2 * samples; i += 2) {
    const x = u[i]!;
    const y = u[i + 1]!;
    if (x * x + y * y <= 1) inside++;
  }
  return { inside, pi: (4 * inside) / samples };
}

/**
 * What the notebook's serialized payload holds — the estimates and the floats — as one buffer: a
 * JSON header line with the estimates, then the floats' bytes (as pickle stores a NumPy array).
 */
function serialize(estimates: readonly number[], floats: Float64Array): Uint8Array {
  const header = new TextEncoder().encode(`${JSON.stringify(estimates)}\n`);
  const out = new Uint8Array(header.length + floats.byteLength);
  out.set(header);
  out.set(new Uint8Array(floats.buffer, floats.byteOffset, floats.byteLength), header.length);
  return out;
}

function deserialize(bytes: Uint8Array): { estimates: number[]; floats: Float64Array } {
  const newline = bytes.indexOf(10);
  const estimates = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline))) as number[];
  // A copy: decompress() returns a Buffer, whose slice() is a view into a shared, unaligned pool.
  const body = new Uint8Array(bytes.length - newline - 1);
  body.set(bytes.subarray(newline + 1));
  return { estimates, floats: new Float64Array(body.buffer) };
}

/**
 * π by Monte Carlo at 100k, 500k and 1M samples from one NumPy-compatible stream (after the
 * notebook's 1,000-sample warm-up), then `randn(100000)` serialized with the estimates,
 * zstd-compressed at level 9, decompressed and checked — the cell that failed at `import zstd`.
 * @example
 * const r = await piZstd({ seed: 42 });
 * console.log(r.estimates.map((e) => e.pi), r.compression.ratio);
 */
export async function piZstd(options: DemoOptions = {}): Promise<PiZstdResult> {
  const o = resolveOptions(options, 'piZstd()');
  const rng = new RandomState(o.seed);
  monteCarloPi(rng, PI_WARMUP_SAMPLES);
  const estimates = PI_SAMPLES.map((samples) => {
    o.progress(`π with ${samples.toLocaleString('en')} samples`);
    const start = performance.now();
    const { inside, pi } = monteCarloPi(rng, samples);
    return { samples, inside, pi, ms: since(start) };
  });
  o.progress('zstd');
  const floats = rng.randn(NORMAL_FLOATS);
  const payload = serialize(
    estimates.map((e) => e.pi),
    floats,
  );
  let start = performance.now();
  const compressed = compress(payload, { level: ZSTD_LEVEL });
  const compressMs = since(start);
  start = performance.now();
  const restored = deserialize(decompress(compressed));
  const decompressMs = since(start);
  const dataIntact = restored.floats.length === floats.length && restored.floats.every((v, i) => Object.is(v, floats[i]));
  return {
    demo: 'pi-zstd',
    seed: o.seed,
    estimates,
    compression: {
      level: ZSTD_LEVEL,
      originalBytes: payload.length,
      compressedBytes: compressed.length,
      ratio: payload.length / compressed.length,
      compressMs,
      decompressMs,
      dataIntact,
      resultsIntact: restored.estimates.every((pi, i) => pi === estimates[i]!.pi),
    },
  };
}
