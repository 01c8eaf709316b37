// Shared test helpers for ts314/compression: real CLIs over pipes and deterministic payloads.
import { spawn } from 'node:child_process';

export interface CliRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs a real command-line tool with `input` on stdin; resolves with its exit code and output. */
export function runTool(command: string, args: readonly string[], input: Uint8Array): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() }));
    child.stdin.on('error', () => {}); // a tool that rejects its input may close stdin early
    child.stdin.end(input);
  });
}

/** Runs a tool that must succeed; returns stdout. */
export async function tool(command: string, args: readonly string[], input: Uint8Array): Promise<Buffer> {
  const run = await runTool(command, args, input);
  if (run.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

/** Deterministic mixed payload (text with repetition plus pseudo-random bytes), so ratios are neither trivial nor zero. */
export function samplePayload(size = 200_000, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  const words = ['sensor', 'temperature', 'humidity', 'reading', 'ok', 'alert', '{"id":', '},'];
  let i = 0;
  while (i < size) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    if (x % 4 === 0) {
      out[i++] = x & 0xff;
    } else {
      const w = words[x % words.length]!;
      i += out.write(`${w} `, i);
    }
  }
  return out;
}

/**
 * How many times slower `run` is than `baseline` on the same input, each the fastest of `runs` calls,
 * alternating, after one warm-up call of each. Tests of an algorithm's growth use it with an input whose
 * quadratic cost would be hundreds of times the baseline, far above what this noisy machine adds: fresh
 * large allocations alone can make one call 5× slower than the next, so comparing two sizes cannot tell
 * 8× (quadratic at 8× the size) from noise.
 */
export async function slowdownVersus(run: () => unknown, baseline: () => unknown, runs = 3): Promise<{ slowdown: number; detail: string }> {
  await run();
  await baseline();
  let bestRun = Number.POSITIVE_INFINITY;
  let bestBase = Number.POSITIVE_INFINITY;
  for (let round = 0; round < runs; round++) {
    let t0 = performance.now();
    await run();
    bestRun = Math.min(bestRun, performance.now() - t0);
    t0 = performance.now();
    await baseline();
    bestBase = Math.min(bestBase, performance.now() - t0);
  }
  const slowdown = bestRun / bestBase;
  return { slowdown, detail: `${bestRun.toFixed(1)} ms against ${bestBase.toFixed(1)} ms (${slowdown.toFixed(1)}× slower)` };
}
