/**
 * What the evaluator remembers of a rule between evaluations, stored in Redis (so that it survives a
 * restart and moves with the evaluation lease): the episode (ok or firing, since when, the cooldown), what
 * the rule watches, the notifications not yet delivered, and how the last delivery went. `statusOf` is
 * what `GET /api/alerts` shows of it.
 */
import type { AlertEntry, AlertRule, AlertStatus, LastDelivery } from '@cartpulse/protocol';

/** One message to the rule's webhook: the start or the end of an episode. */
export interface Notification {
  state: 'firing' | 'resolved';
  value: number | null;
  baseline: number | null;
  /** When the episode started (firing) or ended (resolved), epoch ms: the same on every retry. */
  at: number;
}

/** A notification waiting in the rule's outbox, delivered oldest first. */
export interface Pending {
  /** `<at>-<state>`: which one an attempt's outcome belongs to. */
  id: string;
  notification: Notification;
  /** Attempts started so far. */
  attempts: number;
  /** Not to be tried before this (the backoff), epoch ms. */
  nextAt: number;
  /** An attempt is on its way until then: nobody else starts one. */
  claimedUntil: number;
}

/** A no_orders rule's samples of the e-commerce window (alerts/evaluate.ts says what they mean). */
export interface NoOrdersWatch {
  kind: 'no_orders';
  /** The first evaluation of this watch. */
  startedAt: number;
  /** The window's counts at the previous evaluation. */
  orders: number;
  addToCarts: number;
  /** First evaluation of the current run in which the window held no order; null while it holds one. */
  zeroSince: number | null;
  /** Latest evaluation at which an order was seen entering the window (its count rose). */
  lastOrderAt: number | null;
  /** Add-to-carts seen entering the window, per minute: `[minute start, count]`, oldest first. */
  rises: [number, number][];
}

export interface ThresholdWatch {
  kind: 'threshold';
  /** First evaluation of the current run beyond the threshold; null when the last one was not. */
  beyondSince: number | null;
  /** The currency a rule without one watches: the first it saw on the site, kept. */
  currency?: string;
}

export type Watch = NoOrdersWatch | ThresholdWatch;

export interface RuleState {
  /** Bumped by every write; a write on another version is refused (alerts/lua/save-state.lua). */
  version: number;
  condition: 'ok' | 'firing';
  /** When `condition` last changed; null before the first change. */
  since: number | null;
  /** The rule does not fire again before this (set when an episode resolves), epoch ms. */
  cooldownUntil: number;
  /** Latest evaluation, epoch ms. */
  lastAt: number | null;
  value: number | null;
  baseline: number | null;
  /** The latest evaluation in words: what was counted, or why there is no value. */
  detail: string | null;
  watch: Watch | null;
  outbox: Pending[];
  lastDelivery: LastDelivery | null;
  /** The latest notification was given up after its attempts (or refused by the receiver). */
  failing: boolean;
}

export const initialState = (): RuleState => ({
  version: 0,
  condition: 'ok',
  since: null,
  cooldownUntil: 0,
  lastAt: null,
  value: null,
  baseline: null,
  detail: null,
  watch: null,
  outbox: [],
  lastDelivery: null,
  failing: false,
});

/** A rule's state as `GET /api/alerts` shows it: the protocol's `AlertStatus`. */
export function statusOf(state: RuleState): AlertStatus {
  return {
    state: state.failing ? 'failing' : state.condition,
    firing: state.condition === 'firing',
    since: state.since,
    value: state.value,
    baseline: state.baseline,
    detail: state.lastAt === null ? 'not evaluated yet' : state.detail,
    evaluatedAt: state.lastAt,
    lastDelivery: state.lastDelivery,
    pending: state.outbox.length,
  };
}

/** A rule with its state: one entry of `GET /api/alerts`, the protocol's `AlertEntry`. */
export const entryOf = (rule: AlertRule, state: RuleState): AlertEntry => ({ ...rule, ...statusOf(state) });
