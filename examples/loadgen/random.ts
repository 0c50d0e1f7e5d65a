/**
 * Seeded random numbers, so that a journey model or a whole run can be replayed (`--seed`).
 */

/** A source of uniform numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/** mulberry32: a tiny, fast generator with a 32-bit state; good enough to simulate shoppers. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `choices`, uniformly. */
export function pick<T>(random: Random, choices: readonly T[]): T {
  return choices[Math.floor(random() * choices.length)] as T;
}

/**
 * One key of `weights`, with probability proportional to its weight; keys with weight 0 never win.
 * @example weighted(random, { buy: 1, leave: 3 }) // 'leave' three times in four
 */
export function weighted<K extends string>(random: Random, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [key, weight] of entries) {
    if (weight <= 0) continue;
    roll -= weight;
    if (roll < 0) return key;
  }
  const last = entries.filter(([, weight]) => weight > 0).at(-1);
  if (!last) throw new Error('weighted() needs at least one positive weight');
  return last[0];
}
