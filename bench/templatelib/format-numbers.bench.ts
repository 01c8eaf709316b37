// format() of simple numeric fields: fields/second for ts314 vs Intl.NumberFormat and toFixed-based formatting.
import { format, formatValue, Interpolation, Template } from '../../src/templatelib/index.js';
import { median } from '../../src/bench/stats.js';

const FIELDS = 100_000;
const RUNS = 7;

// A deterministic mix of magnitudes, signs and exact ties (x.xx5), as prices and metrics look.
const values = Array.from({ length: FIELDS }, (_, i) => ((i * 7919) % 100_000) / (i % 3 === 0 ? 8 : 100) - 250);

const intlPlain = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
const intlGrouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const groupThousands = (s: string): string => s.replace(/^-?\d+/, (int) => int.replace(/\B(?=(\d{3})+$)/g, ','));

const cases = {
  'ts314 formatValue(x, ".2f")': () => {
    let n = 0;
    for (const x of values) n += formatValue(x, '.2f').length;
    return n;
  },
  'x.toFixed(2)': () => {
    let n = 0;
    for (const x of values) n += x.toFixed(2).length;
    return n;
  },
  'Intl.NumberFormat (2 decimals, no grouping)': () => {
    let n = 0;
    for (const x of values) n += intlPlain.format(x).length;
    return n;
  },
  'ts314 formatValue(x, ",.2f")': () => {
    let n = 0;
    for (const x of values) n += formatValue(x, ',.2f').length;
    return n;
  },
  'toFixed(2) + regex grouping': () => {
    let n = 0;
    for (const x of values) n += groupThousands(x.toFixed(2)).length;
    return n;
  },
  'Intl.NumberFormat (2 decimals, grouping)': () => {
    let n = 0;
    for (const x of values) n += intlGrouped.format(x).length;
    return n;
  },
  'ts314 format(new Template(Interpolation(x, "x", null, ">12,.2f")))': () => {
    let n = 0;
    for (const x of values) n += format(new Template(new Interpolation(x, 'x', null, '>12,.2f'))).length;
    return n;
  },
} as const;

type Name = keyof typeof cases;
const names = Object.keys(cases) as Name[];
const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
let sink = 0;
for (const name of names) sink += cases[name](); // warm-up
for (let run = 0; run < RUNS; run++) {
  const order = names.map((_, i) => names[(i + run) % names.length]!);
  for (const name of order) {
    const start = performance.now();
    sink += cases[name]();
    times[name].push(performance.now() - start);
  }
}
const base = median(times['x.toFixed(2)']);
console.log(`### format(): ${FIELDS.toLocaleString('en-US')} numeric fields per run (median of ${RUNS})\n`);
console.log('| formatter | fields / s | ms / run | time vs toFixed |');
console.log('|---|---:|---:|---:|');
for (const name of names) {
  const ms = median(times[name]);
  console.log(`| ${name} | ${Math.round((FIELDS / ms) * 1000).toLocaleString('en-US')} | ${ms.toFixed(1)} | ${(ms / base).toFixed(2)}x |`);
}
console.log(`\n(report only: no pass/fail target; checksum ${sink % 997})`);
