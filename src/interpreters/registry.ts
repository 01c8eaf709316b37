// The interpreters this thread knows: create(), listAll(), getCurrent(), getMain().
import { isMainThread, threadId, type ResourceLimits } from 'node:worker_threads';
import { InvalidArgumentError, InvalidValueError } from '../internal/errors.js';
import { checkOptionKeys } from '../internal/validate.js';
import { bootData } from '../internal/worker/boot-data.js';
import { startServiceThread } from '../internal/worker/channel.js';
import { INTERPRETER_ROLE } from '../internal/worker/protocol.js';
import { Interpreter, INTERPRETER_TOKEN, type Whence } from './interpreter.js';
import { WorkerLink } from './worker-link.js';

/** Python's main interpreter has id 0; so does Node's main thread. */
const MAIN_ID = 0;

export interface CreateOptions {
  /** V8 heap limits for the interpreter's isolate; exceeding them stops it with ERR_WORKER_OUT_OF_MEMORY. */
  readonly resourceLimits?: ResourceLimits;
  /** A name for debugging tools (the worker's thread name where Node supports it). */
  readonly name?: string;
  /** The interpreter's process.env: a copy of this thread's by default. */
  readonly env?: Record<string, string>;
  /** Extra process.argv entries the interpreter sees. */
  readonly argv?: readonly string[];
  /** Node options for the interpreter; by default this thread's (so a TypeScript loader carries over). */
  readonly execArgv?: readonly string[];
}

const CREATE_OPTION_KEYS = ['resourceLimits', 'name', 'env', 'argv', 'execArgv'] as const;

/** One Interpreter object per id in this thread, as Python keeps one object per id. */
const known = new Map<number, Interpreter>();
/** Interpreters this thread created and has not seen stop, in creation order. */
const owned = new Map<number, Interpreter>();

function handleFor(id: number, whence: Whence): Interpreter {
  let interp = known.get(id);
  if (!interp) {
    interp = new Interpreter(INTERPRETER_TOKEN, id, whence);
    known.set(id, interp);
  }
  return interp;
}

function checkCreateOptions(options: CreateOptions | undefined): void {
  checkOptionKeys(options, CREATE_OPTION_KEYS, 'create()');
  if (!options) return;
  const { resourceLimits, name, env, argv, execArgv } = options;
  if (resourceLimits !== undefined) {
    checkOptionKeys(
      resourceLimits,
      ['maxOldGenerationSizeMb', 'maxYoungGenerationSizeMb', 'codeRangeSizeMb', 'stackSizeMb'],
      'create(): resourceLimits',
    );
    for (const [key, value] of Object.entries(resourceLimits)) {
      if (typeof value !== 'number')
        throw new InvalidArgumentError(`create(): resourceLimits.${key} must be a number of megabytes, got ${typeof value}`);
      if (!(value > 0)) throw new InvalidValueError(`create(): resourceLimits.${key} must be a positive number of megabytes, got ${value}`);
    }
  }
  if (name !== undefined && typeof name !== 'string') throw new InvalidArgumentError(`create(): name must be a string, got ${typeof name}`);
  if (env !== undefined && (typeof env !== 'object' || env === null))
    throw new InvalidArgumentError('create(): env must be an object of strings');
  for (const [label, list] of [
    ['argv', argv],
    ['execArgv', execArgv],
  ] as const) {
    if (list !== undefined && (!Array.isArray(list) || list.some((item) => typeof item !== 'string')))
      throw new InvalidArgumentError(`create(): ${label} must be an array of strings`);
  }
}

/**
 * Creates a new interpreter: a worker thread with its own V8 isolate, running ts314's bootstrap.
 * It starts at once; calls sent before it is ready wait for it. An idle interpreter does not keep
 * the process alive; close it (or `await using`) to free it sooner.
 * @example
 * import { create } from 'ts314/interpreters';
 * const interp = create({ resourceLimits: { maxOldGenerationSizeMb: 64 } });
 * console.log(String(interp), interp.whence); // Interpreter(1) _interpreters module
 * await interp.close();
 */
export function create(options?: CreateOptions): Interpreter {
  checkCreateOptions(options);
  const worker = startServiceThread(
    { service: 'session' },
    {
      role: INTERPRETER_ROLE,
      ...(options?.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
      ...(options?.name !== undefined ? { name: options.name } : {}),
      ...(options?.env ? { env: options.env } : {}),
      ...(options?.argv ? { argv: [...options.argv] } : {}),
      ...(options?.execArgv ? { execArgv: [...options.execArgv] } : {}),
    },
  );
  const id = worker.threadId;
  let interp: Interpreter | undefined;
  const link = new WorkerLink(worker, `Interpreter(${id})`, () => {
    if (owned.get(id) === interp) owned.delete(id);
    if (known.get(id) === interp) known.delete(id);
  });
  interp = new Interpreter(INTERPRETER_TOKEN, id, '_interpreters module', link);
  known.set(id, interp);
  owned.set(id, interp);
  return interp;
}

/**
 * The interpreter running this code: id 0 and whence 'runtime init' on the main thread; inside an
 * interpreter made by create(), that interpreter's id with whence '_interpreters module'.
 * @example
 * await interp.call(task(new URL('./who.js', import.meta.url), 'whoAmI')); // inside: getCurrent().id === interp.id
 */
export function getCurrent(): Interpreter {
  if (isMainThread) return getMain();
  return handleFor(threadId, bootData()?.role === INTERPRETER_ROLE ? '_interpreters module' : 'unknown');
}

/**
 * The main interpreter (the process's main thread, id 0).
 * @example
 * getMain().id; // 0
 */
export function getMain(): Interpreter {
  return handleFor(MAIN_ID, 'runtime init');
}

/**
 * The interpreters visible from here: the main one, the current one, and every interpreter this
 * thread created that has not stopped, in creation order. Interpreters created inside other
 * interpreters are listed there, not here (each thread keeps its own table).
 * @example
 * listAll().map(String); // ['Interpreter(0)', 'Interpreter(1)']
 */
export function listAll(): Interpreter[] {
  const all = [getMain()];
  if (!isMainThread) all.push(getCurrent());
  for (const interp of owned.values()) all.push(interp);
  return all;
}
