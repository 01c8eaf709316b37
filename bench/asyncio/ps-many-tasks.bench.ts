// `ts314 ps` and `ts314 pstree` on a live process with N sleeping tasks under one TaskGroup, through the built bin,
// against the floor: the target's own snapshot of its registry (what any reader must at least compute), timed in the
// target itself. The first ps is shown apart: it is the one that formats and parses every task's stack.
// Run: node scripts/build.mjs && node --import tsx bench/asyncio/ps-many-tasks.bench.ts
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median } from '../../src/bench/stats.js';

const SIZES = (process.env.SIZES ?? '10000,100000').split(',').map(Number);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}dist/cli/index.js`;
if (!existsSync(bin)) throw new Error('run `node scripts/build.mjs` first: this benchmark reads processes with the built ts314 bin');

/** The target: N leaves under one group, and on stdin "snapshot" it times its own registry snapshot (ms). */
const TARGET = `
import { createTask, sleep, TaskGroup } from ${JSON.stringify(`${root}dist/asyncio/index.js`)};
const n = Number(process.argv[1]);
async function leaf() { await sleep(3_600_000); }
async function parent() {
  const tg = new TaskGroup();
  for (let i = 0; i < n; i++) tg.createTask(leaf, { name: 'leaf-' + i });
  await tg[Symbol.asyncDispose]();
}
createTask(parent, { name: 'parent' });
process.stdin.setEncoding('utf8').on('data', () => {
  const registry = globalThis[Symbol.for('ts314.asyncio')];
  const start = performance.now();
  registry.snapshot();
  console.log('snapshot ' + (performance.now() - start));
});
setTimeout(() => console.log('ready'), 200);
`;

function cli(args: string[]): { ms: number; lines: number } {
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`ts314 ${args.join(' ')} failed: ${result.stderr}`);
  return { ms: performance.now() - start, lines: result.stdout.split('\n').length - 1 };
}

console.log(
  `Command: \`node --import tsx bench/asyncio/ps-many-tasks.bench.ts\` (Node ${process.versions.node}, median of ${ROUNDS} rounds)\n`,
);
console.log("| tasks | first `ts314 ps` | `ts314 ps` | `ts314 pstree` | the target's own snapshot | ps lines |");
console.log('|---:|---:|---:|---:|---:|---:|');
for (const n of SIZES) {
  const target = spawn(process.execPath, ['--input-type=module', '-e', TARGET, String(n)], { stdio: ['pipe', 'pipe', 'ignore'] });
  target.stdout.setEncoding('utf8');
  const lines: string[] = [];
  target.stdout.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  while (!lines.includes('ready')) await once(target.stdout, 'data');
  const ps: number[] = [];
  const tree: number[] = [];
  const snapshot: number[] = [];
  let psLines = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const table = cli(['ps', String(target.pid)]);
      ps.push(table.ms);
      psLines = table.lines;
      tree.push(cli(['pstree', String(target.pid)]).ms);
      target.stdin.write('snapshot\n');
      while (!lines.some((line) => line.startsWith('snapshot '))) await once(target.stdout, 'data');
      const line = lines.splice(
        lines.findIndex((l) => l.startsWith('snapshot ')),
        1,
      )[0]!;
      snapshot.push(Number(line.slice('snapshot '.length)));
    }
  } finally {
    target.kill();
  }
  console.log(
    `| ${n.toLocaleString('en')} | ${(ps[0]! / 1000).toFixed(2)} s | ${(median(ps) / 1000).toFixed(2)} s | ${(median(tree) / 1000).toFixed(2)} s | ${(median(snapshot) / 1000).toFixed(2)} s | ${psLines.toLocaleString('en')} |`,
  );
}
