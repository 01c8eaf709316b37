// Where the kernel modules are, for tasks that run them in workers: .ts next to the sources, .js in dist.
import { task, type ModuleTask } from '../../futures/index.js';

/** Under tsx the sources load as `.ts` (the `.js` twins do not exist); the built package loads `.js` from dist. */
const EXTENSION = new URL(import.meta.url).pathname.endsWith('.ts') ? '.ts' : '.js';

/** file: URL of the kernel module `name`, for workers started with it (`ts314 worker --module`). */
export function kernelUrl(name: string): URL {
  return new URL(`./${name}${EXTENSION}`, import.meta.url);
}

/** A task running the export `exportName` of the kernel module `name` in a worker. */
// biome-ignore lint/suspicious/noExplicitAny: a task's function type is whatever the kernel's is.
export function kernelTask<F extends (...args: any[]) => any>(name: string, exportName: string): ModuleTask<F> {
  return task<F>(kernelUrl(name), exportName);
}
