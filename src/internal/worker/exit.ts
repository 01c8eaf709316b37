// How a worker ended, told the same way by interpreters and pools: out of memory, an uncaught error, a signal, an exit code.

/** How a worker ended: its exit code or signal, and the error that killed it if one was seen. */
export interface WorkerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The worker's 'error' event, or the uncaught error it reported on its way out. */
  readonly error: unknown;
}

/**
 * A phrase with no subject, so each caller names the worker its own way: `Interpreter(3) stopped …:
 * its worker ${phrase}`, `worker 4 ${phrase} while running this task`. `endedBy` is why the parent
 * ended it, when it did, so a deliberate end is not told as a crash.
 */
export function describeExit(exit: WorkerExit, endedBy?: string): string {
  const error = exit.error;
  const exitCode = exit.code === null ? '' : ` (exit code ${exit.code})`;
  if ((error as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY')
    return `ran out of memory (its resourceLimits were reached)${exitCode}`;
  if (error instanceof Error) return `died from an uncaught ${error.name}: ${error.message}${exitCode}`;
  if (error !== undefined) return `died from an uncaught value ${String(error)}${exitCode}`;
  if (exit.signal) return `was killed by ${exit.signal}`;
  if (endedBy) return `was ended by ${endedBy}`;
  return `exited with code ${exit.code}`;
}
