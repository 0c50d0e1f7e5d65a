/** The numbers of alerting in one place: limits, delivery policy, and how the evaluator paces itself. */

/** Rules one site may have; one more answers 409. */
export const MAX_RULES_PER_SITE = 50;
/** Longest `minutes` of a rule: a day. */
export const MAX_RULE_MINUTES = 24 * 60;
/** Longest webhook URL accepted. */
export const MAX_WEBHOOK_CHARS = 2048;

/** Attempts per notification before it is given up and the rule shows as `failing`. */
export const DELIVERY_ATTEMPTS = 5;
/** A receiver that has not answered within this is a failed attempt. */
export const DELIVERY_TIMEOUT_MS = 5_000;
/** Wait after the n-th failed attempt: 2 s, 4 s, 8 s, 16 s (so five attempts span about half a minute). */
export const retryDelayMs = (failedAttempts: number) => 2_000 * 2 ** (failedAttempts - 1);
/** Notifications kept waiting per rule (a receiver down for days must not grow a rule's state). */
export const OUTBOX_MAX = 10;

/**
 * The evaluation lease lasts three intervals: a collector that dies hands the evaluation to another
 * within that. Renewed at every tick.
 */
export const leaseMsFor = (intervalMs: number) => Math.max(3 * intervalMs, 1_000);
/**
 * A pause between two evaluations of a rule longer than this (six intervals, at least a minute: a
 * deployment that was down) restarts what the rule watches, since nothing was seen meanwhile.
 */
export const maxGapMsFor = (intervalMs: number) => Math.max(6 * intervalMs, 60_000);
