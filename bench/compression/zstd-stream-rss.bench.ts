// Benchmark: stream a generated 1 GiB file through createCompressStream → createDecompressStream and check
// peak RSS stays under 100 MiB (the whole pipeline runs in a fresh child process, so its peak is the pipeline's own).
// Run: node --import tsx bench/compression/zstd-stream-rss.bench.ts  [--mib=1024] [--level=3]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { jsonSensorRecords, seededRandom } from './payloads.js';
import { tempDir } from '../../test/helpers/temp-dir.js';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const MIB = 1024 * 1024;
/** The bar for streaming 1 GiB. */
const RSS_LIMIT_MIB = 100;

/** The measured process: plain node on the built package, as users run it (a TypeScript loader alone adds ~40 MiB). */
const CHILD = `
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readFileSync } from 'node:fs';
const [distUrl, file, level, expected] = process.argv.slice(1);
// VmHWM is this process's own peak; getrusage's maxRSS is inherited across exec from the parent on Linux.
function peakRssMiB() {
  try { return Number(/VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024; }
  catch { return process.resourceUsage().maxRSS / 1024; }
}
const { createCompressStream, createDecompressStream } = await import(distUrl);
const hash = createHash('sha256');
let compressedBytes = 0;
let plainBytes = 0;
const started = process.hrtime.bigint();
await pipeline(
  createReadStream(file, { highWaterMark: 256 * 1024 }),
  createCompressStream({ level: Number(level) }),
  new Transform({ transform(chunk, _e, cb) { compressedBytes += chunk.length; cb(null, chunk); } }),
  createDecompressStream(),
  new Writable({ write(chunk, _e, cb) { plainBytes += chunk.length; hash.update(chunk); cb(); } }),
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ ok: hash.digest('hex') === expected, plainBytes, compressedBytes, seconds, maxRssMiB: peakRssMiB() }));
`;

async function main(): Promise<void> {
  const mib = arg('mib', 1024);
  const level = arg('level', 3);
  using dir = tempDir('zstd-rss');
  const file = dir.join('generated.jsonl');
  // 1 MiB blocks picked from 64 distinct generated blocks, each stamped with its index: compressible like
  // real logs, not a trivially repeated pattern.
  const pool = Array.from({ length: 64 }, (_, i) => jsonSensorRecords(MIB, 1000 + i));
  const pick = seededRandom(42);
  const hash = createHash('sha256');
  const fd = openSync(file, 'w');
  const genStart = Date.now();
  for (let i = 0; i < mib; i++) {
    const block = Buffer.from(pool[Math.floor(pick() * pool.length)]!);
    block.write(`{"block":${i}}`.padEnd(24, ' '), 0);
    hash.update(block);
    writeSync(fd, block);
  }
  closeSync(fd);
  const genSeconds = (Date.now() - genStart) / 1000;
  const distUrl = new URL('../../dist/compression/zstd/index.js', import.meta.url);
  if (!existsSync(distUrl)) throw new Error('build first: npm run build (the pipeline runs on dist/)');
  const idle = spawnSync(
    process.execPath,
    [
      '-e',
      "import(process.argv[1]).then(() => console.log(Number(/VmHWM:\\s+(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]) / 1024))",
      distUrl.href,
    ],
    { encoding: 'utf8' },
  );
  const idleRss = Number(idle.stdout.trim());
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, distUrl.href, file, String(level), hash.digest('hex')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
    ok: boolean;
    plainBytes: number;
    compressedBytes: number;
    seconds: number;
    maxRssMiB: number;
  };
  const pass = result.ok && result.plainBytes === mib * MIB && result.maxRssMiB < RSS_LIMIT_MIB;
  console.log(
    `Node ${process.versions.node}; ${mib} MiB generated file (generation ${genSeconds.toFixed(1)} s, not timed below), level ${level}.`,
  );
  console.log('');
  console.log(
    '| input | compressed | round trip intact | time (compress → decompress, one pipeline) | throughput | peak RSS of the pipeline process |',
  );
  console.log('|---:|---:|:---:|---:|---:|---:|');
  console.log(
    `| ${(result.plainBytes / MIB).toFixed(0)} MiB | ${(result.compressedBytes / MIB).toFixed(1)} MiB (×${(result.plainBytes / result.compressedBytes).toFixed(2)}) | ${result.ok ? 'yes (sha256)' : 'NO'} | ${result.seconds.toFixed(1)} s | ${(result.plainBytes / MIB / result.seconds).toFixed(0)} MiB/s | ${result.maxRssMiB.toFixed(1)} MiB |`,
  );
  console.log('');
  console.log(`- for reference: a plain node process that only imports the module peaks at ${idleRss.toFixed(1)} MiB`);
  console.log(
    `- ${pass ? 'PASS' : 'FAIL'}: peak RSS ${result.maxRssMiB.toFixed(1)} MiB (target < ${RSS_LIMIT_MIB} MiB), output identical: ${result.ok}`,
  );
}

await main();
