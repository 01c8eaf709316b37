// The bootstrap each interpreter's worker runs: binds prepareMain() names, runs exec() code and call()s.
import { runInThisContext } from 'node:vm';
import { parentPort, threadId } from 'node:worker_threads';
import { explainOuterVariable } from '../internal/callable.js';
import { serializeError } from '../internal/remote-error.js';
import { isThenable } from '../internal/thenable.js';
import { decodeArgs, encodeValue } from '../internal/wire.js';
import { loadTask } from '../internal/worker/load-task.js';
import { NotShareableError } from './errors.js';
import type { Reply, Request } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('ts314/interpreters: worker-main runs only inside an interpreter worker');

function fail(id: number, error: unknown, phase: 'run' | 'result' = 'run', path?: string): void {
  const reply: Reply =
    path === undefined
      ? { id, ok: false, error: serializeError(error), phase }
      : { id, ok: false, error: serializeError(error), phase, path };
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
        const fn = await loadTask(ref, `Interpreter(${threadId})`);
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
