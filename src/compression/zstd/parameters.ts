// Compression/decompression parameters, strategies, levels and version: libzstd's knobs with their live bounds.
import { tryZstdAddon, zstdAddon } from './native.js';

/** libzstd's default level (ZSTD_CLEVEL_DEFAULT); level 0 also means this, as in Python. */
export const COMPRESSION_LEVEL_DEFAULT = 3;

/** The camelCase name of a compression parameter (Python's snake_case name, camelCased). */
export type CompressionParameterName =
  | 'compressionLevel'
  | 'windowLog'
  | 'hashLog'
  | 'chainLog'
  | 'searchLog'
  | 'minMatch'
  | 'targetLength'
  | 'strategy'
  | 'enableLongDistanceMatching'
  | 'ldmHashLog'
  | 'ldmMinMatch'
  | 'ldmBucketSizeLog'
  | 'ldmHashRateLog'
  | 'contentSizeFlag'
  | 'checksumFlag'
  | 'dictIdFlag'
  | 'nbWorkers'
  | 'jobSize'
  | 'overlapLog';

/** The camelCase name of a decompression parameter. */
export type DecompressionParameterName = 'windowLogMax';

/**
 * One libzstd compression parameter (Python's `CompressionParameter` IntEnum member): `value` is
 * zstd's ZSTD_cParameter number, `bounds()` asks the linked libzstd for the inclusive valid range.
 * Pass parameters as `options: { windowLog: 24, nbWorkers: 4 }`.
 * @example
 * const [lo, hi] = CompressionParameter.windowLog.bounds(); // [10, 31] on 64-bit builds
 */
export class CompressionParameter {
  static readonly compressionLevel = new CompressionParameter('compressionLevel', 100);
  static readonly windowLog = new CompressionParameter('windowLog', 101);
  static readonly hashLog = new CompressionParameter('hashLog', 102);
  static readonly chainLog = new CompressionParameter('chainLog', 103);
  static readonly searchLog = new CompressionParameter('searchLog', 104);
  static readonly minMatch = new CompressionParameter('minMatch', 105);
  static readonly targetLength = new CompressionParameter('targetLength', 106);
  static readonly strategy = new CompressionParameter('strategy', 107);
  static readonly enableLongDistanceMatching = new CompressionParameter('enableLongDistanceMatching', 160);
  static readonly ldmHashLog = new CompressionParameter('ldmHashLog', 161);
  static readonly ldmMinMatch = new CompressionParameter('ldmMinMatch', 162);
  static readonly ldmBucketSizeLog = new CompressionParameter('ldmBucketSizeLog', 163);
  static readonly ldmHashRateLog = new CompressionParameter('ldmHashRateLog', 164);
  static readonly contentSizeFlag = new CompressionParameter('contentSizeFlag', 200);
  static readonly checksumFlag = new CompressionParameter('checksumFlag', 201);
  static readonly dictIdFlag = new CompressionParameter('dictIdFlag', 202);
  static readonly nbWorkers = new CompressionParameter('nbWorkers', 400);
  static readonly jobSize = new CompressionParameter('jobSize', 401);
  static readonly overlapLog = new CompressionParameter('overlapLog', 402);

  private constructor(
    readonly name: CompressionParameterName,
    readonly value: number,
  ) {}

  /** Every compression parameter, in libzstd's numeric order. */
  static values(): readonly CompressionParameter[] {
    return COMPRESSION_PARAMETERS;
  }

  /** The inclusive `[lower, upper]` range libzstd accepts for this parameter. */
  bounds(): readonly [number, number] {
    return zstdAddon().paramBounds(true, this.value);
  }

  valueOf(): number {
    return this.value;
  }

  toString(): string {
    return `CompressionParameter.${this.name}`;
  }
}

const COMPRESSION_PARAMETERS: readonly CompressionParameter[] = Object.freeze(
  Object.values(CompressionParameter).filter((v): v is CompressionParameter => v instanceof CompressionParameter),
);

/**
 * One libzstd decompression parameter (Python's `DecompressionParameter`): only `windowLogMax`,
 * which caps the memory a frame may ask for (frames made with `zstd --long` need it raised).
 * @example
 * zstd.decompress(data, { options: { windowLogMax: 31 } });
 */
export class DecompressionParameter {
  static readonly windowLogMax = new DecompressionParameter('windowLogMax', 100);

  private constructor(
    readonly name: DecompressionParameterName,
    readonly value: number,
  ) {}

  static values(): readonly DecompressionParameter[] {
    return [DecompressionParameter.windowLogMax];
  }

  /** The inclusive `[lower, upper]` range libzstd accepts. */
  bounds(): readonly [number, number] {
    return zstdAddon().paramBounds(false, this.value);
  }

  valueOf(): number {
    return this.value;
  }

  toString(): string {
    return `DecompressionParameter.${this.name}`;
  }
}

/**
 * Match-finding strategies (ZSTD_strategy) for `options.strategy`, fastest first. As in Python, only
 * their ordering is guaranteed across libzstd versions.
 * @example
 * zstd.compress(data, { options: { strategy: Strategy.btultra2 } });
 */
export const Strategy = Object.freeze({
  fast: 1,
  dfast: 2,
  greedy: 3,
  lazy: 4,
  lazy2: 5,
  btlazy2: 6,
  btopt: 7,
  btultra: 8,
  btultra2: 9,
} as const);
export type Strategy = (typeof Strategy)[keyof typeof Strategy];

const addon = tryZstdAddon();

/** The linked libzstd's version, e.g. "1.5.7" ("" when the addon is not built). */
export const zstdVersion: string = addon?.versionString ?? '';

/** `[major, minor, release]` of the linked libzstd (`[0, 0, 0]` when the addon is not built). */
export const zstdVersionInfo: readonly [number, number, number] = Object.freeze(
  addon
    ? ([Math.floor(addon.versionNumber / 10000), Math.floor(addon.versionNumber / 100) % 100, addon.versionNumber % 100] as const)
    : ([0, 0, 0] as const),
) as readonly [number, number, number];
