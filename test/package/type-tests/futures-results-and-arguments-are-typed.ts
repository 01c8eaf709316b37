// ts314/futures: task() carries an export's signature into submit/map; untyped tasks are unknown, never any.
import { InterpreterPoolExecutor, ThreadPoolExecutor, task, type Future } from 'ts314/futures';
import { assertType, type Equal } from './assert-type.js';

const url = new URL('./work.js', import.meta.url);
await using pool = new InterpreterPoolExecutor({ maxWorkers: 1 });

// A named signature flows: arguments are checked, the Future holds the awaited return type.
const crunch = task<typeof import('./work.js').crunch>(url, 'crunch');
const future = pool.submit(crunch, 42, 'answer');
assertType<Equal<typeof future, Future<{ label: string; digits: number }>>>();
// @ts-expect-error the second argument must be a string
pool.submit(crunch, 42, 43);
// @ts-expect-error a missing argument
pool.submit(crunch, 42);

// Without a type argument the task takes and returns unknown: nothing is silently `any`.
const untyped = task(url, 'crunch');
const loose = pool.submit(untyped, 1, 'x');
assertType<Equal<typeof loose, Future<unknown>>>();
// @ts-expect-error unknown has no .digits
(await loose).digits;

// submit with a plain function: Future<ReturnType>, awaited.
const sum = pool.submit((a: number, b: number) => a + b, 1, 2);
assertType<Equal<typeof sum, Future<number>>>();
const later = pool.submit(async (s: string) => s.length, 'abc');
assertType<Equal<typeof later, Future<number>>>();
// @ts-expect-error 'x' is not a number
pool.submit((a: number, b: number) => a + b, 1, 'x');

// map: one iterable per parameter, each of that parameter's type; results are the awaited return type.
const square = task<typeof import('./work.js').square>(url, 'square');
for await (const n of pool.map(square, [1, 2, 3])) assertType<Equal<typeof n, number>>();
for await (const r of pool.map(crunch, [1, 2], ['a', 'b'], { timeout: 1000 }))
  assertType<Equal<typeof r, { label: string; digits: number }>>();
// @ts-expect-error strings are not numbers
pool.map(square, ['1']);
// @ts-expect-error crunch takes two inputs
pool.map(crunch, [1, 2]);
// @ts-expect-error square takes one input
pool.map(square, [1], [2]);
// @ts-expect-error a mistyped option key
pool.map(square, [1], { timeuot: 5 });

// The same on ThreadPoolExecutor, with an optional parameter and an async iterable input.
await using threads = new ThreadPoolExecutor();
async function* numbers() {
  yield 1;
}
for await (const s of threads.map((n: number, pad?: string) => `${pad ?? ''}${n}`, numbers())) assertType<Equal<typeof s, string>>();
threads.map((n: number, pad?: string) => `${pad ?? ''}${n}`, [1], ['-'], { chunksize: 1 });
