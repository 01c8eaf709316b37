// Starting a ts314 worker: the same TypeScript loader as this thread, shared counters, then the entry module.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { sharedCounters } from '../process-ids.js';
import { livenessBuffer, watchWorker } from '../thread-liveness.js';
import { bootData, TS_REGISTERED, type BootData, type TypeScriptLoader } from './boot-data.js';

/**
 * Runs in the worker as an ES module from a data: URL, so neither a file extension nor the parent's
 * --input-type decides how it loads; a JavaScript entry needs none of it and starts alone. Node 20 does not carry module hooks registered by
 * `--import tsx` into workers (tsx only registers itself in workers on newer Node), so a .ts entry
 * or task would fail with ERR_UNKNOWN_FILE_EXTENSION; the parent found tsx and hands it over, and
 * the worker registers it before the first TypeScript module it imports: here for a .ts entry (ts314
 * run from its sources), else in prepareImport() when a task needs it. Loading tsx and esbuild costs
 * a worker more than starting does, so a worker that only runs JavaScript never pays it.
 */
const BOOT_SOURCE = `
import { workerData } from 'node:worker_threads';
const boot = workerData.ts314;
if (boot.tsLoader && /\\.[mc]?ts$/.test(new URL(boot.entry).pathname)) {
  const [esm, cjs] = await Promise.all([import(boot.tsLoader.esm), boot.tsLoader.cjs && import(boot.tsLoader.cjs)]);
  esm.register();
  cjs?.register();
  globalThis[Symbol.for('${TS_REGISTERED.description}')] = true;
}
await import(boot.entry);
`;
const BOOT_URL = new URL(`data:text/javascript,${encodeURIComponent(BOOT_SOURCE)}`);

/**
 * A JavaScript file entry (the built package) needs nothing registered before it, so it can start the
 * worker itself, unless the worker inherits --input-type (a parent run with --eval), which Node
 * rejects for a worker started from a file.
 */
function startsOnItsOwn(entry: URL, execArgv: readonly string[]): boolean {
  return entry.protocol === 'file:' && /\.[mc]?js$/.test(entry.pathname) && !execArgv.some((arg) => arg.startsWith('--input-type'));
}

/** A Node flag that preloads a module (`--import tsx`, `-r tsx/cjs`), its value inline or next. */
const TSX_FLAG = /^--(?:import|loader|experimental-loader|require)(?:=(.*))?$|^-r$/;
const TSX_SPECIFIER = /(^|[\\/])tsx($|[\\/])/;

let tsLoaderCache: TypeScriptLoader | null | undefined;
/** Node refused this thread's execArgv given explicitly to a worker: later workers inherit it at once. */
let explicitExecArgvRefused = false;

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

/** The file URL of one of tsx's exports (its ESM flavour), if it is there. */
function apiUrl(dir: string, entry: unknown): string | undefined {
  const api = entry as { import?: { default?: string } | string } | undefined;
  const relative = typeof api?.import === 'string' ? api.import : api?.import?.default;
  return relative && existsSync(join(dir, relative)) ? pathToFileURL(join(dir, relative)).href : undefined;
}

/**
 * tsx's registration APIs when this thread was started with tsx (`node --import tsx`, the tsx CLI,
 * `--loader tsx`, NODE_OPTIONS), else null. Workers get it so `.ts` modules load there too.
 */
export function typeScriptLoader(): TypeScriptLoader | null {
  if (tsLoaderCache !== undefined) return tsLoaderCache;
  tsLoaderCache = null;
  const boot = bootData();
  if (boot) return (tsLoaderCache = boot.tsLoader);
  const args = loaderArguments();
  for (let i = 0; i < args.length; i++) {
    const match = TSX_FLAG.exec(args[i]!);
    if (!match) continue;
    const value = match[1] ?? args[++i];
    if (value === undefined || !TSX_SPECIFIER.test(value)) continue;
    const dir = tsxPackageDir(value);
    if (!dir) continue;
    try {
      const exportsField = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> }).exports;
      const esm = apiUrl(dir, exportsField?.['./esm/api']);
      if (esm) {
        const atStart = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
        return (tsLoaderCache = { esm, cjs: apiUrl(dir, exportsField?.['./cjs/api']) ?? null, atStart });
      }
    } catch {
      // A tsx we cannot read is treated as absent; .ts tasks then report how to enable TypeScript.
    }
  }
  return tsLoaderCache;
}

/**
 * This thread's execArgv without the flags that load tsx (`--import tsx`, the tsx CLI's `--require
 * …/tsx/dist/preflight.cjs --import …/tsx/dist/loader.mjs`), or undefined when there are none. A
 * worker inherits execArgv, and tsx's preload costs it more than starting: on Node 20 it loads tsx
 * and esbuild without registering in the worker at all. The worker registers tsx itself when it
 * first imports TypeScript (see prepareImport), so it loses nothing. tsx given in NODE_OPTIONS
 * still reaches workers through their environment.
 */
export function execArgvWithoutTypeScriptLoader(execArgv: readonly string[] = process.execArgv): string[] | undefined {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const match = TSX_FLAG.exec(execArgv[i]!);
    if (match) {
      const value = match[1] ?? execArgv[i + 1];
      if (value !== undefined && TSX_SPECIFIER.test(value)) {
        if (match[1] === undefined) i++;
        continue;
      }
    }
    kept.push(execArgv[i]!);
  }
  return kept.length === execArgv.length ? undefined : kept;
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
  const tsLoader = typeScriptLoader();
  const boot: BootData = { entry: entry.href, tsLoader, counters: sharedCounters(), role, liveness: livenessBuffer() };
  // The worker registers tsx itself when it needs it; inheriting its preload would load it in every worker.
  const execArgv = workerOptions.execArgv ?? (tsLoader && !explicitExecArgvRefused ? execArgvWithoutTypeScriptLoader() : undefined);
  const common = { ...workerOptions, ...(execArgv ? { execArgv } : {}), workerData: { ts314: boot, data } };
  // One module fewer to load when the entry needs nothing before it. Either way process.argv[1] is the
  // entry script and user argv follows.
  const start = (options: WorkerOptions): Worker =>
    startsOnItsOwn(entry, options.execArgv ?? process.execArgv)
      ? new Worker(entry, options)
      : new Worker(BOOT_URL, {
          ...options,
          argv: [entry.protocol === 'file:' ? fileURLToPath(entry) : entry.href, ...(workerOptions.argv ?? [])],
        });
  let worker: Worker;
  try {
    worker = start(common);
  } catch (error) {
    // Flags a worker inherits unchecked are refused when given explicitly (per-process ones such as
    // --secure-heap, which the Node 26 test runner passes): inherit them all then, tsx preload included.
    if (workerOptions.execArgv !== undefined || (error as { code?: unknown }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    explicitExecArgvRefused = true;
    const { execArgv: _refused, ...inherited } = common;
    worker = start(inherited);
  }
  // Its death is recorded so a lock it dies holding breaks instead of deadlocking the other threads.
  return watchWorker(worker);
}

export { bootData, userWorkerData, type BootData, type TypeScriptLoader } from './boot-data.js';
