/**
 * Open-loop pacing: how many events are due is decided by the clock alone, never by how fast the
 * collector answers. A slow collector therefore sees requests pile up (and the latency percentiles
 * show it), instead of the generator quietly slowing down to match it ("coordinated omission").
 */

/** How often the generator wakes up to send what has become due. */
export const TICK_MS = 20;

/**
 * Events that should have been generated `elapsedMs` into a run at `rate` events per second, never more
 * than the whole run's share.
 * @example eventsDueBy({ rate: 2000, durationMs: 60_000 }, 1_500) // 3000
 */
export function eventsDueBy(pace: { rate: number; durationMs: number }, elapsedMs: number): number {
  const elapsed = Math.min(Math.max(elapsedMs, 0), pace.durationMs);
  return Math.floor((pace.rate * elapsed) / 1000);
}

/**
 * Splits `count` events into batches of at most `size`, as evenly as possible (so 25 events in batches
 * of 10 go out as 9 + 8 + 8, not 10 + 10 + 5).
 */
export function batchSizes(count: number, size: number): number[] {
  if (count <= 0) return [];
  const batches = Math.ceil(count / size);
  const base = Math.floor(count / batches);
  const extra = count % batches;
  return Array.from({ length: batches }, (_, i) => base + (i < extra ? 1 : 0));
}
