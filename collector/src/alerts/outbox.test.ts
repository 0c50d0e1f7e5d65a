import { describe, expect, it } from 'vitest';
import { DELIVERY_ATTEMPTS, OUTBOX_MAX } from './constants.js';
import { type Attempt, claim, due, enqueue, settle } from './outbox.js';
import { initialState, statusOf } from './state.js';

const T0 = 1_764_086_400_000;
const firing = { state: 'firing' as const, value: 0, baseline: null, at: T0 };
const resolved = { state: 'resolved' as const, value: 3, baseline: null, at: T0 + 60_000 };
const failed: Attempt = { ok: false, retry: true, status: 500, error: 'HTTP 500' };
const delivered: Attempt = { ok: true, retry: false, status: 204, error: null };

describe('the outbox', () => {
  it('delivers oldest first, one attempt at a time', () => {
    let state = enqueue(initialState(), [firing, resolved], T0);
    expect(due(state, T0)?.id).toBe(`${T0}-firing`);
    // the resolution waits behind the firing
    expect(claim(state, `${T0 + 60_000}-resolved`, T0, T0 + 10_000)).toBeNull();
    state = claim(state, `${T0}-firing`, T0, T0 + 10_000) ?? state;
    expect(due(state, T0 + 1)).toBeUndefined(); // claimed: nobody else starts an attempt
    state = settle(state, `${T0}-firing`, delivered, T0 + 100) ?? state;
    expect(state.lastDelivery).toEqual({
      state: 'firing',
      at: T0 + 100,
      ok: true,
      attempts: 1,
      status: 204,
      error: null,
    });
    expect(due(state, T0 + 100)?.notification).toEqual(resolved);
  });

  it('retries with a growing wait, and gives up after the attempts: the rule shows failing', () => {
    let state = enqueue(initialState(), [firing], T0);
    let now = T0;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= DELIVERY_ATTEMPTS; attempt++) {
      const head = due(state, now);
      expect(head, `attempt ${attempt}`).toBeDefined();
      state = claim(state, head?.id ?? '', now, now + 10_000) ?? state;
      state = settle(state, head?.id ?? '', failed, now) ?? state;
      if (state.outbox[0]) {
        waits.push(state.outbox[0].nextAt - now);
        expect(due(state, now)).toBeUndefined();
        now = state.outbox[0].nextAt;
      }
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(state.outbox).toEqual([]);
    expect(statusOf({ ...state, lastAt: now }).state).toBe('failing');
    expect(state.lastDelivery).toMatchObject({ ok: false, attempts: 5, status: 500, error: 'HTTP 500' });
    // the next notification that gets through clears it
    state = enqueue(state, [resolved], now);
    state = claim(state, `${resolved.at}-resolved`, now, now + 10_000) ?? state;
    state = settle(state, `${resolved.at}-resolved`, delivered, now) ?? state;
    expect(state.failing).toBe(false);
  });

  it('does not retry what the receiver refused', () => {
    let state = enqueue(initialState(), [firing], T0);
    state = claim(state, `${T0}-firing`, T0, T0 + 10_000) ?? state;
    state =
      settle(state, `${T0}-firing`, { ok: false, retry: false, status: 404, error: 'HTTP 404' }, T0) ?? state;
    expect(state).toMatchObject({ outbox: [], failing: true });
  });

  it('keeps a bounded number waiting', () => {
    const many = Array.from({ length: OUTBOX_MAX + 3 }, (_, i) => ({ ...firing, at: T0 + i }));
    const state = enqueue(initialState(), many, T0);
    expect(state.outbox).toHaveLength(OUTBOX_MAX);
    expect(state.outbox[0].notification.at).toBe(T0 + 3);
    expect(state.failing).toBe(true);
  });
});
