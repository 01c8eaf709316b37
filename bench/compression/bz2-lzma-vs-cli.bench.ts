// ts314's bz2 and lzma (libbz2/liblzma through the native addon) against the bzip2 and xz CLIs on the same 2 MiB files.
// Run: node --import tsx bench/compression/bz2-lzma-vs-cli.bench.ts
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as bz2 from '../../src/compression/bz2/index.js';
import * as lzma from '../../src/compression/lzma/index.js';
import { float64Series, jsonSensorRecords } from './payloads.js';
import { tempDir } from '../../test/helpers/temp-dir.js';
import { median } from '../../src/bench/stats.js';

/** Timed rounds; the median is reported (project rule: >= 5). */
const ROUNDS = Number(process.env.ROUNDS ?? 5);
/**
 * 2 MiB: the CLI's process start-up (a few ms) stays small next to the work (>= 40 ms per call here), while
 * xz -6 on the JSON payload still finishes in seconds per round.
 */
const BYTES = 2 * 1024 * 1024;
/** The bar this bench checks: in-process ts314 at least this fraction of the CLI's speed. */
const TARGET = 0.85;

using dir = tempDir('bench-cli');
let sink = 0;

function cli(command: string, args: string[]): number {
  const start = performance.now();
  const run = spawnSync(command, args, { maxBuffer: 1 << 30 });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${run.stderr.toString()}`);
  sink += run.stdout.length;
  return elapsed;
}
function inProcess(op: () => Buffer): number {
  const start = performance.now();
  sink += op().length;
  return performance.now() - start;
}

interface Case {
  label: string;
  ours: () => Buffer;
  theirs: () => number;
}
const rows: { payload: string; label: string; ours: number; theirs: number }[] = [];
for (const [payload, data] of [
  ['JSON sensor records (2 MiB)', jsonSensorRecords(BYTES)],
  ['float64 series (2 MiB)', float64Series(BYTES)],
] as const) {
  const raw = dir.join('data');
  writeFileSync(raw, data);
  const bz = bz2.compress(data, { level: 9 });
  const xz = lzma.compress(data, { preset: 6 });
  writeFileSync(dir.join('data.bz2'), bz);
  writeFileSync(dir.join('data.xz'), xz);
  const cases: Case[] = [
    { label: 'bz2 compress -9', ours: () => bz2.compress(data, { level: 9 }), theirs: () => cli('bzip2', ['-9', '-c', raw]) },
    { label: 'bz2 decompress', ours: () => bz2.decompress(bz), theirs: () => cli('bzip2', ['-dc', dir.join('data.bz2')]) },
    // -T1: the CLI single-threaded, like the one-shot call.
    { label: 'xz compress -6', ours: () => lzma.compress(data, { preset: 6 }), theirs: () => cli('xz', ['-6', '-T1', '-c', raw]) },
    { label: 'xz decompress', ours: () => lzma.decompress(xz), theirs: () => cli('xz', ['-dc', '-T1', dir.join('data.xz')]) },
  ];
  for (const c of cases) {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        ours.push(inProcess(c.ours));
        theirs.push(c.theirs());
      } else {
        theirs.push(c.theirs());
        ours.push(inProcess(c.ours));
      }
    }
    rows.push({ payload, label: c.label, ours: median(ours), theirs: median(theirs) });
  }
}

console.log(`## compression: bz2 and lzma vs the CLIs\n`);
const versions = 'the system libbz2 and liblzma the CLIs also use';
console.log(
  `Command: \`node --import tsx bench/compression/bz2-lzma-vs-cli.bench.ts\` (Node ${process.versions.node}; ${versions}; 2 MiB payloads from bench/compression/payloads.ts; wall time per call, median of ${ROUNDS} rounds, order alternated; CLI times include process start and reading the file from the page cache)\n`,
);
console.log('| payload | operation | ts314 ms | CLI ms | ts314 speed vs CLI |');
console.log('|---|---|---|---|---|');
let worst = Infinity;
for (const r of rows) {
  const ratio = r.theirs / r.ours;
  worst = Math.min(worst, ratio);
  console.log(`| ${r.payload} | ${r.label} | ${r.ours.toFixed(1)} | ${r.theirs.toFixed(1)} | ${ratio.toFixed(2)}x |`);
}
console.log(
  `\nTarget: ts314 at least ${TARGET}x the CLI's speed for every row → ${worst >= TARGET ? 'PASS' : 'FAIL'} (worst ${worst.toFixed(2)}x)`,
);
if (sink === 0.5) console.log(sink);
