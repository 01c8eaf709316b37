// The float CPU workload, run inside workers: numeric integration in pure double arithmetic (no allocation).

/** The integrand: smooth, oscillating and cheap to call, so the loop is all float math. */
function integrand(x: number): number {
  return Math.sin(x) * Math.exp(-x / 64) + Math.sqrt(x + 1);
}

/**
 * Midpoint-rule integral of the integrand over [start, stop) with `steps` evaluations. Chunks of one
 * interval integrate independently, so a pool can split the work; summing the chunks in a fixed
 * order gives the same total on every executor.
 */
export function integrate(start: number, stop: number, steps: number): number {
  const h = (stop - start) / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += integrand(start + (i + 0.5) * h);
  return sum * h;
}

/** The chunks `[start, stop, steps]` of the whole interval [0, chunks) — one task each. */
export function integrationChunks(chunks: number, stepsPerChunk: number): ReadonlyArray<readonly [number, number, number]> {
  return Array.from({ length: chunks }, (_, i) => [i, i + 1, stepsPerChunk] as const);
}
