// The typed errors of ts314/bench: bad definitions, unreadable benchmark or result files, and time-outs.
import { Ts314Error, Ts314TypeError, type Ts314ErrorOptions } from '../internal/errors.js';

/** Stable codes of ts314/bench errors. */
export type BenchErrorCode = 'ERR_BENCH_DEFINITION' | 'ERR_BENCH_FILE' | 'ERR_BENCH_SCHEMA' | 'ERR_BENCH_TIMEOUT';

/** A benchmark definition that cannot run: a missing name or fn, an unknown key, a bad number. */
export class BenchDefinitionError extends Ts314TypeError<BenchErrorCode> {
  static override readonly code: BenchErrorCode = 'ERR_BENCH_DEFINITION';
  override name = 'BenchDefinitionError';
}

/** A benchmark file (`*.bench.ts`) that cannot be read, imported, or that exports no benchmark. The message starts with the file. */
export class BenchFileError extends Ts314Error<BenchErrorCode> {
  static override readonly code: BenchErrorCode = 'ERR_BENCH_FILE';
  override name = 'BenchFileError';
  /** The file, as given. */
  declare readonly file: string;
  constructor(message: string, options?: Ts314ErrorOptions<BenchErrorCode> & { file?: string }) {
    super(options?.file === undefined ? message : `${options.file}: ${message}`, { file: '', ...options });
  }
}

/**
 * A results file (or object) that is not a valid BenchRun: bad JSON, an unknown schema version, or a
 * field of the wrong type. `path` names the first bad field, e.g. `results[3].stats.mean`.
 */
export class BenchSchemaError extends Ts314Error<BenchErrorCode> {
  static override readonly code: BenchErrorCode = 'ERR_BENCH_SCHEMA';
  override name = 'BenchSchemaError';
  /** The file the run came from, or a label such as `runs[1]`. */
  declare readonly file: string;
  /** The JSON path of the first bad field ('' for the whole document). */
  declare readonly path: string;
  constructor(message: string, options?: Ts314ErrorOptions<BenchErrorCode> & { file?: string; path?: string }) {
    const where = [options?.file, options?.path].filter((part) => part !== undefined && part !== '').join(': ');
    super(where === '' ? message : `${where}: ${message}`, { file: '', path: '', ...options });
  }
}

/** A benchmark that exceeded its hard time cap inside a single call (an await that never settles). */
export class BenchTimeoutError extends Ts314Error<BenchErrorCode> {
  static override readonly code: BenchErrorCode = 'ERR_BENCH_TIMEOUT';
  override name = 'BenchTimeoutError';
}
