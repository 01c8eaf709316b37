// Benchmark files (`ts314 bench ./my.bench.ts`): import a .js/.ts file and collect the benchmarks it exports.
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closestMatch } from '../internal/did-you-mean.js';
import { features } from '../runtime/index.js';
import { defineBench, isDefinedBench } from './define-bench.js';
import type { BenchDefinition } from './definition.js';
import { BenchFileError } from './errors.js';

const JS_EXTENSIONS = ['.js', '.mjs', '.cjs'];
const TS_EXTENSIONS = ['.ts', '.mts', '.cts'];

/**
 * Import failures that mean "this runtime cannot load TypeScript the way the file is written" rather
 * than "the file is broken": Node without type stripping, syntax stripping cannot erase (enums,
 * parameter properties), or a `./x.js` import of a `./x.ts` file (which only a loader maps).
 * These happen while loading and linking, before any of the file's code runs, so retrying is safe.
 */
const NEEDS_LOADER = new Set([
  'ERR_UNKNOWN_FILE_EXTENSION',
  'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX',
  'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING',
  'ERR_MODULE_NOT_FOUND',
]);

type TsImport = (specifier: string, parent: string) => Promise<Record<string, unknown>>;

/** Where a package's exports map sends `import 'tsx/esm/api'` (read by hand: require.resolve would pick the CommonJS build). */
function esmEntry(packageJsonPath: string, subpath: string): string | undefined {
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { exports?: Record<string, unknown> };
  let target: unknown = pkg.exports?.[subpath];
  while (target && typeof target === 'object') {
    const conditions = target as Record<string, unknown>;
    target = conditions.import ?? conditions.default;
  }
  return typeof target === 'string' ? join(dirname(packageJsonPath), target) : undefined;
}

/** tsx's scoped importer, from the benchmark file's folder, the working directory, or ts314's own dependencies. */
async function findTsx(file: string): Promise<TsImport | undefined> {
  const candidates: (() => Promise<unknown>)[] = [join(dirname(file), 'noop.js'), join(process.cwd(), 'noop.js')].map(
    (base) => async () => {
      const entry = esmEntry(createRequire(base).resolve('tsx/package.json'), './esm/api');
      return entry ? import(pathToFileURL(entry).href) : undefined;
    },
  );
  const own = 'tsx/esm/api';
  candidates.push(() => import(own));
  for (const load of candidates) {
    try {
      const api = (await load()) as { tsImport?: TsImport } | undefined;
      if (typeof api?.tsImport === 'function') return api.tsImport;
    } catch {
      // Not installed there: try the next place.
    }
  }
  return undefined;
}

function checkReadable(given: string, file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    let hint = '';
    if (code === 'ENOENT') {
      try {
        const siblings = readdirSync(dirname(file));
        const guess = closestMatch(basename(file), siblings);
        if (guess) hint = ` Did you mean '${join(dirname(given), guess)}'?`;
      } catch {
        // The folder itself is missing: the message already says so.
      }
    }
    throw new BenchFileError(
      `cannot read the benchmark file (${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)}).${hint}`,
      { file: given, cause: error },
    );
  }
  if (statSync(file).isDirectory())
    throw new BenchFileError('is a directory: give the benchmark files themselves, e.g. bench/*.bench.ts', { file: given });
}

async function importFile(given: string, file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  const ext = extname(file).toLowerCase();
  if (JS_EXTENSIONS.includes(ext)) return (await import(url)) as Record<string, unknown>;
  if (!TS_EXTENSIONS.includes(ext)) {
    throw new BenchFileError(
      `is not a benchmark module: expected one of ${[...JS_EXTENSIONS, ...TS_EXTENSIONS].join(' ')}, got '${ext || '(no extension)'}'`,
      { file: given },
    );
  }
  // Node's own type stripping (or a loader already registered, e.g. `node --import tsx`) first.
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code || !NEEDS_LOADER.has(code)) throw error;
    const tsImport = await findTsx(file);
    if (!tsImport) {
      const stripping = features().typeStripping;
      const why = stripping.available
        ? `Node's type stripping (${stripping.detail}) could not load it (${code}: ${(error as Error).message.split('\n')[0]})`
        : 'this Node has no TypeScript type stripping';
      throw new BenchFileError(
        `${why}, and the tsx package was not found. Install it (npm install --save-dev tsx), or compile the file to .js.`,
        { file: given, cause: error },
      );
    }
    return tsImport(url, import.meta.url);
  }
}

function describeExports(module: Record<string, unknown>): string {
  const names = Object.keys(module);
  return names.length === 0 ? 'it has no exports' : `its exports: ${names.join(', ')}`;
}

/**
 * Imports one benchmark file and returns its benchmarks: the default export (a definition or an
 * array of them; plain objects are checked with defineBench) followed by every named export made
 * with defineBench (or an array of such), in the module's export order (alphabetical for ESM); each
 * benchmark once. `.ts` files load with Node's type stripping when it has it, else with tsx.
 * @example
 * const benches = await loadBenchFile('./bench/json.bench.ts');
 */
export async function loadBenchFile(given: string): Promise<BenchDefinition[]> {
  const file = resolve(given);
  checkReadable(given, file);
  let module: Record<string, unknown>;
  try {
    module = await importFile(given, file);
  } catch (error) {
    if (error instanceof BenchFileError) throw error;
    throw new BenchFileError(`failed to load: ${(error as Error)?.message ?? String(error)}`, { file: given, cause: error });
  }
  const found: BenchDefinition[] = [];
  const seen = new Set<unknown>();
  const add = (value: unknown, where: string) => {
    if (seen.has(value)) return;
    seen.add(value);
    try {
      found.push(isDefinedBench(value) ? value : (defineBench(value as BenchDefinition) as BenchDefinition));
    } catch (error) {
      throw new BenchFileError(`${where}: ${(error as Error).message}`, { file: given, cause: error });
    }
  };
  let main = module.default;
  let named: Record<string, unknown> = module;
  if (
    main !== null &&
    typeof main === 'object' &&
    !Array.isArray(main) &&
    !('fn' in main) &&
    typeof (main as { name?: unknown }).name !== 'string'
  ) {
    // A CommonJS module (or TypeScript compiled to one) arrives as the default export: its own
    // `default` (from `export default`) and its other properties are the exports.
    const cjs = main as Record<string, unknown>;
    main = cjs.default;
    named = { ...module, ...cjs };
  }
  if (Array.isArray(main)) for (const [i, value] of main.entries()) add(value, `default export[${i}]`);
  else if (main !== undefined && main !== null && typeof main === 'object') add(main, 'default export');
  else if (main !== undefined) {
    throw new BenchFileError(
      `default export: expected a benchmark definition or an array of them, got ${main === null ? 'null' : typeof main}`,
      { file: given },
    );
  }
  for (const [name, value] of Object.entries(named)) {
    if (name === 'default' || name === '__esModule') continue;
    if (isDefinedBench(value)) add(value, `export '${name}'`);
    else if (Array.isArray(value) && value.length > 0 && value.every(isDefinedBench))
      for (const [i, v] of value.entries()) add(v, `export '${name}'[${i}]`);
  }
  if (found.length === 0) {
    throw new BenchFileError(
      `exports no benchmark (${describeExports(module)}). Export \`default defineBench({ name, fn })\` or an array of them, or named exports made with defineBench from 'ts314/bench'.`,
      { file: given },
    );
  }
  return found;
}
