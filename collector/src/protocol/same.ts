/**
 * Compile-time proofs that two types describe the same JSON: a validating schema's inferred type and the
 * protocol's type, or a type the collector builds and the protocol's. `Same` is exact, deeper than
 * assignability both ways (which lets either side carry an optional field the other lacks): both are
 * first rewritten as plain object types, then compared for identity.
 */

/** The JSON shape of a type: interfaces, intersections and records as one object type, arrays mutable. */
type Plain<T> = T extends readonly (infer E)[]
  ? Plain<E>[]
  : T extends object
    ? { [K in keyof T]: Plain<T[K]> }
    : T;

/** `true` when `A` and `B` have the same fields, optionality and types, all the way down. */
export type Same<A, B> =
  (<T>() => T extends Plain<A> ? 1 : 2) extends <T>() => T extends Plain<B> ? 1 : 2 ? true : false;

/** Fails the typecheck unless its argument is `true`: `type Proofs = [Holds<Same<A, B>>]`. */
export type Holds<T extends true> = T;
