// What a ts314 worker was started with, read on the worker side, and the TypeScript loader it registers only when a module needs it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, workerData } from 'node:worker_threads';

/** The URLs of tsx's ESM and CommonJS registration APIs (what `--import tsx` installs). */
export interface TypeScriptLoader {
  readonly esm: string;
  readonly cjs: string | null;
  /**
   * Int32 slot 0 is 1 once a worker of this process needed tsx registered from its start (see
   * importModule): every worker started after that registers it before anything else.
   */
  readonly atStart: SharedArrayBuffer;
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
 * TypeScript sources name each other). Only the module's own name is looked at; a JavaScript file
 * that itself imports TypeScript is caught by importModule() when its import fails.
 */
export function mayNeedTypeScript(url: string): boolean {
  if (!url.startsWith('file:')) return false;
  const path = fileURLToPath(url);
  if (/\.[mc]?ts$/.test(path)) return true;
  return /\.[mc]?js$/.test(path) && !existsSync(path);
}

function isRegistered(): boolean {
  return (globalThis as Record<symbol, unknown>)[TS_REGISTERED] === true;
}

let registering: Promise<void> | undefined;

/** Worker side: registers tsx's ESM and CommonJS APIs in this thread, once, as `--import tsx` would; nothing without tsx. */
export function registerTypeScriptLoader(): Promise<void> | undefined {
  const loader = bootData()?.tsLoader;
  if (!loader || isRegistered()) return undefined;
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

/**
 * Worker side: call before importing `url`. Registers tsx if the parent ran under tsx and the module
 * may be TypeScript; otherwise does nothing.
 */
export function prepareImport(url: string): Promise<void> | undefined {
  if (isRegistered() || !mayNeedTypeScript(url)) return undefined;
  return registerTypeScriptLoader();
}

/**
 * Worker side: whether this worker registers tsx before anything else, because a worker of this
 * process met a module graph that it could not load once tsx was registered late (see importModule).
 */
export function typeScriptAtStart(): boolean {
  const loader = bootData()?.tsLoader;
  return loader != null && Atomics.load(new Int32Array(loader.atStart), 0) === 1;
}

/** Set on an import failure that only a worker with tsx registered from its start can get past. */
export const NEEDS_TYPESCRIPT_AT_START = Symbol.for('ts314.needsTypeScriptAtStart');

/** The TypeScript file tsx would load for a missing .js/.mjs/.cjs path, if there is one. */
function typeScriptBeside(path: string): boolean {
  const ts = path.replace(/\.([mc]?)js$/, '.$1ts');
  return ts !== path && existsSync(ts);
}

/**
 * Whether an import failed because a module in its graph is TypeScript that this thread cannot load
 * without tsx: Node without type stripping (ERR_UNKNOWN_FILE_EXTENSION), syntax that type stripping
 * does not cover (an enum), a TypeScript file under node_modules, or a `.js` name that only tsx maps
 * to the `.ts` file beside it. All are raised while loading, before any module of the graph runs.
 */
function isTypeScriptLoadFailure(error: unknown): boolean {
  const { code, message, url } = (error ?? {}) as { code?: unknown; message?: unknown; url?: unknown };
  switch (code) {
    case 'ERR_UNKNOWN_FILE_EXTENSION':
      return typeof message === 'string' && /"\.[mc]?tsx?"/.test(message);
    case 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX':
    case 'ERR_INVALID_TYPESCRIPT_SYNTAX':
    case 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING':
      return true;
    case 'ERR_MODULE_NOT_FOUND': {
      const missing =
        typeof url === 'string' && url.startsWith('file:') ? fileURLToPath(url) : /Cannot find module '([^']+)'/.exec(String(message))?.[1];
      return missing !== undefined && typeScriptBeside(missing);
    }
    default:
      return false;
  }
}

/**
 * Worker side: imports a task's (or a handle's) module, registering tsx first when the module may be
 * TypeScript, or late when a JavaScript module of the graph imports TypeScript. After a late
 * registration the import is tried again. Where Node keeps the failed load of a module (Node 20
 * does, for every module of the graph on the way to the TypeScript file), the second try fails the
 * same way: the error is then marked NEEDS_TYPESCRIPT_AT_START and every later worker of this process
 * registers tsx at its start, so a pool's worker can end and let a fresh one run the task.
 */
export async function importModule(url: string): Promise<Record<string, unknown>> {
  await prepareImport(url);
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    const loader = bootData()?.tsLoader;
    if (!loader || isRegistered() || !isTypeScriptLoadFailure(error)) throw error;
  }
  await registerTypeScriptLoader();
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if (!isTypeScriptLoadFailure(error)) throw error;
    Atomics.store(new Int32Array(bootData()!.tsLoader!.atStart), 0, 1);
    if (typeof error === 'object' && error !== null) (error as Record<symbol, unknown>)[NEEDS_TYPESCRIPT_AT_START] = true;
    throw error;
  }
}
