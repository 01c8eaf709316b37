// The tiny task of the overhead benchmarks, run inside workers: as little work as a task can do, so the time measured is the executor's.

/** x + 1: its result proves the task ran with its argument. */
export function addOne(x: number): number {
  return x + 1;
}
