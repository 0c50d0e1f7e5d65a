/** Test helper: timers driven by hand (`advance`), so time-based behaviour is tested without waiting. */
import type { Timers } from '../live.js';

export interface ManualTimers extends Timers {
  /** Moves the clock forward, running every timer that falls due, in order. */
  advance(ms: number): Promise<void>;
  pending(): number;
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export function manualTimers(start = 1_000_000): ManualTimers {
  let now = start;
  let nextId = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    setTimeout(run, ms) {
      const id = nextId++;
      due.set(id, { at: now + Math.max(0, ms), run });
      return id;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    pending: () => due.size,
    async advance(ms) {
      const end = now + ms;
      await settle();
      for (;;) {
        let first: [number, { at: number; run: () => void }] | undefined;
        for (const entry of due)
          if (entry[1].at <= end && (!first || entry[1].at < first[1].at)) first = entry;
        if (!first) break;
        due.delete(first[0]);
        now = first[1].at;
        first[1].run();
        await settle();
      }
      now = end;
    },
  };
}
