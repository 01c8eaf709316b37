// A start line for test workers that must run at the same moment (to race, or to prove they overlapped).

/**
 * Counts this worker in at `gate[0]` and spins until `parties` workers have: a sleep or a wait would
 * let one worker run ahead before another wakes. Throws after `timeoutMs` rather than spin for ever
 * when a partner never arrives (it failed to start).
 */
export function startTogether(gate: Int32Array, parties: number, timeoutMs = 60_000): void {
  Atomics.add(gate, 0, 1);
  const deadline = Date.now() + timeoutMs;
  for (let spins = 1; Atomics.load(gate, 0) < parties; spins++) {
    if (spins % 65_536 === 0 && Date.now() > deadline) {
      throw new Error(`startTogether: ${Atomics.load(gate, 0)} of ${parties} workers arrived in ${timeoutMs} ms`);
    }
  }
}
