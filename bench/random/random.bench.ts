// ts314/random throughput against Math.random and a plain xorshift128+ (same process, same fill loop) and NumPy's RandomState; plus the cost of the glibc-equal log and exp.
// Run: node --import tsx bench/random/random.bench.ts   (ROUNDS=n to change the number of rounds)
import { spawnSync } from 'node:child_process';
import { exp } from '../../src/random/exp.js';
import { log } from '../../src/random/log.js';
import { RandomState } from '../../src/random/index.js';
import { median } from '../../src/bench/stats.js';

/** Values per timed sample: a few tens of milliseconds each, well above timer resolution. */
const SIZE = 1_000_000;
/** Timed rounds; the median is reported. */
const ROUNDS = Number(process.env.ROUNDS ?? 7);

/** xorshift128+ (Vigna), 53-bit doubles: the fastest seeded generator one would write by hand. */
function xorshift128plus(seed: number): () => number {
  let s0h = seed | 0 || 1;
  let s0l = 0x9e3779b9;
  let s1h = 0x7f4a7c15;
  let s1l = 0xf39cc060 ^ seed;
  return () => {
    // 64-bit state in 32-bit halves: s1 ^= s1 << 23; s1 ^= s1 >> 17; s1 ^= s0 ^ (s0 >> 26).
    let xh = s0h;
    let xl = s0l;
    const yh = s1h;
    const yl = s1l;
    s0h = yh;
    s0l = yl;
    xh ^= (xh << 23) | (xl >>> 9);
    xl ^= xl << 23;
    xl ^= (xl >>> 17) | (xh << 15);
    xh ^= xh >>> 17;
    xl ^= yl ^ ((yl >>> 26) | (yh << 6));
    xh ^= yh ^ (yh >>> 26);
    s1h = xh;
    s1l = xl;
    const sumHigh = (xh + yh + (((xl >>> 0) + (yl >>> 0)) / 4294967296 >= 1 ? 1 : 0)) >>> 0;
    const sumLow = ((xl >>> 0) + (yl >>> 0)) >>> 0;
    return ((sumHigh >>> 11) * 4294967296 + sumLow) / 9007199254740992;
  };
}

const rs = new RandomState(42);
const xorshift = xorshift128plus(42);
const inputs = new RandomState(7).random(SIZE);
const exponents = inputs.map((u) => (u - 0.5) * 16 + 3);

function fill(next: () => number): Float64Array {
  const out = new Float64Array(SIZE);
  for (let i = 0; i < SIZE; i++) out[i] = next();
  return out;
}

/** Box–Muller normals from Math.random and Math.log: what a normal costs without NumPy's stream. */
function mathRandomNormals(): Float64Array {
  const out = new Float64Array(SIZE);
  for (let i = 0; i < SIZE; i += 2) {
    const u = 1 - Math.random();
    const f = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * Math.random();
    out[i] = f * Math.cos(angle);
    if (i + 1 < SIZE) out[i + 1] = f * Math.sin(angle);
  }
  return out;
}

const groups: Record<string, Record<string, () => ArrayLike<number | string>>> = {
  'uniform doubles': {
    'ts314 RandomState.random(n)': () => rs.random(SIZE),
    'Math.random() loop': () => fill(Math.random),
    'xorshift128+ loop': () => fill(xorshift),
  },
  'standard normals': {
    'ts314 RandomState.randn(n)': () => rs.randn(SIZE),
    'Box–Muller on Math.random': mathRandomNormals,
  },
  'other distributions': {
    'ts314 exponential(1000, n)': () => rs.exponential(1000, SIZE),
    'ts314 lognormal(3, 1, n)': () => rs.lognormal(3, 1, SIZE),
    'ts314 randint(0, 10, n)': () => rs.randint(0, 10, SIZE),
    "ts314 choice(['tech', 'finance', 'energy'], n)": () => rs.choice(['tech', 'finance', 'energy'], SIZE),
  },
  'log and exp': {
    'ts314 glibc-equal log': () => inputs.map(log),
    'Math.log': () => inputs.map(Math.log),
    'ts314 glibc-equal exp': () => exponents.map(exp),
    'Math.exp': () => exponents.map(Math.exp),
  },
};

/** The same draws from NumPy's RandomState, timed by Python's timeit in a child process (median of ROUNDS), when NumPy is installed. */
const NUMPY: Record<string, string> = {
  'ts314 RandomState.random(n)': 'rs.random_sample(n)',
  'ts314 RandomState.randn(n)': 'rs.randn(n)',
  'ts314 exponential(1000, n)': 'rs.exponential(1000, n)',
  'ts314 lognormal(3, 1, n)': 'rs.lognormal(3, 1, n)',
  'ts314 randint(0, 10, n)': 'rs.randint(0, 10, n)',
  "ts314 choice(['tech', 'finance', 'energy'], n)": "rs.choice(['tech', 'finance', 'energy'], n)",
};

function numpyRates(): Record<string, number> | undefined {
  const script = `
import json, timeit, numpy as np
rs, n = np.random.RandomState(42), ${SIZE}
stmts = json.loads(${JSON.stringify(JSON.stringify(NUMPY))})
out = {}
for name, stmt in stmts.items():
    times = sorted(timeit.timeit(stmt, globals={'rs': rs, 'n': n}, number=1) for _ in range(${ROUNDS}))
    out[name] = n / times[len(times) // 2]
print(json.dumps(out))`;
  const run = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
  return run.status === 0 ? (JSON.parse(run.stdout) as Record<string, number>) : undefined;
}

let sink = 0;
function sample(fn: () => ArrayLike<number | string>): number {
  const start = performance.now();
  const out = fn();
  const seconds = (performance.now() - start) / 1000;
  const middle = out[out.length >> 1]!;
  sink += typeof middle === 'number' ? middle : middle.length; // consume the result so no competitor is dead code
  return SIZE / seconds;
}

const fmt = (n: number) => `${(n / 1e6).toFixed(1)} M/s`;

console.log(
  `## random\n\nCommand: \`node --import tsx bench/random/random.bench.ts\` (Node ${process.versions.node}, ${SIZE.toLocaleString('en')} values per sample, median of ${ROUNDS} rounds, order alternated)\n`,
);
const numpy = numpyRates();
console.log('| what | generator | median values per second | vs first row of its group | NumPy RandomState, same draws | ts314 vs NumPy |');
console.log('|---|---|---|---|---|---|');
// Warm-up: JIT every competitor of every group before timing any.
for (const competitors of Object.values(groups)) for (const fn of Object.values(competitors)) for (let i = 0; i < 3; i++) sample(fn);
for (const [group, competitors] of Object.entries(groups)) {
  const names = Object.keys(competitors);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples[name]!.push(sample(competitors[name]!));
  }
  const first = median(samples[names[0]!]!);
  for (const name of names) {
    const perSecond = median(samples[name]!);
    const reference = numpy?.[name];
    const versus = reference === undefined ? '| |' : `| ${fmt(reference)} | ${(perSecond / reference).toFixed(2)}x |`;
    console.log(`| ${group} | ${name} | ${fmt(perSecond)} | ${(perSecond / first).toFixed(2)}x ${versus}`);
  }
}
if (sink === 0.5) console.log(sink);
