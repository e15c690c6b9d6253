/**
 * What an admin answer looks like once it has crossed the wire. The admin route
 * serialises with `JSON.stringify` plus one rule (`jsonResponse` in
 * `lib/auth/admin-route.ts`): a `bigint` becomes a number when it is a safe integer and a
 * decimal string beyond (2^53 micro-dollars is about $9 billion; 2^53 pico-dollars about
 * $9,000), and a `Date` becomes its ISO 8601 string. Functions and `undefined` fields are
 * dropped. The dashboard's hooks type every answer as `Wire<...>` of the server function
 * that builds it, so a renamed field fails the type check instead of the page.
 */
export type Wire<T> = T extends bigint
  ? number | string
  : T extends Date
    ? string
    : T extends string | number | boolean | null | undefined
      ? T
      : T extends readonly (infer U)[]
        ? Wire<U>[]
        : T extends object
          ? {
              [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Wire<T[K]>;
            }
          : T;

/** The wire shape of what an async server function resolves to. */
export type WireOf<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;
