// An interpreter's worker side: binds prepareMain() names, runs exec() code and call()s, in the order sent.
import { runInThisContext } from 'node:vm';
import { serializeError, type SerializedError } from '../remote-error.js';
import { NotShareableError } from '../shareable.js';
import { isThenable } from '../thenable.js';
import { decodeArgs, encodeValue } from '../wire.js';
import type { FromWorker, Reply, Request, ToWorker, WorkerServiceLoop } from './protocol.js';
import { loadTask, taskFailure } from './task.js';

/** `where` names the interpreter in explanations and stack traces, e.g. 'Interpreter(3)'. */
export function startSession(post: (message: FromWorker) => void, where: string): WorkerServiceLoop {
  const reject = (id: number, error: SerializedError, phase: 'run' | 'result' = 'run', path?: string): void => {
    const reply: Reply =
      path === undefined ? { t: 'reply', id, ok: false, error, phase } : { t: 'reply', id, ok: false, error, phase, path };
    post(reply);
  };
  const fail = (id: number, error: unknown, phase: 'run' | 'result' = 'run', path?: string): void =>
    reject(id, serializeError(error), phase, path);

  const succeed = (id: number, value: unknown): void => {
    let reply: Reply;
    try {
      reply = { t: 'reply', id, ok: true, value: encodeValue(value, 'result') };
    } catch (error) {
      const notShareable = error instanceof NotShareableError;
      fail(id, error, notShareable ? 'result' : 'run', notShareable ? error.path : undefined);
      return;
    }
    try {
      post(reply);
    } catch (error) {
      // checkShareable passed but cloning still failed (e.g. a Blob's contents): report, never hang.
      fail(id, error, 'result', 'result');
    }
  };

  /** Settles a call or exec whose work may finish later; `explain` turns a failure into what travels back. */
  const finish = (id: number, value: unknown, explain: (error: unknown) => SerializedError): void => {
    if (!isThenable(value)) {
      succeed(id, value);
      return;
    }
    Promise.resolve(value).then(
      (result) => succeed(id, result),
      (error: unknown) => reject(id, explain(error)),
    );
  };

  /**
   * Starts one request. Requests start in the order they were sent (a prepareMain() binding is in
   * place before the exec() after it), but an async call does not hold up the ones behind it.
   */
  const start = async (request: Request): Promise<void> => {
    switch (request.t) {
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
          completion = runInThisContext(request.code, { filename: `${where} exec`, displayErrors: false });
        } catch (error) {
          fail(request.id, error);
          return;
        }
        finish(request.id, isThenable(completion) ? Promise.resolve(completion).then(() => undefined) : undefined, serializeError);
        return;
      }
      case 'call': {
        const { ref } = request;
        const explain = (error: unknown): SerializedError => taskFailure(error, ref);
        let result: unknown;
        try {
          const fn = await loadTask(ref, where);
          result = fn(...(await decodeArgs(request.args)));
        } catch (error) {
          reject(request.id, explain(error));
          return;
        }
        finish(request.id, result, explain);
        return;
      }
    }
  };

  let order: Promise<void> = Promise.resolve();
  return {
    onMessage(message: ToWorker): void {
      if (message.t !== 'prepare' && message.t !== 'exec' && message.t !== 'call') return;
      // start() reports its own failures; this catch only keeps one broken request from stalling the rest.
      order = order.then(() => start(message)).catch((error: unknown) => fail(message.id, error));
    },
    // Every reply is posted as soon as it is ready: nothing is buffered.
    flush(): void {},
  };
}
