// Where the workload modules are, for tasks that run them in workers: .ts next to the sources, .js in dist.
import { task, type ModuleTask } from '../../internal/callable.js';
import type { AnyFunction } from '../../internal/callable.js';

/**
 * This module's own extension: under tsx the sources load as `.ts` (and so must the workers'
 * modules, which may not exist as `.js`); the built package loads `.js` from dist.
 */
const EXTENSION = new URL(import.meta.url).pathname.endsWith('.ts') ? '.ts' : '.js';

/** file: URL of the workload module `name` (e.g. 'factorial'), in the same tree as this one. */
export function workloadUrl(name: string): URL {
  return new URL(`./${name}${EXTENSION}`, import.meta.url);
}

/** A task running the export `exportName` of the workload module `name` in a worker or child process. */
export function workloadTask<F extends AnyFunction>(name: string, exportName: string): ModuleTask<F> {
  return task<F>(workloadUrl(name), exportName);
}
