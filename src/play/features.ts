// The features demo: the guide's feature detection and graceful degradation, showing what this runtime has.
import { fork } from 'node:child_process';
import { compress as gzipCompress } from '../compression/gzip/index.js';
import { compress as zstdCompress } from '../compression/zstd/index.js';
import { InterpreterPoolExecutor, ProcessPoolExecutor } from '../futures/index.js';
import { features as detect, runtimeInfo, type FeatureStatus } from '../runtime/index.js';
import { uuid4, uuid7 } from '../uuid/index.js';

/** One of the guide's fallback chains: what was tried, in order, and what this runtime used. */
export interface Degradation {
  readonly need: string;
  /** The choices, best first. */
  readonly chain: readonly string[];
  readonly chosen: string;
  /** Why the better choices were passed over (empty when the first was used). */
  readonly reason: string;
  /** What running the chosen path produced, e.g. the id or the compressed size. */
  readonly outcome: string;
}

export interface FeaturesResult {
  readonly demo: 'features';
  readonly runtime: string;
  readonly features: readonly FeatureStatus[];
  readonly degradations: readonly Degradation[];
}

/** A sample payload for the compression fallback: repetitive JSON, like a log. */
function samplePayload(): Uint8Array {
  const events = Array.from({ length: 200 }, (_, i) => ({ id: i, kind: i % 3 ? 'motion' : 'door', zone: `zone-${i % 8}` }));
  return new TextEncoder().encode(JSON.stringify(events));
}

/** A CPU task for the executor fallback (self-contained: it is sent to the worker as source). */
function sumOfSquares(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += i * i;
  return s;
}

/**
 * The guide's three migrations, each chosen by detection (never by version) and then run: a
 * time-ordered event id (uuid7, else uuid4), compression (zstd, else gzip) and CPU parallelism
 * (interpreters, else processes, else sequential).
 * @example
 * const r = await featuresDemo();
 * for (const d of r.degradations) console.log(d.need, '→', d.chosen);
 */
export async function featuresDemo(): Promise<FeaturesResult> {
  const f = detect();
  const info = runtimeInfo();
  const clockOk = Number.isFinite(Date.now()) && Date.now() >= 0;
  const id = clockOk ? uuid7() : uuid4();
  const payload = samplePayload();
  const zstd = f.zstd.available;
  const compressed = zstd ? zstdCompress(payload) : gzipCompress(payload);
  const executor = f.workerThreads.available
    ? 'InterpreterPoolExecutor'
    : typeof fork === 'function'
      ? 'ProcessPoolExecutor'
      : 'sequential';
  let answer: number;
  if (executor === 'sequential') answer = sumOfSquares(1000);
  else {
    const pool =
      executor === 'InterpreterPoolExecutor' ? new InterpreterPoolExecutor({ maxWorkers: 1 }) : new ProcessPoolExecutor({ maxWorkers: 1 });
    try {
      answer = await pool.submit(sumOfSquares, 1000);
    } finally {
      await pool.shutdown({ wait: true });
    }
  }
  return {
    demo: 'features',
    runtime: `${info.runtime} ${info.version}${info.v8 ? ` (V8 ${info.v8})` : ''}, ts314 ${info.ts314Version}`,
    features: Object.values(f),
    degradations: [
      {
        need: 'event ids',
        chain: ['uuid7', 'uuid4'],
        chosen: clockOk ? 'uuid7' : 'uuid4',
        reason: clockOk ? '' : 'the system clock is unusable, so a v7 timestamp would be wrong',
        outcome: `${id.toString()} (version ${id.version})`,
      },
      {
        need: 'compression',
        chain: ['zstd', 'gzip'],
        chosen: zstd ? 'zstd' : 'gzip',
        reason: zstd ? '' : f.zstd.fallback,
        outcome: `${payload.length.toLocaleString('en')} → ${compressed.length.toLocaleString('en')} bytes`,
      },
      {
        need: 'CPU parallelism',
        chain: ['InterpreterPoolExecutor', 'ProcessPoolExecutor', 'sequential'],
        chosen: executor,
        reason: executor === 'InterpreterPoolExecutor' ? '' : f.workerThreads.fallback,
        outcome: `sumOfSquares(1000) = ${answer}`,
      },
    ],
  };
}
