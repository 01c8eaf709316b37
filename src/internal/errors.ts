// The one shape of every ts314 error: `new SomeError(message, { code, cause, ...fields })`, with a stable ERR_* code.

/**
 * The code style of every ts314 error, the one Node uses for its own (`ERR_INVALID_ARG_TYPE`):
 * `ERR_` then upper-case words joined by `_`. A code never changes once published, so programs can
 * `switch (error.code)` over ts314's and Node's codes alike.
 */
export type ErrorCode = `ERR_${string}`;

/** What {@link ErrorCode} looks like, for tests and assertions. */
export const ERROR_CODE_PATTERN = /^ERR_[A-Z0-9]+(?:_[A-Z0-9]+)*$/;

/**
 * The second constructor argument of every ts314 error: the reason `code` (each class has a default),
 * the `cause`, and the class's own fields (`deadOwner`, `path`, `index` …), which become own
 * properties and so cross worker and process boundaries with the error.
 */
export interface Ts314ErrorOptions<C extends ErrorCode = ErrorCode> {
  readonly code?: C;
  readonly cause?: unknown;
}

/** Constructors of the built-in errors a ts314 error may extend (Error, TypeError, SyntaxError …). */
// biome-ignore lint/suspicious/noExplicitAny: TypeScript requires a mixin's base constructor to take `any[]`
type BuiltinError = new (...args: any[]) => Error;

/**
 * Gives a built-in error class the ts314 constructor shape. Every class that uses it declares
 * `static readonly code` (its default code); its own fields are declared with `declare readonly`,
 * because this constructor assigns them from the options and an initialised class field would
 * overwrite them afterwards.
 */
function withTs314Shape<B extends BuiltinError>(Base: B) {
  return class Ts314Shaped extends Base {
    /** The default code of errors of this class, used when the options give none. */
    static readonly code: ErrorCode = 'ERR_TS314';
    /** Stable reason; see each class for the codes it uses. */
    readonly code: ErrorCode;
    // biome-ignore lint/suspicious/noExplicitAny: a mixin's constructor must take `any[]`; the public classes below narrow it to (message, options)
    constructor(...args: any[]) {
      const [message, options = {}] = args as [string, (Ts314ErrorOptions & Record<string, unknown>) | undefined];
      const { code, cause, ...fields } = options;
      super(message, cause !== undefined ? { cause } : undefined);
      this.code = code ?? (new.target as unknown as { code: ErrorCode }).code;
      Object.assign(this, fields);
    }
  };
}

/**
 * Base of the ts314 errors that have no built-in counterpart; `C` narrows `code` to the module's codes.
 * @example
 * class BrokenThingError extends Ts314Error<'ERR_THING_BROKEN'> {
 *   static override readonly code = 'ERR_THING_BROKEN';
 *   override name = 'BrokenThingError';
 *   declare readonly thing: string;
 *   constructor(message: string, options: Ts314ErrorOptions & { thing: string }) { super(message, options); }
 * }
 */
export class Ts314Error<C extends ErrorCode = ErrorCode> extends withTs314Shape(Error) {
  declare readonly code: C;
  constructor(message: string, options?: Ts314ErrorOptions<C>) {
    super(message, options);
  }
}

/** Base of ts314 errors that are also TypeErrors (a value of the wrong kind), so `instanceof TypeError` holds. */
export class Ts314TypeError<C extends ErrorCode = ErrorCode> extends withTs314Shape(TypeError) {
  declare readonly code: C;
  constructor(message: string, options?: Ts314ErrorOptions<C>) {
    super(message, options);
  }
}

/** Base of ts314 errors that are also RangeErrors (a value of the right kind outside what is allowed). */
export class Ts314RangeError<C extends ErrorCode = ErrorCode> extends withTs314Shape(RangeError) {
  declare readonly code: C;
  constructor(message: string, options?: Ts314ErrorOptions<C>) {
    super(message, options);
  }
}

/** Base of ts314 errors that are also SyntaxErrors (text that does not parse). */
export class Ts314SyntaxError<C extends ErrorCode = ErrorCode> extends withTs314Shape(SyntaxError) {
  declare readonly code: C;
  constructor(message: string, options?: Ts314ErrorOptions<C>) {
    super(message, options);
  }
}

/** Base of ts314 errors that are also ReferenceErrors (a name that is not defined). */
export class Ts314ReferenceError<C extends ErrorCode = ErrorCode> extends withTs314Shape(ReferenceError) {
  declare readonly code: C;
  constructor(message: string, options?: Ts314ErrorOptions<C>) {
    super(message, options);
  }
}

/**
 * A class whose instances a validator may throw: the ts314 shape, `new E(message, { code })`. The
 * options are typed `never` so that any module's class fits, whatever codes it narrows them to.
 */
export type ErrorClass = new (message: string, options?: never) => Error;

/**
 * A bad argument or option (Python's `TypeError`/`ValueError`): an unknown option key, a negative
 * timeout, a count that is not a whole number. Modules that have no bad-argument class of their own
 * re-export this one; it stays a TypeError, as those modules threw before.
 */
export class InvalidArgumentError extends Ts314TypeError {
  static override readonly code: ErrorCode = 'ERR_INVALID_ARGUMENT';
  override name = 'InvalidArgumentError';
}

/**
 * A value of the right kind outside what is allowed (Python's `ValueError`): `maxWorkers: 0`, a
 * compression level of 42, a queue capacity too small to hold anything. A RangeError, as those
 * modules threw before; wrong kinds of value stay `InvalidArgumentError`s (TypeErrors).
 */
export class InvalidValueError extends Ts314RangeError {
  static override readonly code: ErrorCode = 'ERR_OUT_OF_RANGE';
  override name = 'InvalidValueError';
}
