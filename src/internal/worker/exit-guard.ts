// How every ts314 worker ends on its own: buffered results posted first, then why and where it stopped.
import { serializeError } from '../remote-error.js';
import type { ExitingMessage, TaskProgress } from './protocol.js';

export interface ExitGuard {
  /** Posts results already computed, so they are neither lost nor re-run when the worker goes. */
  readonly flush: () => void;
  /** How far a tasks service got. */
  readonly progress: () => TaskProgress | undefined;
  /** Sends the report; `done` runs once it is on its way (a process's IPC is asynchronous). */
  readonly post: (message: ExitingMessage, done: () => void) => void;
}

/**
 * Installs the worker's exit path. `process.exit()` from user code and an uncaught error (a late
 * throw from a timer, an unhandled rejection) both flush first and report; an uncaught error then
 * exits with code 1.
 */
export function guardExit(guard: ExitGuard): void {
  const realExit = process.exit.bind(process);
  let reported = false;
  const report = (error: unknown, done: () => void): void => {
    if (reported) {
      done();
      return;
    }
    reported = true;
    guard.flush();
    guard.post({ t: 'exiting', e: error === undefined ? undefined : serializeError(error), progress: guard.progress() }, done);
  };
  process.exit = ((code?: number) => {
    // Exits now, as the caller expects: a thread's message is already queued, a process's IPC write is attempted at once.
    report(undefined, () => {});
    realExit(code);
  }) as typeof process.exit;
  process.on('uncaughtException', (error) => {
    report(error, () => realExit(1));
    // The report must not keep a dying worker alive if the parent stopped reading.
    setTimeout(() => realExit(1), 1000).unref();
  });
}
