/**
 * Tells the shop's developer what went wrong, in the console; the page never sees an exception. Each call
 * carries terser's `@__INLINE__` annotation: a copy of the line at each call gzips smaller than a
 * function.
 */
export const warn = (message: unknown): void => console.warn('cartpulse:', message);
