import { describe, expect, it } from 'vitest';
import { manualTimers, settle } from './testing/manual-timers.js';
import { startPolling } from './use-polling.js';

/** A fetch whose answers are released by hand, to stop the polling while one is in flight. */
function deferred<T>() {
  let release!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

describe('startPolling', () => {
  it('fetches at once, then again the delay `apply` answers after each round', async () => {
    const timers = manualTimers();
    const fetchedAt: number[] = [];
    const applied: number[] = [];
    startPolling({
      timers,
      fetch: async () => {
        fetchedAt.push(timers.now());
        return fetchedAt.length;
      },
      apply: (round) => {
        applied.push(round);
        return round === 1 ? 5_000 : 60_000;
      },
    });
    await settle();
    expect(applied).toEqual([1]);
    await timers.advance(4_999);
    expect(applied).toEqual([1]);
    await timers.advance(1);
    await timers.advance(60_000);
    expect(applied).toEqual([1, 2, 3]);
    expect(fetchedAt.map((at) => at - fetchedAt[0])).toEqual([0, 5_000, 65_000]);
  });

  it('stops when `apply` answers null', async () => {
    const timers = manualTimers();
    let rounds = 0;
    startPolling({ timers, fetch: async () => ++rounds, apply: (round) => (round < 2 ? 1_000 : null) });
    await timers.advance(10_000);
    expect(rounds).toBe(2);
    expect(timers.pending()).toBe(0);
  });

  it('once stopped, clears the next round and discards the result of one in flight', async () => {
    const timers = manualTimers();
    const answers = [deferred<string>(), deferred<string>()];
    const applied: string[] = [];
    let fetches = 0;
    const stop = startPolling({
      timers,
      fetch: () => answers[fetches++].promise,
      apply: (result) => {
        applied.push(result);
        return 1_000;
      },
    });
    answers[0].release('first');
    await settle();
    expect(timers.pending()).toBe(1);
    await timers.advance(1_000);
    expect(fetches).toBe(2);
    stop();
    answers[1].release('late');
    await timers.advance(10_000);
    expect(applied).toEqual(['first']);
    expect(fetches).toBe(2);

    const idle = manualTimers();
    const stopWaiting = startPolling({ timers: idle, fetch: async () => 'x', apply: () => 1_000 });
    await settle();
    expect(idle.pending()).toBe(1);
    stopWaiting();
    expect(idle.pending()).toBe(0);
  });
});
