// What a distributed task is: a module export, named by URL or by a name the workers register; workers resolve it against their own modules.
import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve as resolvePath, basename } from 'node:path';
import type { AnyFunction, ModuleTask, UnknownFunction } from '../internal/callable.js';
import { closestMatch } from '../internal/did-you-mean.js';
import { InvalidArgumentError } from '../internal/errors.js';
import { UnknownTaskError } from './errors.js';

/** The URL a registered name travels as: no module, only the export name the workers match. */
export const REGISTERED_URL = 'ts314-task:';

/**
 * A task known by name only: any worker started with a module that exports `name` runs it, wherever
 * that module lives on the worker's machine.
 * @example
 * const resize = registeredTask<typeof import('./tasks.js').resize>('resize');
 * await executor.submit(resize, 'photo.png', 640);
 */
export function registeredTask(name: string): ModuleTask<UnknownFunction>;
export function registeredTask<F extends AnyFunction>(name: string): ModuleTask<F>;
export function registeredTask(name: string): ModuleTask {
  if (typeof name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(name))
    throw new InvalidArgumentError(`registeredTask(): name must be an export name (an identifier), got ${JSON.stringify(name)}`);
  return Object.freeze({ [Symbol.for('ts314.moduleTask')]: true as const, url: REGISTERED_URL, exportName: name }) as unknown as ModuleTask;
}

/** One function a worker offers: where it is loaded from, and the names it answers to. */
export interface OfferedTask {
  /** The file: URL of the module on this machine. */
  readonly url: string;
  readonly exportName: string;
  /** The export itself, as this worker loaded it. */
  readonly fn: (...args: unknown[]) => unknown;
}

/** The modules a worker was started with, and the tasks they export. */
export class TaskRegistry {
  readonly modules: readonly string[];
  readonly #byUrl = new Map<string, Map<string, OfferedTask>>();
  readonly #byName = new Map<string, OfferedTask[]>();

  private constructor(modules: string[]) {
    this.modules = modules;
  }

  /** Imports each module (paths relative to `cwd`, or URLs) and records its function exports. */
  static async load(modules: readonly string[], cwd = process.cwd()): Promise<TaskRegistry> {
    const urls = modules.map((m) => (/^(file|data):/.test(m) ? m : pathToFileURL(isAbsolute(m) ? m : resolvePath(cwd, m)).href));
    const registry = new TaskRegistry(urls);
    for (const url of urls) {
      const mod = (await import(url)) as Record<string, unknown>;
      const exports = new Map<string, OfferedTask>();
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value !== 'function') continue;
        const offered = { url, exportName: name, fn: value as (...args: unknown[]) => unknown };
        exports.set(name, offered);
        const list = registry.#byName.get(name) ?? [];
        list.push(offered);
        registry.#byName.set(name, list);
      }
      registry.#byUrl.set(url, exports);
    }
    return registry;
  }

  /** Every task name offered, `module#export` where two modules export the same name. */
  get names(): string[] {
    return [...this.#byName.keys()].sort();
  }

  /**
   * The local task for a job's (url, export): the same module URL first, then the export name
   * (preferring a module with the same file name); UnknownTaskError lists what this worker offers.
   */
  resolve(url: string, exportName: string): OfferedTask {
    const exact = this.#byUrl.get(url)?.get(exportName);
    if (exact) return exact;
    const candidates = this.#byName.get(exportName);
    if (candidates?.length === 1) return candidates[0]!;
    if (candidates && candidates.length > 1) {
      const file = url.startsWith('file:') ? basename(new URL(url).pathname) : undefined;
      const same = candidates.filter((c) => file !== undefined && basename(new URL(c.url).pathname) === file);
      if (same.length === 1) return same[0]!;
      throw new UnknownTaskError(
        `task '${exportName}' is ambiguous on this worker: ${candidates.map((c) => c.url).join(' and ')} both export it; name the module with task(url, '${exportName}')`,
      );
    }
    const offered = this.names;
    const hint = closestMatch(exportName, offered);
    throw new UnknownTaskError(
      `unknown task '${exportName}'${url === REGISTERED_URL ? '' : ` (from ${url})`}: this worker offers ${
        offered.length === 0 ? 'no tasks' : offered.join(', ')
      } (modules: ${this.modules.join(', ')}).${hint && hint !== exportName ? ` Did you mean '${hint}'?` : ''}`,
    );
  }
}
