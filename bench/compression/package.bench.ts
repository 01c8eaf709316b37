// The seed guide's "gzip vs zstd, compress/decompress 100 KB" table, reproduced for every ts314 codec with ratios.
// Run: node --import tsx bench/compression/package.bench.ts
import * as gzip from '../../src/compression/gzip/index.js';
import * as zstd from '../../src/compression/zstd/index.js';
import * as brotli from '../../src/compression/brotli/index.js';
import * as bz2 from '../../src/compression/bz2/index.js';
import * as lzma from '../../src/compression/lzma/index.js';
import { standardPayloads } from './payloads.js';
import { median } from '../../src/bench/stats.js';

/** Timed rounds per measurement; the median is reported (project rule: >= 5). */
const ROUNDS = Number(process.env.ROUNDS ?? 7);
/** Each timed sample repeats the operation until at least this long, to swamp timer resolution. */
const MIN_SAMPLE_MS = 40;

interface Contender {
  readonly name: string;
  readonly compress: (data: Buffer) => Buffer;
  readonly decompress: (data: Buffer) => Buffer;
}

// Python's defaults where Python has the codec: gzip.compress level 9, zstd level 3, bz2 9, lzma preset 6.
// gzip level 6 (node:zlib's and the gzip CLI's default) and brotli at two qualities are added for context.
const contenders: Contender[] = [
  { name: 'gzip (level 9, Python default)', compress: (d) => gzip.compress(d, { mtime: 0 }), decompress: (d) => gzip.decompress(d) },
  { name: 'gzip (level 6)', compress: (d) => gzip.compress(d, { level: 6, mtime: 0 }), decompress: (d) => gzip.decompress(d) },
  { name: 'zstd (level 3)', compress: (d) => zstd.compress(d, { level: 3 }), decompress: (d) => zstd.decompress(d) },
  { name: 'brotli (quality 5)', compress: (d) => brotli.compress(d, { quality: 5 }), decompress: (d) => brotli.decompress(d) },
  { name: 'brotli (quality 11, default)', compress: (d) => brotli.compress(d), decompress: (d) => brotli.decompress(d) },
  { name: 'bz2 (level 9)', compress: (d) => bz2.compress(d), decompress: (d) => bz2.decompress(d) },
  { name: 'lzma/xz (preset 6)', compress: (d) => lzma.compress(d), decompress: (d) => lzma.decompress(d) },
];

let sink = 0;
/** Milliseconds per operation for one sample. */
function sample(op: () => Buffer): number {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    sink += op().length; // consume every result
    n++;
    elapsed = performance.now() - start;
  } while (elapsed < MIN_SAMPLE_MS);
  return elapsed / n;
}

interface Row {
  payload: string;
  name: string;
  compressMs: number;
  decompressMs: number;
  ratio: number;
}
const rows: Row[] = [];
for (const { name: payload, data } of standardPayloads()) {
  const packed = new Map(contenders.map((c) => [c.name, c.compress(data)]));
  for (const c of contenders) {
    if (!c.decompress(packed.get(c.name)!).equals(data)) throw new Error(`${c.name} does not round-trip`);
  }
  const comp: Record<string, number[]> = {};
  const decomp: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the starting contender each round so none always runs first or after the same neighbour.
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
    for (const c of round % 2 ? order.reverse() : order) {
      (comp[c.name] ??= []).push(sample(() => c.compress(data)));
      const frame = packed.get(c.name)!;
      (decomp[c.name] ??= []).push(sample(() => c.decompress(frame)));
    }
  }
  for (const c of contenders) {
    rows.push({
      payload,
      name: c.name,
      compressMs: median(comp[c.name]!),
      decompressMs: median(decomp[c.name]!),
      ratio: data.length / packed.get(c.name)!.length,
    });
  }
}

const ms = (v: number) => (v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3));
console.log(`## compression: package\n`);
console.log(
  `Command: \`node --import tsx bench/compression/package.bench.ts\` (Node ${process.versions.node}; payloads from bench/compression/payloads.ts; ms per operation = median of ${ROUNDS} rounds, each round repeating the call for >= ${MIN_SAMPLE_MS} ms; contender order rotated and reversed between rounds; "vs gzip" = gzip level-9 time / this time, so > 1 is faster)\n`,
);
console.log('| payload | codec | compress ms/op | decompress ms/op | ratio (in/out) | compress vs gzip-9 | decompress vs gzip-9 |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  const ref = rows.find((x) => x.payload === r.payload && x.name.startsWith('gzip (level 9'))!;
  console.log(
    `| ${r.payload} | ${r.name} | ${ms(r.compressMs)} | ${ms(r.decompressMs)} | ${r.ratio.toFixed(2)} | ${(ref.compressMs / r.compressMs).toFixed(2)}x | ${(ref.decompressMs / r.decompressMs).toFixed(2)}x |`,
  );
}
console.log("\nThe seed guide's claims, against these figures:");
for (const payload of new Set(rows.map((r) => r.payload))) {
  const g9 = rows.find((r) => r.payload === payload && r.name.startsWith('gzip (level 9'))!;
  const g6 = rows.find((r) => r.payload === payload && r.name.startsWith('gzip (level 6'))!;
  const z = rows.find((r) => r.payload === payload && r.name.startsWith('zstd'))!;
  const c9 = g9.compressMs / z.compressMs;
  const c6 = g6.compressMs / z.compressMs;
  const d = g9.decompressMs / z.decompressMs;
  const verdict = (x: number) => (x >= 3 && x <= 5 ? 'within' : x > 5 ? 'above' : 'below');
  console.log(
    `- ${payload}: zstd-3 compresses ${c9.toFixed(1)}x faster than gzip-9 (${c6.toFixed(1)}x vs gzip-6) and decompresses ${d.toFixed(1)}x faster; ` +
      `ratio ${z.ratio.toFixed(2)} vs gzip-9 ${g9.ratio.toFixed(2)}. "3-5x faster than gzip": ${verdict(c9)} that range against gzip-9, ${verdict(c6)} against gzip-6. ` +
      `Seed table (5.2 ms vs 0.23 ms, 22x; 0.8 ms vs 0.05 ms, 16x): here ${ms(g9.compressMs)} ms vs ${ms(z.compressMs)} ms and ${ms(g9.decompressMs)} ms vs ${ms(z.decompressMs)} ms.`,
  );
}
if (sink === 0.5) console.log(sink); // keeps `sink` observable so no call is dead code
