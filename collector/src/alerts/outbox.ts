/**
 * A rule's outbox, pure: notifications wait in its state (in Redis) until delivered, oldest first, so a
 * restart or a change of evaluator loses none. An attempt is claimed in the state before it starts (no
 * second evaluator starts one meanwhile) and settled after: delivered, retried after a backoff, or given
 * up after `DELIVERY_ATTEMPTS` (the rule shows `failing` until a later notification gets through).
 */
import { DELIVERY_ATTEMPTS, OUTBOX_MAX, retryDelayMs } from './constants.js';
import type { Notification, Pending, RuleState } from './state.js';

/** How an attempt went. */
export interface Attempt {
  ok: boolean;
  /** Worth another attempt: a 5xx or 429, a network error, a timeout. */
  retry: boolean;
  status: number | null;
  error: string | null;
}

export function enqueue(state: RuleState, notifications: Notification[], now: number): RuleState {
  if (!notifications.length) return state;
  const added: Pending[] = notifications.map((notification) => ({
    id: `${notification.at}-${notification.state}`,
    notification,
    attempts: 0,
    nextAt: now,
    claimedUntil: 0,
  }));
  const outbox = [...state.outbox, ...added];
  // a receiver away for days: the oldest go first, counted as given up
  const dropped = outbox.length - OUTBOX_MAX;
  return dropped > 0 ? { ...state, outbox: outbox.slice(dropped), failing: true } : { ...state, outbox };
}

/** The notification to try now, if any: the oldest, once its backoff is over and nobody is trying it. */
export function due(state: RuleState, now: number): Pending | undefined {
  const head = state.outbox[0];
  return head && head.nextAt <= now && head.claimedUntil <= now ? head : undefined;
}

/** When the oldest notification may next be tried; undefined with none waiting. */
export const nextDueAt = (state: RuleState): number | undefined => {
  const head = state.outbox[0];
  return head && Math.max(head.nextAt, head.claimedUntil);
};

/** Marks an attempt as started, until `until`; null when that notification is not due any more. */
export function claim(state: RuleState, id: string, now: number, until: number): RuleState | null {
  const head = due(state, now);
  if (head?.id !== id) return null;
  return {
    ...state,
    outbox: [{ ...head, attempts: head.attempts + 1, claimedUntil: until }, ...state.outbox.slice(1)],
  };
}

/** Records how an attempt went; null when that notification is not waiting any more. */
export function settle(state: RuleState, id: string, attempt: Attempt, now: number): RuleState | null {
  const head = state.outbox[0];
  if (head?.id !== id) return null;
  const lastDelivery = {
    state: head.notification.state,
    at: now,
    ok: attempt.ok,
    attempts: head.attempts,
    status: attempt.status,
    error: attempt.error,
  };
  const rest = state.outbox.slice(1);
  if (attempt.ok) return { ...state, outbox: rest, lastDelivery, failing: false };
  if (attempt.retry && head.attempts < DELIVERY_ATTEMPTS)
    return {
      ...state,
      outbox: [{ ...head, nextAt: now + retryDelayMs(head.attempts), claimedUntil: 0 }, ...rest],
      lastDelivery,
    };
  return { ...state, outbox: rest, lastDelivery, failing: true };
}
