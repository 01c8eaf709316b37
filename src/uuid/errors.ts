// The one error type ts314/uuid throws: what was wrong with the input, with a stable code.

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
export class UUIDError extends TypeError {
  override name = 'UUIDError';
  readonly code: UUIDErrorCode;
  readonly position: number | undefined;

  constructor(message: string, code: UUIDErrorCode, options: { position?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.position = options.position;
  }
}
