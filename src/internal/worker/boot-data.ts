// What a ts314 worker was started with, read on the worker side, and the TypeScript loader it registers only when a module needs it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, workerData } from 'node:worker_threads';

/** The URLs of tsx's ESM and CommonJS registration APIs (what `--import tsx` installs). */
export interface TypeScriptLoader {
  readonly esm: string;
  readonly cjs: string | null;
}

/** What every ts314 worker receives under workerData.ts314. */
export interface BootData {
  /** URL of the module the worker runs. */
  readonly entry: string;
  /** tsx's APIs to register before importing TypeScript, or null when this process has no tsx. */
  readonly tsLoader: TypeScriptLoader | null;
  /** Process-wide id counters (see process-ids.ts). */
  readonly counters: SharedArrayBuffer;
  /** Who started the worker, e.g. 'interpreter' or 'futures'. */
  readonly role: string;
  /** Process-wide record of dead threads (thread-liveness.ts), so lock waiters anywhere see a worker's death. */
  readonly liveness: SharedArrayBuffer;
}

/** Set on globalThis once this thread registered tsx (by the boot source or by prepareImport). */
export const TS_REGISTERED = Symbol.for('ts314.tsLoaderRegistered');

/** Worker side: the BootData, or undefined in a thread ts314 did not start. */
export function bootData(): BootData | undefined {
  if (isMainThread) return undefined;
  return (workerData as { ts314?: BootData } | null)?.ts314;
}

/** Worker side: the workerData passed to startWorker(). */
export function userWorkerData(): unknown {
  return (workerData as { data?: unknown } | null)?.data;
}

/**
 * Whether importing `url` may need the TypeScript loader: a .ts/.mts/.cts file, or a .js/.mjs/.cjs
 * file that does not exist, which tsx resolves to the TypeScript file beside it (the usual way
 * TypeScript sources name each other). Only the module's own name is looked at: a JavaScript file
 * that exists and itself imports TypeScript loads without it.
 */
export function mayNeedTypeScript(url: string): boolean {
  if (!url.startsWith('file:')) return false;
  const path = fileURLToPath(url);
  if (/\.[mc]?ts$/.test(path)) return true;
  return /\.[mc]?js$/.test(path) && !existsSync(path);
}

let registering: Promise<void> | undefined;

/**
 * Worker side: call before importing `url`. Registers tsx (once per thread, as `--import tsx`
 * would) if the parent ran under tsx and the module may be TypeScript; otherwise does nothing.
 */
export function prepareImport(url: string): Promise<void> | undefined {
  if ((globalThis as Record<symbol, unknown>)[TS_REGISTERED] === true) return undefined;
  const loader = bootData()?.tsLoader;
  if (!loader || !mayNeedTypeScript(url)) return undefined;
  registering ??= (async () => {
    const [esm, cjs] = await Promise.all([
      import(loader.esm) as Promise<{ register(): void }>,
      loader.cjs ? (import(loader.cjs) as Promise<{ register(): void }>) : undefined,
    ]);
    esm.register();
    cjs?.register();
    (globalThis as Record<symbol, unknown>)[TS_REGISTERED] = true;
  })();
  return registering;
}
