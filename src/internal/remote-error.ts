// Errors cross worker and process boundaries intact: name, message, stack, code, cause and own fields.

/** A plain-data image of an error, safe for postMessage and for child-process IPC. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  readonly code: unknown;
  readonly cause: SerializedError | { readonly value: unknown } | undefined;
  /** Other own enumerable fields (errno, path, …) that survived cloning. */
  readonly fields: Record<string, unknown>;
  /** false when something that is not an Error was thrown (`throw 'text'`). */
  readonly isError: boolean;
}

const BUILTIN_ERRORS: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

function cloneable(value: unknown): unknown {
  if (value === null || ['string', 'number', 'boolean', 'bigint', 'undefined'].includes(typeof value)) return value;
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}

/** Captures everything a user may inspect on the other side. Depth-limited so a cause cycle cannot hang. */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) {
    return {
      name: 'Error',
      message: typeof error === 'string' ? error : `non-Error value thrown: ${safeString(error)}`,
      stack: undefined,
      code: undefined,
      cause: { value: cloneable(error) },
      fields: {},
      isError: false,
    };
  }
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(error)) {
    if (['name', 'message', 'stack', 'code', 'cause'].includes(key)) continue;
    fields[key] = cloneable((error as unknown as Record<string, unknown>)[key]);
  }
  let cause: SerializedError['cause'];
  if ('cause' in error && error.cause !== undefined) {
    cause = error.cause instanceof Error && depth < 8 ? serializeError(error.cause, depth + 1) : { value: cloneable(error.cause) };
  }
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    code: cloneable((error as { code?: unknown }).code),
    cause,
    fields,
    isError: true,
  };
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Rebuilds the error: a built-in class when the name is one (so `instanceof RangeError` holds),
 * otherwise an Error whose `name` is the original class name.
 */
export function deserializeError(serialized: SerializedError): Error {
  const Ctor = BUILTIN_ERRORS[serialized.name] ?? Error;
  const error = new Ctor(serialized.message);
  if (error.name !== serialized.name) {
    Object.defineProperty(error, 'name', { value: serialized.name, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(error, 'stack', {
    value: serialized.stack ?? `${serialized.name}: ${serialized.message}`,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  if (serialized.code !== undefined) (error as { code?: unknown }).code = serialized.code;
  if (serialized.cause !== undefined) {
    const cause = 'value' in serialized.cause ? serialized.cause.value : deserializeError(serialized.cause);
    Object.defineProperty(error, 'cause', { value: cause, writable: true, configurable: true, enumerable: false });
  }
  Object.assign(error, serialized.fields);
  return error;
}
