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
 * How much faster `run`'s time grows than `baseline`'s from `small` to `large` bytes (1 means the same
 * growth), each timed best of five, alternating. Dividing by a baseline known to be linear (one-shot
 * decompression of the same data) cancels what the machine adds at larger sizes — page faults of
 * fresh memory, other processes — which on a loaded machine alone can make linear code look 5× worse.
 */
export async function growthVersus(
  run: (size: number) => unknown,
  baseline: (size: number) => unknown,
  small: number,
  large: number,
): Promise<{ excess: number; detail: string }> {
  const best = { run: [Infinity, Infinity], base: [Infinity, Infinity] };
  for (let round = 0; round < 5; round++) {
    for (const [i, size] of [small, large].entries()) {
      for (const kind of ['run', 'base'] as const) {
        const t0 = performance.now();
        await (kind === 'run' ? run : baseline)(size);
        best[kind][i] = Math.min(best[kind][i] as number, performance.now() - t0);
      }
    }
  }
  const [rs, rl] = best.run as [number, number];
  const [bs, bl] = best.base as [number, number];
  const excess = rl / rs / (bl / bs);
  const detail = `${small} → ${large} bytes: ${rs.toFixed(1)} → ${rl.toFixed(1)} ms, baseline ${bs.toFixed(1)} → ${bl.toFixed(1)} ms (excess growth ${excess.toFixed(2)}×)`;
  return { excess, detail };
}
