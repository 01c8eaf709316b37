// Starting a ts314 worker: the same TypeScript loader as this thread, shared counters, then the entry module.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, workerData, type WorkerOptions } from 'node:worker_threads';
import { sharedCounters } from '../process-ids.js';
import { livenessBuffer, watchWorker } from '../thread-liveness.js';

/** What every ts314 worker receives under workerData.ts314. */
export interface BootData {
  /** URL of the module the worker runs. */
  readonly entry: string;
  /** URL of tsx's ESM API to register before importing anything, or null. */
  readonly tsLoader: string | null;
  /** Process-wide id counters (see process-ids.ts). */
  readonly counters: SharedArrayBuffer;
  /** Who started the worker, e.g. 'interpreter' or 'futures'. */
  readonly role: string;
  /** Process-wide record of dead threads (thread-liveness.ts), so lock waiters anywhere see a worker's death. */
  readonly liveness: SharedArrayBuffer;
}

/**
 * Runs in the worker as an ES module from a data: URL, so neither a file extension nor the parent's
 * --input-type decides how it loads. Node 20 does not carry module hooks registered by
 * `--import tsx` into workers (tsx only registers itself in workers on newer Node), so a .ts entry
 * or task would fail with ERR_UNKNOWN_FILE_EXTENSION; the parent found tsx and the worker registers
 * it first. Registering again where tsx already did is harmless.
 */
const BOOT_SOURCE = `
import { workerData } from 'node:worker_threads';
const boot = workerData.ts314;
if (boot.tsLoader) (await import(boot.tsLoader)).register();
await import(boot.entry);
`;
const BOOT_URL = new URL(`data:text/javascript,${encodeURIComponent(BOOT_SOURCE)}`);

let tsLoaderCache: string | null | undefined;

function loaderArguments(): string[] {
  const fromEnv = (process.env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
  return [...process.execArgv, ...fromEnv];
}

function tsxPackageDir(spec: string): string | undefined {
  if (/^tsx(\/|$)/.test(spec)) {
    try {
      return dirname(createRequire(pathToFileURL(join(process.cwd(), 'noop.js'))).resolve('tsx/package.json'));
    } catch {
      return undefined;
    }
  }
  let dir = spec.startsWith('file:') ? fileURLToPath(spec) : spec;
  for (let i = 0; i < 8 && dir !== dirname(dir); i++) {
    dir = dirname(dir);
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'tsx') return dir;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The URL of tsx's ESM API when this thread was started with tsx (`node --import tsx`, the tsx CLI,
 * `--loader tsx`, NODE_OPTIONS), else null. Workers get it so `.ts` modules load there too.
 */
export function typeScriptLoader(): string | null {
  if (tsLoaderCache !== undefined) return tsLoaderCache;
  tsLoaderCache = null;
  if (!isMainThread) {
    const boot = (workerData as { ts314?: BootData } | null)?.ts314;
    if (boot) return (tsLoaderCache = boot.tsLoader);
  }
  const args = loaderArguments();
  for (let i = 0; i < args.length; i++) {
    const match = /^--(?:import|loader|experimental-loader|require|r)(?:=(.*))?$/.exec(args[i]!);
    if (!match) continue;
    const value = match[1] ?? args[++i];
    if (value === undefined || !/(^|[\\/])tsx($|[\\/])/.test(value)) continue;
    const dir = tsxPackageDir(value);
    if (!dir) continue;
    try {
      const exportsField = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> }).exports;
      const api = exportsField?.['./esm/api'] as { import?: { default?: string } | string } | undefined;
      const relative = typeof api?.import === 'string' ? api.import : api?.import?.default;
      if (relative && existsSync(join(dir, relative))) return (tsLoaderCache = pathToFileURL(join(dir, relative)).href);
    } catch {
      // A tsx we cannot read is treated as absent; .ts tasks then report how to enable TypeScript.
    }
  }
  return tsLoaderCache;
}

/**
 * The sibling module `name` next to `base`, with base's extension: `.ts` when running from sources
 * under a TypeScript loader, `.js` from the built package.
 */
export function siblingModule(name: string, base: string): URL {
  const ext = extname(new URL(base).pathname) || '.js';
  return new URL(`./${name}${ext}`, base);
}

export interface StartWorkerOptions extends Omit<WorkerOptions, 'eval' | 'workerData'> {
  /** Who starts the worker, recorded in BootData.role. */
  readonly role: string;
  /** Your own data; the worker reads it back with userWorkerData(). */
  readonly workerData?: unknown;
}

/** Starts a worker that runs `entry` with this thread's TypeScript loader and the shared id counters. */
export function startWorker(entry: URL, options: StartWorkerOptions): Worker {
  const { role, workerData: data, ...workerOptions } = options;
  const boot: BootData = { entry: entry.href, tsLoader: typeScriptLoader(), counters: sharedCounters(), role, liveness: livenessBuffer() };
  // As for a worker started from a file, process.argv[1] is the entry script and user argv follows.
  const argv = [entry.protocol === 'file:' ? fileURLToPath(entry) : entry.href, ...(workerOptions.argv ?? [])];
  // Its death is recorded so a lock it dies holding breaks instead of deadlocking the other threads.
  return watchWorker(new Worker(BOOT_URL, { ...workerOptions, argv, workerData: { ts314: boot, data } }));
}

/** Worker side: the BootData, or undefined in a thread ts314 did not start. */
export function bootData(): BootData | undefined {
  if (isMainThread) return undefined;
  return (workerData as { ts314?: BootData } | null)?.ts314;
}

/** Worker side: the workerData passed to startWorker(). */
export function userWorkerData(): unknown {
  return (workerData as { data?: unknown } | null)?.data;
}
