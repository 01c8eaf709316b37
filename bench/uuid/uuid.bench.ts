// uuid7/uuid4 throughput: ts314 against the uuid npm package and crypto.randomUUID, same process, same loop.
// Run: node --import tsx bench/uuid/uuid.bench.ts
import { randomUUID } from 'node:crypto';
import { v4 as npmV4, v7 as npmV7 } from 'uuid';
import { uuid4, uuid4String, uuid7, uuid7String } from '../../src/uuid/index.js';
import { median } from '../../src/bench/stats.js';

/** Calls per timed sample: long enough (~20-100 ms) to swamp timer resolution. */
const CALLS = 300_000;
/** Timed rounds; the median is reported (issue rule: >= 5). */
const ROUNDS = Number(process.env.ROUNDS ?? 9);

/** The ceiling for uuid7: the wall-clock read every call needs, with no UUID made at all. */
const CLOCK = 'Date.now() alone';
const competitors: Record<string, () => string> = {
  'ts314 uuid7String()': uuid7String,
  'ts314 uuid7().toString()': () => uuid7().toString(),
  'uuid (npm) v7()': () => npmV7(),
  'ts314 uuid4String()': uuid4String,
  'ts314 uuid4().toString()': () => uuid4().toString(),
  'uuid (npm) v4()': () => npmV4(),
  'crypto.randomUUID()': () => randomUUID(),
  [CLOCK]: () => (Date.now() === 0 ? 'x' : 'y'),
};

let sink = 0;
function sample(fn: () => string): number {
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) {
    // charCodeAt flattens V8's concatenated string, so each competitor pays for a real, readable string.
    sink ^= fn().charCodeAt(i & 31);
  }
  return CALLS / ((performance.now() - start) / 1000);
}

const names = Object.keys(competitors);
const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (const name of names) sample(competitors[name]!); // warm-up: JIT every competitor before timing
for (let round = 0; round < ROUNDS; round++) {
  // Alternate direction each round so no competitor always runs first (or after the same one).
  const order = round % 2 === 0 ? names : [...names].reverse();
  for (const name of order) samples[name]!.push(sample(competitors[name]!));
}
const perSecond = Object.fromEntries(names.map((n) => [n, median(samples[n]!)]));
const fmt = (n: number) => `${(n / 1e6).toFixed(2)} M/s`;

console.log(
  `## uuid\n\nCommand: \`node --import tsx bench/uuid/uuid.bench.ts\` (Node ${process.versions.node}, ${CALLS.toLocaleString('en')} calls per sample, median of ${ROUNDS} rounds, order alternated)\n`,
);
console.log('| generator | median per second | vs uuid (npm) same version | vs crypto.randomUUID |');
console.log('|---|---|---|---|');
for (const name of names.filter((n) => n !== CLOCK)) {
  const reference = name.includes('7') ? perSecond['uuid (npm) v7()']! : perSecond['uuid (npm) v4()']!;
  console.log(
    `| ${name} | ${fmt(perSecond[name]!)} | ${(perSecond[name]! / reference).toFixed(2)}x | ${(perSecond[name]! / perSecond['crypto.randomUUID()']!).toFixed(2)}x |`,
  );
}
const v7Ratio = perSecond['ts314 uuid7String()']! / perSecond['uuid (npm) v7()']!;
const v4Ratio = perSecond['ts314 uuid4String()']! / perSecond['uuid (npm) v4()']!;
const v7ObjRatio = perSecond['ts314 uuid7().toString()']! / perSecond['uuid (npm) v7()']!;
const v4ObjRatio = perSecond['ts314 uuid4().toString()']! / perSecond['uuid (npm) v4()']!;
console.log(`\nTarget: uuid7() and uuid4() at least as fast as the uuid package's v7/v4.`);
console.log(`- uuid7: string ${v7Ratio.toFixed(2)}x, UUID object ${v7ObjRatio.toFixed(2)}x → ${v7Ratio >= 1 ? 'PASS' : 'FAIL'}`);
console.log(`- uuid4: string ${v4Ratio.toFixed(2)}x, UUID object ${v4ObjRatio.toFixed(2)}x → ${v4Ratio >= 1 ? 'PASS' : 'FAIL'}`);
const v7VsRandomUUID = perSecond['ts314 uuid7String()']! / perSecond['crypto.randomUUID()']!;
const v7ObjVsRandomUUID = perSecond['ts314 uuid7().toString()']! / perSecond['crypto.randomUUID()']!;
console.log(`\nTarget: uuid7 strings at least 2x crypto.randomUUID() (same run, medians; every string is read).`);
console.log(
  `- uuid7String() ${v7VsRandomUUID.toFixed(2)}x, uuid7().toString() ${v7ObjVsRandomUUID.toFixed(2)}x → ${v7VsRandomUUID >= 2 ? 'PASS' : 'FAIL'}`,
);
const clock = perSecond[CLOCK]!;
console.log(
  `- the ceiling, Date.now() alone: ${fmt(clock)} (${(1e9 / clock).toFixed(0)} ns per read; ${(clock / perSecond['crypto.randomUUID()']!).toFixed(2)}x crypto.randomUUID()); uuid7String() reaches ${(
    (100 * perSecond['ts314 uuid7String()']!) / clock
  ).toFixed(1)}% of it`,
);
if (sink === 0.5) console.log(sink); // keeps `sink` observable so no loop is dead code
