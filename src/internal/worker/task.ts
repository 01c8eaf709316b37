// Running a task's callable in a worker: loading it, and failures explained in terms the user can act on.
import { explainOuterVariable, loadCallable, type AnyFunction, type CallableRef } from '../callable.js';
import { serializeError, type SerializedError } from '../remote-error.js';

/**
 * A .ts module that fails to load in a worker fails for a reason the user can fix (no TypeScript
 * loader in this process); say which, instead of Node's bare ERR_UNKNOWN_FILE_EXTENSION.
 * `where` names the worker, e.g. `Interpreter(3)` or `InterpreterPoolExecutor worker 4`.
 */
export function explainLoadFailure(error: unknown, ref: CallableRef, where: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (ref.kind === 'module' && code === 'ERR_UNKNOWN_FILE_EXTENSION' && /\.[mc]?ts$/.test(new URL(ref.url).pathname)) {
    return new TypeError(
      `cannot load the TypeScript module ${ref.url} in ${where}: this process has no TypeScript loader. ` +
        'Run it with tsx (node --import tsx app.ts), use a Node.js that strips types, or point task() at the compiled .js file.',
      { cause: error },
    );
  }
  return error;
}

/** Compiles or imports the callable (cached by loadCallable); a failure is rejected already explained. */
export async function loadTask(ref: CallableRef, where: string): Promise<AnyFunction> {
  try {
    return await loadCallable(ref);
  } catch (error) {
    throw explainLoadFailure(error, ref, where);
  }
}

/** A task's failure as it travels back to the caller: explained (a variable from outside a function sent by source), then serialized. */
export function taskFailure(error: unknown, ref: CallableRef | undefined): SerializedError {
  return serializeError(ref ? explainOuterVariable(error, ref) : error);
}
