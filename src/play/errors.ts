// The typed errors of ts314/play: a play JSON document that cannot be read.
import { Ts314Error, type Ts314ErrorOptions } from '../internal/errors.js';

/** Stable codes of ts314/play errors. */
export type PlayErrorCode = 'ERR_PLAY_SCHEMA';

/**
 * A document that is not a valid PlayRun: bad JSON, an unknown schema version, or a field of the
 * wrong type. `path` names the first bad field, e.g. `demos[2].result.demo`.
 */
export class PlaySchemaError extends Ts314Error<PlayErrorCode> {
  static override readonly code: PlayErrorCode = 'ERR_PLAY_SCHEMA';
  override name = 'PlaySchemaError';
  /** The JSON path of the first bad field ('' for the whole document). */
  declare readonly path: string;
  constructor(message: string, options?: Ts314ErrorOptions<PlayErrorCode> & { path?: string }) {
    super(options?.path ? `${options.path}: ${message}` : message, { path: '', ...options });
  }
}
