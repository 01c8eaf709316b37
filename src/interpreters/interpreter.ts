// Interpreter: one isolated JavaScript interpreter (a worker thread's V8 isolate), PEP 734's Interpreter.
import { inspect } from 'node:util';
import { MessagePort, threadId } from 'node:worker_threads';
import type { Transferable } from '../internal/transferable.js';
import { toCallableRef, type AnyFunction, type ModuleTask } from '../internal/callable.js';
import { checkOptionKeys } from '../internal/validate.js';
import { deserializeError } from '../internal/remote-error.js';
import { checkShareable } from '../internal/shareable.js';
import { decodeArgs, encodeArgs, encodeValue } from '../internal/wire.js';
import { ExecutionFailed, executionFailedMessage, InterpreterError, notShareable } from './errors.js';
import type { Reply } from '../internal/worker/protocol.js';
import type { WorkerLink } from './worker-link.js';

/**
 * How an interpreter came to be, with Python's strings: `'runtime init'` for the main thread,
 * `'_interpreters module'` for one made by create() (here or in another interpreter), `'unknown'`
 * for a worker thread started some other way.
 */
export type Whence = 'runtime init' | '_interpreters module' | 'unknown';

/** Options for callWith(). */
export interface CallOptions {
  /**
   * ArrayBuffers (or MessagePorts) among the arguments to move instead of copy: they become
   * unusable here (detached) and cost nothing to send. SharedArrayBuffers are always shared, never transferred.
   */
  readonly transfer?: readonly (ArrayBuffer | MessagePort)[];
  /**
   * Aborting before the call is sent rejects it without sending. Aborting while it runs rejects it
   * with the signal's reason and closes the interpreter: JavaScript cannot interrupt running code
   * any other way, so the interpreter's worker is terminated (its other work rejects too).
   */
  readonly signal?: AbortSignal;
}

/** The return type of calling F in another interpreter. */
export type CallResult<F> = F extends (...args: never[]) => infer R ? Awaited<R> : unknown;
type Callable = AnyFunction | ModuleTask;
type ArgsOf<F> = F extends ModuleTask<infer G> ? Parameters<G> : F extends AnyFunction ? Parameters<F> : never;
type ResultOf<F> = F extends ModuleTask<infer G> ? CallResult<G> : CallResult<F>;

const constructing = Symbol('Interpreter.construct');
/** @internal registry.ts makes interpreters with this token. */
export const INTERPRETER_TOKEN = constructing;

function isDetached(buffer: ArrayBuffer): boolean {
  const detached = (buffer as { detached?: boolean }).detached;
  if (typeof detached === 'boolean') return detached;
  if (buffer.byteLength > 0) return false;
  try {
    structuredClone(buffer);
    return false;
  } catch {
    return true;
  }
}

function checkTransfer(transfer: unknown): Transferable[] {
  if (transfer === undefined) return [];
  if (!Array.isArray(transfer)) throw new TypeError(`callWith(): transfer must be an array of ArrayBuffers, got ${typeof transfer}`);
  transfer.forEach((item: unknown, i) => {
    if (item instanceof SharedArrayBuffer) {
      throw new TypeError(
        `callWith(): transfer[${i}] is a SharedArrayBuffer; it is shared with the interpreter as it is, so leave it out of transfer`,
      );
    }
    if (!(item instanceof ArrayBuffer) && !(item instanceof MessagePort)) {
      const hint = ArrayBuffer.isView(item) ? ` (for a ${item.constructor.name}, transfer its .buffer)` : '';
      throw new TypeError(
        `callWith(): transfer[${i}] must be an ArrayBuffer or MessagePort, got ${Object.prototype.toString.call(item).slice(8, -1)}${hint}`,
      );
    }
    // Node drops a message whose transfer list holds a detached buffer without a word, so the call would never settle.
    if (item instanceof ArrayBuffer && isDetached(item)) {
      throw notShareable(`transfer[${i}]`, 'the ArrayBuffer is detached (already transferred elsewhere), so there is nothing to send');
    }
  });
  return transfer as Transferable[];
}

/**
 * An isolated interpreter: a worker thread with its own V8 heap and globals (its "main"
 * namespace). Code and data cross by copy, except SharedArrayBuffers and Queues, which are shared.
 * One object per id per thread; get them from create(), getCurrent(), getMain() or listAll().
 * @example
 * import { create } from 'ts314/interpreters';
 * await using interp = create();
 * await interp.exec('console.log("hello from interpreter")');
 * console.log(await interp.call((n: number) => n * n, 5)); // 25
 */
export class Interpreter {
  /** Process-unique; the worker's threadId (0 is the main thread, as Python's main interpreter is 0). */
  readonly id: number;
  readonly whence: Whence;
  readonly #link: WorkerLink | undefined;

  /** @internal Use create(). */
  constructor(token: symbol, id: number, whence: Whence, link?: WorkerLink) {
    if (token !== constructing) throw new TypeError('Interpreter: use create() to make an interpreter');
    this.id = id;
    this.whence = whence;
    this.#link = link;
  }

  /**
   * Whether code is running in it now: for an interpreter made here, whether an exec()/call() is in
   * flight; the current interpreter is always running (it is running this code); others report true
   * while their thread is alive, since their state cannot be seen from here.
   */
  isRunning(): boolean {
    if (this.#link) return this.#link.alive && this.#link.busy;
    return true;
  }

  /**
   * Binds names in the interpreter's global namespace (Python's `prepare_main`). Values must be
   * shareable; Queues and SharedArrayBuffers arrive as the same objects, everything else as copies.
   * @example
   * await interp.prepareMain({ limit: 10, results: queue });
   * await interp.exec('results.putNowait(limit * 2)');
   */
  async prepareMain(ns: Record<string, unknown>): Promise<void> {
    const link = this.#usable('prepareMain()');
    if (typeof ns !== 'object' || ns === null || Array.isArray(ns)) {
      throw new TypeError(
        `${this}.prepareMain(): expected an object of names to bind, got ${ns === null ? 'null' : Array.isArray(ns) ? 'an array' : typeof ns}`,
      );
    }
    for (const key of Object.keys(ns)) {
      if (!/^[A-Za-z_$][\w$]*$/.test(key))
        throw new TypeError(`${this}.prepareMain(): ${JSON.stringify(key)} is not a valid JavaScript identifier`);
      checkShareable(ns[key], `ns.${key}`);
    }
    const encoded = encodeValue({ ...ns }, 'ns');
    await this.#settle(link.request((id) => ({ t: 'prepare', id, ns: encoded }), 'prepareMain()'));
  }

  /**
   * Runs `code` as a script in the interpreter's global namespace (Python's `exec`): top-level
   * declarations persist for later exec() and call(). If the script's completion value is a promise
   * it is awaited. Rejects with ExecutionFailed when the code throws.
   * @example
   * await interp.exec('var total = 0; for (let i = 1; i <= 10; i++) total += i;');
   * await interp.call(() => (globalThis as any).total); // 55
   */
  async exec(code: string): Promise<void> {
    const link = this.#usable('exec()');
    if (typeof code !== 'string')
      throw new TypeError(`${this}.exec(): code must be a string of JavaScript, got ${typeof code}; to run a function use call(fn)`);
    await this.#settle(link.request((id) => ({ t: 'exec', id, code }), 'exec()'));
  }

  /**
   * Calls `fn(...args)` in the interpreter and resolves with its (awaited) result. `fn` is a
   * self-contained function (sent by source: it may use its arguments and the interpreter's
   * globals, not variables from where it was written) or task(url, exportName) for module code.
   * Arguments must be shareable: NotShareableError names the offending path before anything is sent.
   * @example
   * await interp.call((a: number, b: number) => a + b, 2, 3);                   // 5
   * await interp.call(task(new URL('./work.js', import.meta.url), 'crunch'), 42);
   */
  call<F extends Callable>(fn: F, ...args: ArgsOf<F>): Promise<ResultOf<F>> {
    return this.callWith({}, fn, ...args);
  }

  /**
   * call() with options: `transfer` moves ArrayBuffers instead of copying them, `signal` aborts.
   * @example
   * const bytes = new Uint8Array(1 << 20);
   * await interp.callWith({ transfer: [bytes.buffer] }, (b: Uint8Array) => b.length, bytes);
   */
  async callWith<F extends Callable>(options: CallOptions, fn: F, ...args: ArgsOf<F>): Promise<ResultOf<F>> {
    checkOptionKeys(options, ['transfer', 'signal'], `${this}.callWith()`);
    const link = this.#usable('call()');
    const ref = toCallableRef(fn, `${this}.call()`);
    const encoded = encodeArgs(args);
    const transfer = checkTransfer(options?.transfer);
    const signal = options?.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError(`${this}.callWith(): signal must be an AbortSignal`);
    signal?.throwIfAborted();
    const sent = link.request(
      (id) => ({ t: 'call', id, ref, args: encoded }),
      ref.kind === 'source' ? `call(${ref.name})` : `call(task '${ref.exportName}')`,
      transfer,
    );
    if (!signal) return (await this.#settle(sent)) as ResultOf<F>;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        link.forget(sent.id);
        reject(signal.reason);
        void link.terminate(
          `a running ${ref.kind === 'source' ? ref.name : ref.exportName} call was aborted, and stopping the worker is the only way to interrupt running code`,
          'ERR_INTERPRETER_ABORTED',
          sent.id,
        );
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return (await Promise.race([this.#settle(sent), aborted])) as ResultOf<F>;
    } finally {
      signal.removeEventListener('abort', onAbort!);
    }
  }

  /**
   * Stops the interpreter and frees its worker. Python refuses to close a running interpreter; in
   * JavaScript nothing can block, so work still in flight rejects with InterpreterStoppedError
   * (code 'ERR_INTERPRETER_CLOSED') and the worker is terminated. Closing twice is harmless.
   * The main interpreter and the current one cannot be closed (InterpreterError), as in Python.
   */
  async close(): Promise<void> {
    if (!this.#link) {
      throw new InterpreterError(
        this.id === threadId
          ? `${this} is the current interpreter; it cannot close itself`
          : `${this} (whence '${this.whence}') was not created by this thread with create(), so it cannot be closed from here`,
      );
    }
    await this.#link.terminate('close() was called', 'ERR_INTERPRETER_CLOSED');
  }

  /** `await using interp = create()` closes it at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  toString(): string {
    return `Interpreter(${this.id})`;
  }

  [inspect.custom](): string {
    return `Interpreter(${this.id}, whence=${JSON.stringify(this.whence)})`;
  }

  #usable(what: string): WorkerLink {
    if (this.#link) return this.#link;
    if (this.id === threadId)
      throw new InterpreterError(
        `${this} is the current interpreter: it is already running this code, so ${what} cannot send it more. Run the code directly.`,
      );
    throw new InterpreterError(
      `${this} (whence '${this.whence}') was not created by this thread with create(), so ${what} cannot run code in it`,
    );
  }

  async #settle(sent: { id: number; reply: Promise<Reply> }): Promise<unknown> {
    const reply = await sent.reply;
    if (reply.ok) return (await decodeArgs(reply.value))[0];
    const cause = deserializeError(reply.error);
    if (reply.phase === 'result') {
      const path = reply.path ?? 'result';
      const reason = reply.error.message.startsWith(`${path} is not shareable: `)
        ? reply.error.message.slice(path.length + 19)
        : reply.error.message;
      throw notShareable(path, `the result cannot be sent back from ${this}: ${reason}`, { cause });
    }
    const excinfo = {
      type: reply.error.name,
      msg: reply.error.message,
      formatted: reply.error.stack ?? `${reply.error.name}: ${reply.error.message}`,
    };
    throw new ExecutionFailed(executionFailedMessage(excinfo), { excinfo, cause });
  }
}
