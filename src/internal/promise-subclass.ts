// What a Promise subclass with settle methods of its own (a Future) needs from its constructor: the resolving functions.

type Resolve = (value: unknown) => void;
type Reject = (error: unknown) => void;

let lastResolve: Resolve | undefined;
let lastReject: Reject | undefined;

/**
 * The executor to hand `super()`: one shared function rather than a closure per promise. Read the
 * functions it kept with {@link keptResolve} and {@link keptReject} right after `super()` returns.
 */
export function keepResolvers(resolve: Resolve, reject: Reject): void {
  lastResolve = resolve;
  lastReject = reject;
}

export function keptResolve(): Resolve {
  return lastResolve!;
}

export function keptReject(): Reject {
  return lastReject!;
}

/** Marks a promise handled, so a rejection nobody awaits raises no unhandled rejection. */
export function markHandled(promise: Promise<unknown>): void {
  promise.then(undefined, ignore);
}

const ignore = (): void => {};

/**
 * Makes `await`, `Promise.resolve()` and `Promise.all` take instances of `subclass` as they are:
 * V8 adopts a promise without a wrapper and an extra turn only when its `constructor` is `Promise`.
 */
export function adoptAsNativePromise(subclass: { prototype: object }): void {
  Object.defineProperty(subclass.prototype, 'constructor', { value: Promise, writable: true, configurable: true });
}
