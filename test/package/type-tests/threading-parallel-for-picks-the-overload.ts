// ts314/threading: parallelFor over a SharedArray types the kernel's chunk; over a range, start and end.
import { InterpreterPoolExecutor, task } from 'ts314/futures';
import { parallelFor, SharedArray } from 'ts314/threading';
import { assertType, type Equal } from './assert-type.js';

await using executor = new InterpreterPoolExecutor({ maxWorkers: 2 });
const readings = SharedArray.create('float64', 1_000);

// The README's call: an untyped module task over a SharedArray, with an executor.
const untyped = await parallelFor(readings, task(new URL('./work.js', import.meta.url), 'sumChunk'), { executor });
assertType<Equal<typeof untyped, unknown[]>>();

// An inline kernel gets the chunk's type from the array.
const sums = await parallelFor(readings, (chunk) => {
  assertType<Equal<typeof chunk, SharedArray<'float64'>>>();
  return chunk.view.reduce((a, b) => a + b, 0);
});
assertType<Equal<typeof sums, number[]>>();

// A range: the kernel receives start and end, and extra arguments are typed by options.args.
const counts = await parallelFor(100, (start, end, step: number) => (end - start) / step, { args: [2] as [number] });
assertType<Equal<typeof counts, number[]>>();
// @ts-expect-error a SharedArray kernel does not take (start, end)
await parallelFor(readings, (start: number, end: number) => end - start);
