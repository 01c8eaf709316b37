// Whether a value is awaitable: the one test that decides if a call's result must be awaited.

/**
 * Promises/A+'s "thenable": any object or function with a callable `then`. Checked instead of
 * `instanceof Promise` so results from other realms (a vm context, another library's promises) are awaited too.
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}
