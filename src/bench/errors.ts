// The typed errors of ts314/bench: bad definitions, unreadable benchmark or result files, and time-outs.

/** A benchmark definition that cannot run: a missing name or fn, an unknown key, a bad number. */
export class BenchDefinitionError extends TypeError {
  override name = 'BenchDefinitionError';
}

/** A benchmark file (`*.bench.ts`) that cannot be read, imported, or that exports no benchmark. */
export class BenchFileError extends Error {
  override name = 'BenchFileError';
  /** The file, as given. */
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.file = file;
  }
}

/**
 * A results file (or object) that is not a valid BenchRun: bad JSON, an unknown schema version, or a
 * field of the wrong type. `path` names the first bad field, e.g. `results[3].stats.mean`.
 */
export class BenchSchemaError extends Error {
  override name = 'BenchSchemaError';
  /** The file the run came from, or a label such as `runs[1]`. */
  readonly file: string;
  /** The JSON path of the first bad field ('' for the whole document). */
  readonly path: string;
  constructor(file: string, path: string, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${path ? `${path}: ` : ''}${problem}`, options);
    this.file = file;
    this.path = path;
  }
}

/** A benchmark that exceeded its hard time cap inside a single call (an await that never settles). */
export class BenchTimeoutError extends Error {
  override name = 'BenchTimeoutError';
}
