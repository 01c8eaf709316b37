// What can run in another interpreter: a self-contained function sent by source, or a module export by URL.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importModule } from './worker/boot-data.js';

const MODULE_TASK = Symbol.for('ts314.moduleTask');

// biome-ignore lint/suspicious/noExplicitAny: every function, callable with unknown arguments ((...args: never[]) can't be called)
export type AnyFunction = (...args: any[]) => any;

/**
 * What an untyped `task(url, name)` stands for: a function taking and returning `unknown`. The
 * compiler cannot see into the module, so name its type to have arguments and results checked:
 * `task<typeof import('./work.js').crunch>(url, 'crunch')`.
 */
export type UnknownFunction = (...args: unknown[]) => unknown;

/**
 * A reference to a function exported by a module, so code with imports runs in a worker.
 * The type parameter carries the function's signature for `call`/`submit`.
 */
export interface ModuleTask<F extends AnyFunction = AnyFunction> {
  readonly [MODULE_TASK]: true;
  /** file: (or data:) URL of the module. */
  readonly url: string;
  readonly exportName: string;
  /** Type-level only: never set. */
  readonly signature?: F;
}

/** How a callable travels: plain data, safe for postMessage and IPC. */
export type CallableRef =
  | { readonly kind: 'source'; readonly source: string; readonly name: string; readonly isMethod: boolean }
  | { readonly kind: 'module'; readonly url: string; readonly exportName: string };

/**
 * Names a module export to run in another interpreter. A `.ts` module works when this process runs
 * TypeScript (tsx or Node's type stripping): workers inherit the loader. Give the export's type as
 * the type argument to have calls checked; without it the task takes and returns `unknown`.
 * @example
 * import { task } from 'ts314/interpreters';
 * const crunch = task<typeof import('./work.js').crunch>(new URL('./work.js', import.meta.url), 'crunch');
 * await interp.call(crunch, 42);
 */
export function task(moduleUrl: URL | string, exportName?: string): ModuleTask<UnknownFunction>;
// A separate overload, not a default type argument: a default would let the call site's expected
// type (parallelFor's kernel parameter, say) be inferred as F and claim a signature nobody gave.
export function task<F extends AnyFunction>(moduleUrl: URL | string, exportName?: string): ModuleTask<F>;
export function task(moduleUrl: URL | string, exportName = 'default'): ModuleTask {
  let url: string;
  if (moduleUrl instanceof URL) url = moduleUrl.href;
  else if (typeof moduleUrl === 'string' && /^(file|data):/.test(moduleUrl)) url = moduleUrl;
  else if (typeof moduleUrl === 'string' && isAbsolute(moduleUrl)) url = pathToFileURL(moduleUrl).href;
  else {
    throw new TypeError(
      `task(): module must be a URL or an absolute path, got ${JSON.stringify(moduleUrl)}. ` +
        `Resolve it against the calling module: task(new URL('./work.js', import.meta.url), 'crunch')`,
    );
  }
  if (typeof exportName !== 'string' || exportName.length === 0) {
    throw new TypeError(`task(): exportName must be a non-empty string, got ${String(exportName)}`);
  }
  return Object.freeze({ [MODULE_TASK]: true as const, url, exportName });
}

export function isModuleTask(value: unknown): value is ModuleTask {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MODULE_TASK] === true;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return `${typeof value} ${JSON.stringify(value) ?? String(value)}`;
}

function parses(expression: string): boolean {
  try {
    new Function(`return (${expression});`);
    return true;
  } catch {
    return false;
  }
}

const refCache = new WeakMap<AnyFunction, CallableRef>();

/** Turns what a user passed into a CallableRef, or throws a TypeError saying what is callable. */
export function toCallableRef(callable: unknown, where: string): CallableRef {
  if (isModuleTask(callable)) return { kind: 'module', url: callable.url, exportName: callable.exportName };
  if (typeof callable !== 'function') {
    throw new TypeError(`${where}: expected a function or task(url, exportName), got ${describe(callable)}`);
  }
  const cached = refCache.get(callable as AnyFunction);
  if (cached) return cached;
  const source = Function.prototype.toString.call(callable);
  const name = callable.name || 'anonymous function';
  if (/\{\s*\[native code\]\s*\}$/.test(source)) {
    throw new TypeError(
      `${where}: ${name} is a native or bound function, so its source cannot be sent to another interpreter. ` +
        `Wrap it in a self-contained function, e.g. (x) => Math.sqrt(x), or export it from a module and use task(url, name).`,
    );
  }
  if (/^class\b/.test(source)) throw new TypeError(`${where}: ${name} is a class; pass a function that constructs it instead`);
  // Method shorthand (`crunch(x) { … }`) is not an expression on its own; it is rebuilt inside an object literal.
  const isMethod = !parses(source);
  if (isMethod && !parses(`{${source}}`)) {
    throw new TypeError(`${where}: the source of ${name} cannot be recompiled on its own; export it from a module and use task(url, name)`);
  }
  const ref: CallableRef = { kind: 'source', source, name, isMethod };
  refCache.set(callable as AnyFunction, ref);
  return ref;
}

const loaded = new Map<string, AnyFunction>();

/** Worker side: compiles or imports the callable once and caches it for later tasks. */
export async function loadCallable(ref: CallableRef): Promise<AnyFunction> {
  const key = ref.kind === 'source' ? `s:${ref.source}` : `m:${ref.url}#${ref.exportName}`;
  const hit = loaded.get(key);
  if (hit) return hit;
  let fn: unknown;
  if (ref.kind === 'source') {
    const expression = ref.isMethod ? `Object.values({${ref.source}})[0]` : `(${ref.source})`;
    // esbuild (tsx) keeps function names with a `__name` helper that exists only in the sender's module.
    fn = new Function('__name', `"use strict"; return ${expression};`)((f: unknown) => f);
  } else {
    const mod = await importModule(ref.url);
    if (!(ref.exportName in mod)) {
      // Loaded only to explain a mistake: most workers never need it.
      const { didYouMean } = await import('./did-you-mean.js');
      const hint = didYouMean(ref.exportName, Object.keys(mod)) || ` It exports: ${Object.keys(mod).join(', ') || 'nothing'}.`;
      throw new TypeError(`module ${ref.url} has no export named '${ref.exportName}'.${hint}`);
    }
    fn = mod[ref.exportName];
    if (typeof fn !== 'function') throw new TypeError(`export '${ref.exportName}' of ${ref.url} is ${describe(fn)}, not a function`);
  }
  loaded.set(key, fn as AnyFunction);
  return fn as AnyFunction;
}

/**
 * A function sent by source that reads a variable from where it was written fails remotely with
 * "x is not defined"; this turns that into an error that says why and how to fix it.
 */
export function explainOuterVariable(error: unknown, ref: CallableRef): unknown {
  if (ref.kind !== 'source' || !(error instanceof ReferenceError)) return error;
  const missing = /^(\S+) is not defined$/.exec(error.message)?.[1];
  if (!missing) return error;
  return new ReferenceError(
    `'${missing}' is not defined in the interpreter: ${ref.name} was sent by source and must be self-contained, ` +
      `but it uses '${missing}' from the scope where it was written. Pass it as an argument (call(fn, ${missing})), ` +
      `define it inside the function, or export the function from a module and call it with ` +
      `task(new URL('./module.js', import.meta.url), '${ref.name}').`,
    { cause: error },
  );
}
