// The one error type ts314/uuid throws: what was wrong with the input, with a stable code.
import { Ts314TypeError, type Ts314ErrorOptions } from '../internal/errors.js';

/** Stable machine-readable reasons, so callers can branch without parsing messages. */
export type UUIDErrorCode =
  | 'ERR_UUID_TYPE'
  | 'ERR_UUID_LENGTH'
  | 'ERR_UUID_CHARACTER'
  | 'ERR_UUID_FORMAT'
  | 'ERR_UUID_RANGE'
  | 'ERR_UUID_VERSION'
  | 'ERR_UUID_OPTION';

/**
 * Bad input to a UUID constructor or generator (Python raises ValueError/TypeError for the same cases).
 * `position` is the 0-based index of the offending character when a string was parsed.
 * @example
 * try { new UUID('not-a-uuid'); } catch (e) { if (e instanceof UUIDError) console.log(e.code, e.message); }
 */
export class UUIDError extends Ts314TypeError<UUIDErrorCode> {
  static override readonly code: UUIDErrorCode = 'ERR_UUID_FORMAT';
  override name = 'UUIDError';
  /** Index of the offending character in a parsed string, else undefined. */
  declare readonly position: number | undefined;
  constructor(message: string, options?: Ts314ErrorOptions<UUIDErrorCode> & { position?: number | undefined }) {
    super(message, { position: undefined, ...options });
  }
}
