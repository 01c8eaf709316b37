// CPython for the conformance tests: one way to find the interpreter, run it, and say clearly when it is missing.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The interpreter the conformance tests compare with: `$TS314_PYTHON` if set (e.g. a CPython 3.14
 * build), else `python3` on PATH (.ci/run installs Debian's).
 */
export const PYTHON = process.env.TS314_PYTHON || 'python3';

/** What to run: inline source (`python3 -c`) or a script file. */
export type PythonSource = { code: string } | { script: URL | string };

/**
 * Runs CPython with `stdin` as its input and returns its stdout. The locale is pinned (`LC_ALL=C`,
 * UTF-8 streams) so locale-aware formatting and the output encoding do not depend on the machine.
 * Throws when the interpreter is missing (saying how to get one) or exits with an error (with its stderr).
 * @example
 * const repr = runPython({ code: 'print(repr("it\'s"), end="")' });
 */
export function runPython(source: PythonSource, stdin = ''): string {
  const args = 'code' in source ? ['-c', source.code] : [source.script instanceof URL ? fileURLToPath(source.script) : source.script];
  const run = spawnSync(PYTHON, args, {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C', PYTHONIOENCODING: 'utf-8', PYTHONUTF8: '1' },
    maxBuffer: 64 * 2 ** 20,
  });
  if (run.error) {
    const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? `CPython is needed: this test compares ts314 with it, but '${PYTHON}' was not found. Install python3 (Debian: apt-get install python3; .ci/run does) or set TS314_PYTHON to an interpreter.`
        : `could not run '${PYTHON}': ${run.error.message}`,
      { cause: run.error },
    );
  }
  if (run.status !== 0)
    throw new Error(`${PYTHON} ${'code' in source ? '-c …' : args[0]} exited with ${run.status ?? run.signal}:\n${run.stderr}`);
  return run.stdout;
}

/** Sends `input` as JSON on stdin and parses the JSON CPython prints. */
export function runPythonJson<T>(source: PythonSource, input: unknown): T {
  return JSON.parse(runPython(source, JSON.stringify(input))) as T;
}
