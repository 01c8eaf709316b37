// The cost of running work as ts314/asyncio tasks (registered, named, listed by `ts314 ps`) against the same work as plain promises, 100,000 at a time.
// Run: node --import tsx bench/asyncio/task-registry-overhead.bench.ts
import { createHook } from 'node:async_hooks';
import { stat } from 'node:fs/promises';
import { setImmediate as immediate, setTimeout as timeout } from 'node:timers/promises';
import { createTask, sleep } from '../../src/asyncio/index.js';
import { median } from '../../src/bench/stats.js';

/** Tasks per sample: the 100,000, all alive at once. */
const TASKS = 100_000;
/** Timed rounds; the median is reported. */
const ROUNDS = Number(process.env.ROUNDS ?? 7);

let sink = 0;

/** A unit of work: `hops` awaits of a resolved promise, then a little arithmetic. */
async function microWork(i: number, hops: number): Promise<number> {
  let x = i;
  for (let h = 0; h < hops; h++) {
    await null;
    x = (x * 31 + h) | 0;
  }
  return x;
}

/** A unit of work that waits for the event loop once (as an I/O callback would), then computes. */
async function ioWork(i: number): Promise<number> {
  await immediate();
  return (i * 31) | 0;
}

/** A unit of work that waits 1 ms on a timer (a network round trip's shape), then computes. */
async function timerWork(i: number): Promise<number> {
  await timeout(1);
  return (i * 31) | 0;
}

/** The same through ts314's sleep(1), which also records where the task waits (for `ts314 ps`). */
async function timerWorkSleep(i: number): Promise<number> {
  await sleep(1);
  return (i * 31) | 0;
}

const STAT_PATH = new URL(import.meta.url);

/** A unit of real I/O: one `fs.promises.stat` of this file (libuv's thread pool), then computes. */
async function statWork(i: number): Promise<number> {
  const { size } = await stat(STAT_PATH);
  return (size + i) | 0;
}

type Work = (i: number) => Promise<number>;

/** One sample: wall-clock ms, and CPU ms of this process (less disturbed by other processes on a shared machine). */
interface Sample {
  wall: number;
  cpu: number;
}

function since(start: number, cpuStart: NodeJS.CpuUsage): Sample {
  const cpu = process.cpuUsage(cpuStart);
  return { wall: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 };
}

async function plain(work: Work): Promise<Sample> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const all: Promise<number>[] = new Array(TASKS);
  for (let i = 0; i < TASKS; i++) all[i] = work(i);
  for (const v of await Promise.all(all)) sink ^= v;
  return since(start, cpuStart);
}

async function tasks(work: Work): Promise<Sample> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const all: PromiseLike<number>[] = new Array(TASKS);
  for (let i = 0; i < TASKS; i++) all[i] = createTask(() => work(i));
  for (const v of await Promise.all(all)) sink ^= v;
  return since(start, cpuStart);
}

const workloads: [string, Work, Work][] = [
  ['2 microtask awaits per task', (i) => microWork(i, 2), (i) => microWork(i, 2)],
  ['20 microtask awaits per task', (i) => microWork(i, 20), (i) => microWork(i, 20)],
  ['one event-loop turn per task (setImmediate)', ioWork, ioWork],
  ['one 1 ms timer per task', timerWork, timerWork],
  ['one 1 ms timer per task, ts314 sleep(1) in the task', timerWork, timerWorkSleep],
  ['one `fs.promises.stat` per task (real I/O on the thread pool)', statWork, statWork],
];

const percent = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;
console.log(
  `## asyncio\n\nCommand: \`node --import tsx bench/asyncio/task-registry-overhead.bench.ts\` (Node ${process.versions.node}, ${TASKS.toLocaleString('en')} tasks alive at once per sample, median of ${ROUNDS} rounds, order alternated; CPU is this process's user + system time)\n`,
);
console.log(
  '| workload | plain promises (wall / CPU) | ts314 tasks (wall / CPU) | overhead (wall / CPU) | extra CPU per task | work per task for ≤ 5% |',
);
console.log('|---|---|---|---|---:|---:|');
for (const [name, base, withTasks] of workloads) {
  await plain(base);
  await tasks(withTasks);
  const a: Sample[] = [];
  const b: Sample[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      a.push(await plain(base));
      b.push(await tasks(withTasks));
    } else {
      b.push(await tasks(withTasks));
      a.push(await plain(base));
    }
  }
  const [wallA, cpuA] = [median(a.map((s) => s.wall)), median(a.map((s) => s.cpu))];
  const [wallB, cpuB] = [median(b.map((s) => s.wall)), median(b.map((s) => s.cpu))];
  // What a task adds, per task, and so how much CPU a task's own work must take for that to be 5% of it.
  const extraUs = ((cpuB - cpuA) * 1000) / TASKS;
  console.log(
    `| ${name} | ${wallA.toFixed(1)} / ${cpuA.toFixed(1)} ms | ${wallB.toFixed(1)} / ${cpuB.toFixed(1)} ms | ${percent(wallB / wallA)} / ${percent(cpuB / cpuA)} | ${extraUs.toFixed(1)} µs | ${Math.max(0, extraUs * 20).toFixed(0)} µs |`,
  );
}

// The floor: the least any per-task wrapper costs on the cheapest workload, in the same process. A
// registry must learn when each task ends (one reaction per promise: `.then`), and ts314 names a task
// in V8's async stack traces by running it under an async function named for its slot (so
// currentTask(), `ts314 ps` and cancel() find it without async_hooks).
const identity = (v: number) => v;
const slotRunners: ((body: () => Promise<number>) => Promise<number>)[] = [];
function slotRunner(slot: number): (body: () => Promise<number>) => Promise<number> {
  let runner = slotRunners[slot];
  if (runner === undefined) {
    const key = `task-${slot}`;
    runner = {
      async [key](body: () => Promise<number>) {
        return await body();
      },
    }[key]!;
    slotRunners[slot] = runner;
  }
  return runner;
}
// The one other way V8 names a promise in an async stack trace: a combinator's index
// (`at async Promise.allSettled (index 7)`), so one named async frame per batch rather than per task
// could name every task of the batch; the task still needs a `.then` to learn when its body ends.
let batch: Promise<number>[] = [];
let batches = 0;
function startBatch(): void {
  const key = `batch-${batches++ % 1024}`;
  void {
    async [key](list: Promise<number>[]) {
      await Promise.allSettled(list);
    },
  }[key]!(batch);
  batch = [];
}
function inBatch(body: Promise<number>): Promise<number> {
  let settle!: (v: number) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<number>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  if (batch.length === 0) queueMicrotask(startBatch);
  batch.push(
    body.then(
      (v) => void settle(v),
      (e: unknown) => void fail(e),
    ) as Promise<never>,
  );
  return done;
}
const floors: [string, Work][] = [
  ['`.then()` on each promise (a registry that only learns when each ends)', (i) => microWork(i, 2).then(identity)],
  ['each run under an async function named for its slot (no registry, no Task object)', (i) => slotRunner(i)(() => microWork(i, 2))],
  [
    'each named by its index in a `Promise.allSettled` of its batch, under one named async function per batch (no Task object)',
    (i) => inBatch(microWork(i, 2)),
  ],
  ['ts314 `createTask(() => work(i))`', (i) => createTask(() => microWork(i, 2))],
  [
    "ts314 `createTask(() => work(i), { eagerStart: true })` (Python 3.14's `eager_start`)",
    (i) => createTask(() => microWork(i, 2), { eagerStart: true }),
  ],
];
{
  const base: Work = (i) => microWork(i, 2);
  await plain(base);
  for (const [, work] of floors) await plain(work);
  // Row 0 is the plain base; each round starts one row later, so no row always runs right after the same one.
  const rows: Work[] = [base, ...floors.map(([, work]) => work)];
  const rounds: Sample[][] = rows.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let step = 0; step < rows.length; step++) {
      const k = (round + step) % rows.length;
      rounds[k]!.push(await plain(rows[k]!));
    }
  }
  const [baseRounds, ...floorRounds] = rounds as [Sample[], ...Sample[][]];
  const cpuBase = median(baseRounds.map((s) => s.cpu));
  console.log(
    '\nThe floor, 2 microtask awaits per task (CPU, overhead against plain promises in the same rounds, order rotated each round):',
  );
  console.log('| wrapper | CPU ms | overhead |');
  console.log('|---|---:|---:|');
  console.log(`| none (plain promises) | ${cpuBase.toFixed(1)} | — |`);
  for (const [k, [name]] of floors.entries()) {
    const cpu = median(floorRounds[k]!.map((s) => s.cpu));
    console.log(`| ${name} | ${cpu.toFixed(1)} | ${percent(cpu / cpuBase)} |`);
  }
}

// Why the registry uses no async_hooks: the same plain promises, before and after an empty hook is enabled
// (measured last: a hook cannot be fully undone for the rest of the process).
const work: Work = (i) => microWork(i, 2);
await plain(work);
const without: number[] = [];
for (let round = 0; round < ROUNDS; round++) without.push((await plain(work)).wall);
createHook({ init() {} }).enable();
await plain(work);
const withHook: number[] = [];
for (let round = 0; round < ROUNDS; round++) withHook.push((await plain(work)).wall);
console.log(
  `\nPlain promises, 2 microtask awaits each: ${median(without).toFixed(1)} ms; with an empty \`async_hooks.createHook({ init() {} })\` enabled: ${median(withHook).toFixed(1)} ms (${((median(withHook) / median(without) - 1) * 100).toFixed(1)}% slower).`,
);
if (sink === 0.5) console.log(sink);
