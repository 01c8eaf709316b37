// Benchmark: in-memory level-3 zstd compress/decompress of the standard payloads — ts314 vs the zstd CLI's own
// benchmark (`zstd -b3`), every other zstd route Node has here (zstd-napi, node:zlib's zstd where present), and the
// ceiling: a C loop over the same vendored libzstd (bench/compression/zstd-c-loop.c), run in the same rounds.
// Run: node --import tsx bench/compression/zstd.bench.ts  [--runs=7] [--cli-seconds=3]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { compress, decompress, decompressInto, zstdVersion } from '../../src/compression/zstd/index.js';
import { buildCLoop, runCLoop } from './zstd-c-loop.js';
import { loadPeer } from '../peers/load.js';
import { standardPayloads } from './payloads.js';
import { tempDir } from '../../test/helpers/temp-dir.js';
import { median } from '../../src/bench/stats.js';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const RUNS = arg('runs', 7);
const CLI_SECONDS = arg('cli-seconds', 3);
/** Each timed sample loops for at least this long, so timer resolution and call overhead are noise. */
const SAMPLE_MS = 250;
const LEVEL = 3;
const MB = 1e6; // zstd's benchmark reports MB/s with 1 MB = 1,000,000 bytes; so do we.

interface Route {
  readonly name: string;
  compress(data: Buffer): Uint8Array;
  decompress(frame: Uint8Array): Uint8Array;
}

const routes: Route[] = [
  { name: `ts314 (bundled libzstd ${zstdVersion})`, compress: (d) => compress(d, { level: LEVEL }), decompress: (f) => decompress(f) },
];
const skipped: string[] = [];
try {
  const napi = loadPeer<{ compress(d: Uint8Array, p: object): Buffer; decompress(d: Uint8Array): Buffer }>('zstd-napi');
  routes.push({ name: 'zstd-napi', compress: (d) => napi.compress(d, { compressionLevel: LEVEL }), decompress: (f) => napi.decompress(f) });
} catch (error) {
  skipped.push(`zstd-napi (could not be installed: ${(error as Error).message.split('\n')[0]})`);
}
const z = zlib as unknown as {
  zstdCompressSync?: (d: Uint8Array, o: object) => Buffer;
  zstdDecompressSync?: (d: Uint8Array) => Buffer;
  constants: Record<string, number>;
};
if (typeof z.zstdCompressSync === 'function' && typeof z.zstdDecompressSync === 'function') {
  const params = { [z.constants.ZSTD_c_compressionLevel as number]: LEVEL };
  routes.push({
    name: `node:zlib zstd (Node ${process.versions.node})`,
    compress: (d) => z.zstdCompressSync!(d, { params }),
    decompress: (f) => z.zstdDecompressSync!(f),
  });
} else {
  skipped.push(`node:zlib zstd (absent in Node ${process.versions.node})`);
}
skipped.push('@mongodb-js/zstd (cannot install here: its prebuilt binary and its zstd source both come from GitHub)');

const cLoop = buildCLoop();
if (cLoop instanceof Error) skipped.push(`C loop (${cLoop.message})`);

let sink = 0; // every result is consumed, so no call can be optimised away

/** CPU-time rates of ts314's own routes, pushed by rate() when given a list. */
function rate(fn: () => Uint8Array, bytes: number, cpuRates?: number[]): number {
  let n = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  do {
    sink += fn().byteLength;
    n++;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < BigInt(SAMPLE_MS) * 1_000_000n);
  // The process's CPU time (GC and helper threads included): time spent preempted by other work does not count.
  const cpu = process.cpuUsage(cpuStart);
  cpuRates?.push((n * bytes) / MB / ((cpu.user + cpu.system) / 1e6));
  return (n * bytes) / MB / (Number(elapsed) / 1e9);
}

/** `zstd -b3 -i<s> file`: the CLI's own in-memory benchmark; its last line holds the best compress/decompress MB/s. */
function cliBench(file: string): { compress: number; decompress: number; version: string } {
  const out = execFileSync('zstd', [`-b${LEVEL}`, `-i${CLI_SECONDS}`, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const text = out
    .split('\r')
    .map((l) => l.trim())
    .filter(Boolean);
  const last = [...text].reverse().find((l) => /MB\/s,\s*[\d.]+ MB\/s/.test(l));
  const m = last && /([\d.]+) MB\/s,\s*([\d.]+) MB\/s/.exec(last);
  if (!m) throw new Error(`could not parse zstd -b output: ${out}`);
  const version = /v(\d+\.\d+\.\d+)/.exec(execFileSync('zstd', ['--version'], { encoding: 'utf8' }))?.[1] ?? '?';
  return { compress: Number(m[1]), decompress: Number(m[2]), version };
}

using dir = tempDir('zstd-bench');
const lines: string[] = [];
const verdicts: string[] = [];
lines.push(
  `Node ${process.versions.node}, level ${LEVEL}, MB = 10^6 bytes. Routes: ${RUNS} runs × ${SAMPLE_MS} ms samples each, order alternated; ` +
    'median (best in brackets). The zstd CLI reports the best of its own runs, so the CLI target compares best with best.',
);
lines.push('');
lines.push('| payload | route | compress MB/s | decompress MB/s | ratio | best vs zstd CLI (c / d) |');
lines.push('|---|---|---:|---:|---:|---:|');
for (const { name, data } of standardPayloads()) {
  const file = dir.join('payload.bin');
  writeFileSync(file, data);
  for (const r of routes) {
    const back = r.decompress(r.compress(data));
    if (Buffer.compare(Buffer.from(back), data) !== 0) throw new Error(`${r.name} does not round-trip`);
  }
  // The CLI runs before and after our measurements; the better of its two figures is the bar.
  const cliBefore = cliBench(file);
  const c: number[][] = routes.map(() => []);
  const d: number[][] = routes.map(() => []);
  const into: number[] = [];
  const ceiling = { c: [] as number[], d: [] as number[] };
  const byCpu = { c: [] as number[], d: [] as number[], into: [] as number[], loopC: [] as number[], loopD: [] as number[] };
  const reused = Buffer.alloc(data.byteLength);
  for (let run = 0; run < RUNS; run++) {
    if (typeof cLoop === 'string') {
      const loop = runCLoop(cLoop, file, LEVEL, SAMPLE_MS);
      ceiling.c.push(loop.compress);
      ceiling.d.push(loop.decompress);
      byCpu.loopC.push(loop.compressCpu);
      byCpu.loopD.push(loop.decompressCpu);
    }
    const frame = compress(data, { level: LEVEL });
    into.push(rate(() => reused.subarray(0, decompressInto(frame, reused)), data.byteLength, byCpu.into));
    const order = routes.map((_, i) => i);
    if (run % 2) order.reverse();
    for (const i of order) {
      const r = routes[i]!;
      const frame = r.compress(data);
      c[i]!.push(rate(() => r.compress(data), data.byteLength, i === 0 ? byCpu.c : undefined));
      d[i]!.push(rate(() => r.decompress(frame), data.byteLength, i === 0 ? byCpu.d : undefined));
    }
  }
  const cliAfter = cliBench(file);
  const cli = {
    compress: Math.max(cliBefore.compress, cliAfter.compress),
    decompress: Math.max(cliBefore.decompress, cliAfter.decompress),
  };
  const cliRatio = data.byteLength / execFileSync('zstd', [`-${LEVEL}`, '-c', '-q', file]).byteLength;
  lines.push(
    `| ${name} | zstd CLI ${cliBefore.version} \`-b${LEVEL}\` | [${cli.compress.toFixed(1)}] | [${cli.decompress.toFixed(1)}] | ${cliRatio.toFixed(2)} | 1.00 / 1.00 |`,
  );
  const ours = { c: median(c[0]!), d: median(d[0]!), bestC: Math.max(...c[0]!), bestD: Math.max(...d[0]!) };
  routes.forEach((r, i) => {
    const mc = median(c[i]!);
    const md = median(d[i]!);
    const bc = Math.max(...c[i]!);
    const bd = Math.max(...d[i]!);
    const ratio = data.byteLength / r.compress(data).byteLength;
    lines.push(
      `| ${name} | ${r.name} | ${mc.toFixed(1)} [${bc.toFixed(1)}] | ${md.toFixed(1)} [${bd.toFixed(1)}] | ${ratio.toFixed(2)} | ${(bc / cli.compress).toFixed(2)} / ${(bd / cli.decompress).toFixed(2)} |`,
    );
    if (i > 0) {
      const ok = ours.c >= mc && ours.d >= md;
      verdicts.push(
        `${ok ? 'PASS' : 'FAIL'} ${name}: ts314 vs ${r.name} (medians): compress ${(ours.c / mc).toFixed(2)}×, decompress ${(ours.d / md).toFixed(2)}× (target ≥ 1.00×)`,
      );
    }
  });
  const intoMedian = median(into);
  lines.push(
    `| ${name} | ts314 \`decompressInto\` (one reused buffer) | — | ${intoMedian.toFixed(1)} [${Math.max(...into).toFixed(1)}] | | |`,
  );
  if (ceiling.c.length > 0) {
    const loop = { c: median(ceiling.c), d: median(ceiling.d) };
    lines.push(
      `| ${name} | C loop, same libzstd ${zstdVersion} (ceiling) | ${loop.c.toFixed(1)} [${Math.max(...ceiling.c).toFixed(1)}] | ${loop.d.toFixed(1)} [${Math.max(...ceiling.d).toFixed(1)}] | | |`,
    );
    const share = (value: number, of: number, target: number, what: string) =>
      verdicts.push(
        `${value >= target * of ? 'PASS' : 'FAIL'} ${name}: ${what} reaches ${((100 * value) / of).toFixed(1)}% of the C loop (medians; target ≥ ${target * 100}%)`,
      );
    share(ours.c, loop.c, 0.95, 'ts314 compress');
    share(ours.d, loop.d, 0.9, 'ts314 decompress');
    share(intoMedian, loop.d, 0.95, 'ts314 decompressInto');
    // The same shares by CPU time: on a shared machine the wall clock also counts time spent preempted.
    const cpuLoop = { c: median(byCpu.loopC), d: median(byCpu.loopD) };
    lines.push(
      `| ${name} | by CPU time: ts314 / \`decompressInto\` / C loop | ${median(byCpu.c).toFixed(1)} / — / ${cpuLoop.c.toFixed(1)} | ${median(byCpu.d).toFixed(1)} / ${median(byCpu.into).toFixed(1)} / ${cpuLoop.d.toFixed(1)} | | |`,
    );
    share(median(byCpu.c), cpuLoop.c, 0.95, 'ts314 compress, by CPU time,');
    share(median(byCpu.d), cpuLoop.d, 0.9, 'ts314 decompress, by CPU time,');
    share(median(byCpu.into), cpuLoop.d, 0.95, 'ts314 decompressInto, by CPU time,');
  }
  const okCli = ours.bestC >= 0.85 * cli.compress && ours.bestD >= 0.85 * cli.decompress;
  verdicts.push(
    `${okCli ? 'PASS' : 'FAIL'} ${name}: ts314 vs zstd CLI -b${LEVEL} (best vs best): compress ${(ours.bestC / cli.compress).toFixed(2)}×, decompress ${(ours.bestD / cli.decompress).toFixed(2)}× (target ≥ 0.85×)`,
  );
}
console.log(lines.join('\n'));
console.log('');
for (const v of verdicts) console.log(`- ${v}`);
for (const s of skipped) console.log(`- not measured: ${s}`);
if (sink === 0) console.log('(no output consumed?)');
