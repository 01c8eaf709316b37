// The compression category: zstd vs gzip vs brotli on a 100 KiB JSON payload, compress and decompress, with ratios.
import { compress, decompress, isAvailable, type CodecName } from '../../compression/index.js';
import type { BenchDefinition } from '../definition.js';
import { jsonSensorRecords, PAYLOAD_BYTES } from '../workloads/payloads.js';
import { define } from './define.js';

/**
 * Each codec at its Python default level (what `compression.<codec>.compress(data)` does): zstd 3,
 * gzip 9, brotli 11 — the trade-off users get without tuning. gzip is the reference everyone knows.
 */
const CODECS: ReadonlyArray<{ readonly codec: CodecName; readonly level: number }> = [
  { codec: 'zstd', level: 3 },
  { codec: 'gzip', level: 9 },
  { codec: 'brotli', level: 11 },
];
const BASELINE: CodecName = 'gzip';

interface State {
  readonly input: Buffer;
  readonly compressed: Buffer;
}

/** The compression category's benchmarks for a run. */
export function load(): BenchDefinition[] {
  const kib = PAYLOAD_BYTES / 1024;
  const out: BenchDefinition[] = [];
  const codecs = CODECS.filter(({ codec }) => isAvailable(codec));
  for (const direction of ['compress', 'decompress'] as const) {
    for (const { codec, level } of codecs) {
      out.push(
        define<State>({
          name: `${codec} (level ${level})`,
          group: `${direction} ${kib} KiB JSON`,
          params: { codec, level, bytes: PAYLOAD_BYTES, direction },
          baseline: codec === BASELINE,
          setup() {
            const input = jsonSensorRecords(PAYLOAD_BYTES);
            const compressed = compress(input, codec, { level });
            if (!decompress(compressed, { codec }).equals(input)) throw new Error(`${codec} did not round-trip the payload`);
            return { input, compressed };
          },
          fn:
            direction === 'compress'
              ? (s) => compress(s.input, codec, { level }).length
              : (s) => decompress(s.compressed, { codec }).length,
          // MB/s follows from the timed mean and `bytes` (uncompressed size either way), so the chart uses the runner's figure.
          metrics: (s) => ({
            ratio: s.input.length / s.compressed.length,
            inputBytes: s.input.length,
            compressedBytes: s.compressed.length,
          }),
        }),
      );
    }
  }
  return out;
}
