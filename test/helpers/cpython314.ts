// CPython 3.14 as a test oracle: the pyodide package (CPython 3.14 in WebAssembly), loaded once per test file, offline.
import { loadPyodide, type PyodideAPI } from 'pyodide';

/** One CPython 3.14 interpreter. Globals persist between calls, as in one Python session. */
export interface CPython314 {
  /** `sys.version`, e.g. '3.14.2 (main, …)'. */
  readonly version: string;
  /**
   * Runs `code` and returns what it printed to stdout. A Python exception is thrown as a JS Error
   * whose message is the Python traceback.
   */
  run(code: string): string;
  /**
   * Runs `code`, then returns `json.loads(json.dumps(<expression>))`: the value of `expression`
   * evaluated after `code`, through JSON (so tuples become arrays and dict keys strings).
   */
  json<T = unknown>(code: string, expression: string): T;
  /** Runs `code` on pyodide's asyncio event loop (top-level `await` allowed), whose last expression is a `json.dumps(…)`, and parses it. */
  jsonAsync<T = unknown>(code: string): Promise<T>;
  /** Binds JSON-compatible `value` to the Python global `name` (through json.loads: exact for strings, lists, dicts, ints). */
  set(name: string, value: unknown): void;
}

let shared: Promise<CPython314> | undefined;

/**
 * The CPython 3.14 of this test process, started on first use (about 3 s). It is 32-bit and
 * single-threaded and has no concurrent.interpreters; string.templatelib, uuid, compression.zstd
 * (libzstd 1.5.7) and traceback are all there.
 * @example
 * const py = await cpython314();
 * assert.equal(py.json('from string.templatelib import Template', 'list(t"a{1}b".strings)'), ['a', 'b']);
 */
export function cpython314(): Promise<CPython314> {
  shared ??= start();
  return shared;
}

async function start(): Promise<CPython314> {
  let out = '';
  const pyodide: PyodideAPI = await loadPyodide({
    stdout: (line) => {
      out += `${line}\n`;
    },
    stderr: () => {},
  });
  const version = pyodide.runPython('import sys, json; sys.version') as string;
  const run = (code: string): string => {
    out = '';
    pyodide.runPython(code);
    // pyodide delivers stdout line by line; flush a trailing partial line.
    pyodide.runPython('sys.stdout.flush()');
    return out;
  };
  return {
    version,
    run,
    json<T>(code: string, expression: string): T {
      pyodide.runPython(code);
      const text = pyodide.runPython(`json.dumps(${expression})`) as string;
      return JSON.parse(text) as T;
    },
    async jsonAsync<T>(code: string): Promise<T> {
      return JSON.parse((await pyodide.runPythonAsync(code)) as string) as T;
    },
    set(name: string, value: unknown): void {
      pyodide.globals.set('__ts314_json', JSON.stringify(value));
      pyodide.runPython(`${name} = json.loads(__ts314_json)`);
    },
  };
}
