// The package root: ts314 is used through one subpath per module, so importing the bare name says which to import.
import { Ts314Error } from './internal/errors.js';

/**
 * Every module, as `ts314/<subpath>`, with what it mirrors. There is deliberately no root that
 * re-exports them: an ES module namespace re-export loads every module it names, so `import { t }
 * from 'ts314'` would also load the worker pools, the three native compression addons and the
 * benchmark suite — several times the start-up cost of the one module wanted. Python has no
 * umbrella module either: `from concurrent.futures import …`, `from compression import …`.
 */
const SUBPATHS = [
  ['ts314/runtime', 'sys / feature flags'],
  ['ts314/interpreters', 'concurrent.interpreters'],
  ['ts314/futures', 'concurrent.futures'],
  ['ts314/distributed', 'the Executor API on many machines (BullMQ)'],
  ['ts314/threading', 'threading, free-threading'],
  ['ts314/templatelib', 'string.templatelib, t-strings'],
  ['ts314/compression', 'compression; each codec also as ts314/compression/<codec>'],
  ['ts314/uuid', 'uuid'],
  ['ts314/gc', 'gc'],
  ['ts314/random', "NumPy's seeded np.random"],
  ['ts314/asyncio', 'asyncio tasks, TaskGroup, call graphs; `ts314 ps` / `pstree`'],
  ['ts314/bench', 'benchmarks'],
  ['ts314/play', "the seed notebooks' demos"],
] as const;

throw new Ts314Error(
  `ts314 has no root entry: import the module you need, e.g. import { InterpreterPoolExecutor } from 'ts314/futures'. Modules: ${SUBPATHS.map(([path, what]) => `${path} (${what})`).join(', ')}.`,
  { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' },
);
