// Compile-time assertions for the type-level tests: an exact type equality tsc must prove.

/** true when A and B are the same type (not merely assignable either way; `any` equals only `any`). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`: `assertType<Equal<typeof x, number>>()`. */
export function assertType<T extends true>(): T | undefined {
  return undefined;
}
