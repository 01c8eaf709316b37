// What is running this code: runtime, engine, platform, cores and memory (Python's sys/platform report).
import os from 'node:os';
import { readFileSync } from 'node:fs';

/** The JavaScript runtime executing ts314. */
export type RuntimeName = 'node' | 'bun' | 'deno';

export interface RuntimeInfo {
  /** ts314's own version, from its package.json. */
  readonly ts314Version: string;
  readonly runtime: RuntimeName;
  /** Runtime version without a leading "v", e.g. "20.20.2". */
  readonly version: string;
  /** JavaScript engine version (V8 for Node and Deno, JavaScriptCore reports undefined). */
  readonly v8: string | undefined;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  /** Logical CPUs the OS reports. */
  readonly cpuCount: number;
  /** Parallelism the process may use (honours CPU affinity and cgroup limits); size pools from this. */
  readonly availableParallelism: number;
  readonly cpuModel: string | undefined;
  readonly memory: { readonly totalBytes: number; readonly freeBytes: number; readonly constrainedBytes: number | undefined };
  readonly execPath: string;
}

function detectRuntime(): RuntimeName {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  if (g.Bun !== undefined) return 'bun';
  if (g.Deno !== undefined) return 'deno';
  return 'node';
}

let packageVersion: string | undefined;
function ts314Version(): string {
  // src/runtime and dist/runtime both sit two levels below the package root.
  packageVersion ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return packageVersion;
}

/**
 * A snapshot of the runtime, for logs, benchmark headers and bug reports.
 * @example
 * const info = runtimeInfo();
 * console.log(`${info.runtime} ${info.version} on ${info.availableParallelism} cores`);
 */
export function runtimeInfo(): RuntimeInfo {
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : undefined;
  const cpus = os.cpus();
  return {
    ts314Version: ts314Version(),
    runtime: detectRuntime(),
    version: process.versions.node ?? process.version.replace(/^v/, ''),
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpuCount: cpus.length,
    availableParallelism: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    cpuModel: cpus[0]?.model,
    memory: {
      totalBytes: os.totalmem(),
      freeBytes: os.freemem(),
      // 0 or ~2^64 means "no limit" depending on the Node version; only a real cap is reported.
      constrainedBytes: constrained && constrained < os.totalmem() ? constrained : undefined,
    },
    execPath: process.execPath,
  };
}
