// The main-side end of an interpreter's worker: requests in flight, and what happens when the worker stops.
import type { Worker } from 'node:worker_threads';
import { deserializeError } from '../internal/remote-error.js';
import type { Transferable } from '../internal/transferable.js';
import { describeExit } from '../internal/worker/exit.js';
import type { FromWorker, Reply, Request } from '../internal/worker/protocol.js';
import { InterpreterNotFoundError, InterpreterStoppedError, NotShareableError } from './errors.js';

interface Pending {
  readonly what: string;
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: unknown) => void;
}

/** Why the worker is gone, kept so later calls can say so. */
interface Gone {
  readonly reason: string;
  readonly cause: unknown;
}

/**
 * Sends requests to one worker and settles them from its replies. The worker is unref'd while idle,
 * so a forgotten interpreter never keeps the process alive, and ref'd while work is in flight.
 */
export class WorkerLink {
  readonly #worker: Worker;
  readonly #label: string;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #gone: Gone | undefined;
  #lastError: unknown;
  #exited: Promise<void>;

  constructor(worker: Worker, label: string, onGone: () => void) {
    this.#worker = worker;
    this.#label = label;
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      if (message.t === 'reply') this.#settle(message);
      // An uncaught error inside the interpreter: its worker reports it on the way out.
      else if (message.t === 'exiting' && message.e) this.#lastError = deserializeError(message.e);
    });
    worker.on('error', (error) => {
      this.#lastError = error;
    });
    this.#exited = new Promise((resolve) => {
      worker.once('exit', (exitCode: number) => {
        if (this.#gone === undefined) {
          const reason = `its worker ${describeExit({ code: exitCode, signal: null, error: this.#lastError })}`;
          this.#gone = { reason, cause: this.#lastError };
          this.#failAll(
            (what) =>
              new InterpreterStoppedError(`${this.#label} stopped while running ${what}: ${reason}`, {
                code: 'ERR_INTERPRETER_DIED',
                exitCode,
                cause: this.#lastError,
              }),
          );
        }
        onGone();
        resolve();
      });
    });
  }

  /** Work is in flight. */
  get busy(): boolean {
    return this.#pending.size > 0;
  }

  get alive(): boolean {
    return this.#gone === undefined;
  }

  /** The error to throw for new work once the worker is gone. */
  goneError(): InterpreterNotFoundError {
    return new InterpreterNotFoundError(
      `${this.#label} is gone: ${this.#gone?.reason ?? 'it was closed'}. Create a new one with create().`,
      this.#gone?.cause === undefined ? undefined : { cause: this.#gone.cause },
    );
  }

  /** Sends one request; the promise settles with the worker's reply. */
  request(build: (id: number) => Request, what: string, transfer: readonly Transferable[] = []): { id: number; reply: Promise<Reply> } {
    if (this.#gone) return { id: 0, reply: Promise.reject(this.goneError()) };
    const id = this.#nextId++;
    const reply = new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { what, resolve, reject });
    });
    try {
      this.#worker.postMessage(build(id), transfer as Transferable[]);
    } catch (error) {
      // The checks passed but cloning did not (a detached ArrayBuffer, a transfer list problem):
      // nothing was sent, so report it as the arguments' fault rather than a raw DataCloneError.
      const failure = new NotShareableError(`args is not shareable: ${(error as Error).message ?? String(error)}`, {
        path: 'args',
        cause: error,
      });
      this.#pending.get(id)?.reject(failure);
      this.#pending.delete(id);
      return { id, reply };
    }
    if (this.#pending.size === 1) this.#worker.ref();
    return { id, reply };
  }

  /** Stops the worker; work in flight rejects with an InterpreterStoppedError built by `error`. */
  async terminate(reason: string, code: 'ERR_INTERPRETER_CLOSED' | 'ERR_INTERPRETER_ABORTED', except?: number): Promise<void> {
    if (this.#gone === undefined) {
      this.#gone = { reason, cause: undefined };
      this.#failAll((what) => new InterpreterStoppedError(`${this.#label} stopped while running ${what}: ${reason}`, { code }), except);
      await this.#worker.terminate();
    }
    await this.#exited;
  }

  /** Drops the pending entry for `id` without settling it (its caller settles it another way). */
  forget(id: number): void {
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#worker.unref();
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.forget(reply.id);
    pending.resolve(reply);
  }

  #failAll(make: (what: string) => Error, except?: number): void {
    for (const [id, pending] of this.#pending) {
      if (id !== except) pending.reject(make(pending.what));
    }
    this.#pending.clear();
  }
}
