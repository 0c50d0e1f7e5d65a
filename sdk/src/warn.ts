/** Tells the shop's developer what went wrong, in the console; the page never sees an exception. */
export const warn = (message: unknown): void => console.warn('cartpulse:', message);
