// The bootstrap each interpreter's worker runs: binds prepareMain() names, runs exec() code and call()s.
import { runInThisContext } from 'node:vm';
import { parentPort, threadId } from 'node:worker_threads';
import { explainOuterVariable, loadCallable, type CallableRef } from '../internal/callable.js';
import { serializeError } from '../internal/remote-error.js';
import { decodeArgs, encodeValue } from '../internal/wire.js';
import { NotShareableError } from './errors.js';
import type { Reply, Request } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('ts314/interpreters: worker-main runs only inside an interpreter worker');

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function fail(id: number, error: unknown, phase: 'run' | 'result' = 'run', path?: string): void {
  const reply: Reply = path === undefined ? { id, ok: false, error: serializeError(error), phase } : { id, ok: false, error: serializeError(error), phase, path };
  port!.postMessage(reply);
}

function succeed(id: number, value: unknown): void {
  let reply: Reply;
  try {
    reply = { id, ok: true, value: encodeValue(value, 'result') };
  } catch (error) {
    fail(id, error, error instanceof NotShareableError ? 'result' : 'run', error instanceof NotShareableError ? error.path : undefined);
    return;
  }
  try {
    port!.postMessage(reply);
  } catch (error) {
    // checkShareable passed but cloning still failed (e.g. a Blob's contents): report, never hang.
    fail(id, error, 'result', 'result');
  }
}

/** A .ts module that fails to load here fails for a reason the user can fix; say which. */
function explainLoadFailure(error: unknown, ref: CallableRef): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (ref.kind === 'module' && code === 'ERR_UNKNOWN_FILE_EXTENSION' && /\.[mc]?ts$/.test(new URL(ref.url).pathname)) {
    return new TypeError(
      `cannot load the TypeScript module ${ref.url} in Interpreter(${threadId}): this process has no TypeScript loader. ` +
        'Run it with tsx (node --import tsx app.ts), use a Node.js that strips types, or point task() at the compiled .js file.',
      { cause: error },
    );
  }
  return error;
}

/** Settles a call or exec whose work may finish later, applying `explain` to a failure. */
function finish(id: number, value: unknown, explain: (error: unknown) => unknown): void {
  if (!isThenable(value)) {
    succeed(id, value);
    return;
  }
  Promise.resolve(value).then(
    (result) => succeed(id, result),
    (error: unknown) => fail(id, explain(error)),
  );
}

/**
 * Starts one request. Requests start in the order they were sent (a prepareMain() binding is in
 * place before the exec() after it), but an async call does not hold up the ones behind it.
 */
async function start(request: Request): Promise<void> {
  switch (request.op) {
    case 'prepare': {
      try {
        const [ns] = await decodeArgs(request.ns);
        Object.assign(globalThis, ns as Record<string, unknown>);
        succeed(request.id, undefined);
      } catch (error) {
        fail(request.id, error);
      }
      return;
    }
    case 'exec': {
      let completion: unknown;
      try {
        completion = runInThisContext(request.code, { filename: `Interpreter(${threadId}) exec`, displayErrors: false });
      } catch (error) {
        fail(request.id, error);
        return;
      }
      finish(request.id, isThenable(completion) ? Promise.resolve(completion).then(() => undefined) : undefined, (error) => error);
      return;
    }
    case 'call': {
      const { ref } = request;
      let result: unknown;
      try {
        const fn = await loadCallable(ref).catch((error: unknown) => {
          throw explainLoadFailure(error, ref);
        });
        const args = await decodeArgs(request.args);
        result = fn(...args);
      } catch (error) {
        fail(request.id, explainOuterVariable(error, ref));
        return;
      }
      finish(request.id, result, (error) => explainOuterVariable(error, ref));
      return;
    }
  }
}

let order: Promise<void> = Promise.resolve();
port.on('message', (request: Request) => {
  // start() reports its own failures; this catch only keeps one broken request from stalling the rest.
  order = order.then(() => start(request)).catch((error: unknown) => fail(request.id, error));
});
