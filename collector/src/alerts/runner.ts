/**
 * The alert evaluator of one collector: every `intervalMs` it takes (or renews) the deployment's
 * evaluation lease, and only while it holds it evaluates every rule: one snapshot per site, the hours of
 * drop and spike rules, the pure evaluation (alerts/evaluate.ts), the state saved by version with its new
 * notifications in the outbox. Then it delivers what is due, each attempt claimed in the state first, and
 * comes back sooner than the next tick when a retry is due before it. So however many collectors run, a
 * notification is sent once; only a collector that dies in the middle of a delivery leaves it to be sent
 * again by the next one (at least once).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../log.js';
import { describeUnavailable, isRedisUnavailable } from '../redis/errors.js';
import type { RedisClient } from '../redis/client.js';
import { DELIVERY_TIMEOUT_MS, leaseMsFor, maxGapMsFor } from './constants.js';
import { postWebhook } from './deliver.js';
import {
  type EvaluationSettings,
  evaluate,
  type LiveNumbers,
  liveNumbers,
  type Observation,
  type SnapshotNumbers,
} from './evaluate.js';
import { type HourlyHistory, lastHour, noHourlyHistory } from './history.js';
import { alertCommands } from './lua/scripts.js';
import { claim, due, enqueue, nextDueAt, settle } from './outbox.js';
import { bodyOf, payloadOf, redactWebhook } from './payload.js';
import type { AlertRule } from './rules.js';
import type { Pending, RuleState } from './state.js';
import { alertKeys, alertStore } from './store.js';

export interface AlertEvaluatorOptions {
  redis: RedisClient;
  keyPrefix: string;
  /** Time between two evaluations. @default 15000 (options.alertIntervalMs) */
  intervalMs: number;
  /** After an episode resolves, the rule does not fire again for this long. @default 600000 */
  cooldownMs: number;
  /** Key of `X-Cartpulse-Signature`. */
  secret: string;
  /** Base of the payloads' `dashboardUrl`. */
  publicUrl: string;
  /** Epoch ms. Tests inject a simulated clock. */
  clock: () => number;
  log: Logger;
  /** A site's live snapshot at a time (`ctx.snapshot`). */
  snapshot(site: string, at: number): Promise<SnapshotNumbers>;
  /** Whether the site still exists; rules of a removed site are not evaluated. */
  accepts(site: string): boolean;
  /**
   * Where drop and spike find hours: the day rollups (alerts/day-history.ts) in a collector.
   * @default noHourlyHistory (no hour known: drop and spike stay ok with `baseline: null`)
   */
  history?: HourlyHistory;
  /**
   * The site's IANA time zone, whose hours drop and spike compare (its registration).
   * @default () => 'UTC'
   */
  timezoneOf?(site: string): string;
  /** @default DELIVERY_TIMEOUT_MS (5 s) */
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

export interface AlertEvaluator {
  /** One evaluation of every rule (when this collector holds the lease), then the deliveries due. */
  tick(): Promise<void>;
  /** Whether this collector held the lease at its latest tick. */
  holdsLease(): boolean;
  /** Stops the loop, waits for the evaluation and deliveries in hand, hands the lease back. */
  stop(): Promise<void>;
}

/** An attempt stays claimed this much longer than the timeout: the time to record its outcome. */
const CLAIM_MARGIN_MS = 5_000;
/** Deliveries at once. */
const PARALLEL_DELIVERIES = 8;

export function startAlertEvaluator(options: AlertEvaluatorOptions): AlertEvaluator {
  const { redis, intervalMs, clock, log, history = noHourlyHistory, timezoneOf = () => 'UTC' } = options;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const keys = alertKeys(options.keyPrefix);
  const store = alertStore(redis, options.keyPrefix);
  const scripted = alertCommands(redis);
  const name = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const settings: EvaluationSettings = { cooldownMs: options.cooldownMs, maxGapMs: maxGapMsFor(intervalMs) };
  /** The rules and states of the latest tick, for the deliveries. */
  const known = new Map<string, { rule: AlertRule; state: RuleState }>();
  /** Attempts this process has on their way. */
  const inFlight = new Set<string>();
  let held = false;
  let stopped = false;
  let unavailable = false;
  let timer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let evaluating: Promise<unknown> = Promise.resolve();
  let delivering: Promise<void> | null = null;

  const lease = async (action: 'take' | 'release') =>
    (
      JSON.parse(await scripted.cartpulseAlertLease(keys.lease, name, action, leaseMsFor(intervalMs))) as {
        held: boolean;
      }
    ).held;

  /** A failed round: Redis away is said once until it is back; anything else every time, with its cause. */
  const failed = (error: unknown, what: string) => {
    if (!isRedisUnavailable(error)) return log.error({ err: error }, `alerts: ${what} failed`);
    if (!unavailable) log.warn({ err: error }, `alerts: ${what}: ${describeUnavailable(error)}`);
    unavailable = true;
  };

  async function evaluateAll(): Promise<boolean> {
    const rules = await store.list();
    // no rule: nothing to evaluate, and no lease taken (a deployment without alerts writes nothing)
    if (!rules.length) {
      if (held) await lease('release');
      held = false;
      known.clear();
      return false;
    }
    held = await lease('take');
    unavailable = false;
    if (!held) {
      known.clear();
      return false;
    }
    const now = clock();
    const bySite = new Map<string, AlertRule[]>();
    for (const rule of rules) bySite.set(rule.site, [...(bySite.get(rule.site) ?? []), rule]);
    for (const [site, siteRules] of bySite) {
      if (!options.accepts(site)) continue;
      let live: LiveNumbers | undefined;
      if (siteRules.some((rule) => rule.kind === 'no_orders' || rule.kind === 'threshold')) {
        try {
          live = liveNumbers(await options.snapshot(site, now));
        } catch (error) {
          failed(error, `the snapshot of ${site}`);
          continue;
        }
      }
      for (const rule of siteRules) await evaluateRule(rule, now, live);
    }
    for (const id of known.keys()) if (!rules.some((rule) => rule.id === id)) known.delete(id);
    return true;
  }

  async function evaluateRule(rule: AlertRule, now: number, live: LiveNumbers | undefined) {
    const observation: Observation =
      rule.kind === 'drop' || rule.kind === 'spike'
        ? { hour: await lastHour(history, rule, now, timezoneOf(rule.site)) }
        : { live };
    let notified: string[] = [];
    const state = await store.update(rule.id, (before) => {
      const { state: after, notifications } = evaluate(rule, observation, before, now, settings);
      notified = notifications.map((notification) => notification.state);
      return after === before ? null : enqueue(after, notifications, now);
    });
    if (!state) return known.delete(rule.id);
    known.set(rule.id, { rule, state });
    for (const change of notified)
      log.info({ alert: rule.id, site: rule.site, kind: rule.kind, value: state.value }, `alert ${change}`);
  }

  /** One pass over the deliveries due; a pass asked for while one runs waits for it. */
  function deliverDue(): Promise<void> {
    delivering ??= deliveryPass().finally(() => {
      delivering = null;
      scheduleRetry();
    });
    return delivering;
  }

  async function deliveryPass(): Promise<void> {
    const now = clock();
    const work = [...known.values()].filter(({ rule, state }) => due(state, now) && !inFlight.has(rule.id));
    for (let i = 0; i < work.length; i += PARALLEL_DELIVERIES)
      await Promise.all(
        work.slice(i, i + PARALLEL_DELIVERIES).map(({ rule, state }) => {
          const pending = due(state, now);
          return pending && deliverOne(rule, pending);
        }),
      );
  }

  async function deliverOne(rule: AlertRule, pending: Pending): Promise<void> {
    inFlight.add(rule.id);
    try {
      const start = clock();
      let claimed = false;
      await store.update(rule.id, (state) => {
        const next = claim(state, pending.id, start, start + timeoutMs + CLAIM_MARGIN_MS);
        claimed = next !== null;
        return next;
      });
      if (!claimed) return;
      const body = bodyOf(rule, payloadOf(rule, pending.notification, options.publicUrl));
      const attempt = await postWebhook(rule.webhook, body, {
        secret: options.secret,
        timeoutMs,
        fetch: options.fetch,
      });
      const state = await store.update(rule.id, (current) => settle(current, pending.id, attempt, clock()));
      if (state) known.set(rule.id, { rule, state });
      const number = pending.attempts + 1;
      const about = {
        alert: rule.id,
        site: rule.site,
        webhook: redactWebhook(rule.webhook),
        attempt: number,
      };
      if (attempt.ok) log.info(about, `alert ${pending.notification.state} delivered`);
      else if (state?.outbox[0]?.id === pending.id)
        log.warn({ ...about, error: attempt.error }, 'alert delivery failed; it will be retried');
      else log.error({ ...about, error: attempt.error }, 'alert delivery failed; given up');
    } catch (error) {
      failed(error, `delivering alert ${rule.id}`);
    } finally {
      inFlight.delete(rule.id);
    }
  }

  /** A retry due before the next tick gets a pass of its own. */
  function scheduleRetry() {
    clearTimeout(retryTimer);
    if (stopped) return;
    const next = Math.min(...[...known.values()].map(({ state }) => nextDueAt(state) ?? Infinity));
    const wait = next - clock();
    if (!Number.isFinite(wait) || wait >= intervalMs) return;
    retryTimer = setTimeout(() => void deliverDue(), Math.max(50, wait));
    retryTimer.unref();
  }

  const round = () => {
    if (stopped) return;
    evaluating = evaluateAll()
      .then((holding) => holding && void deliverDue())
      .catch((error) => failed(error, 'evaluating the rules'))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(round, intervalMs);
        timer.unref();
      });
  };
  round();

  return {
    async tick() {
      await evaluating;
      if (await evaluateAll()) await deliverDue();
    },
    holdsLease: () => held,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(retryTimer);
      await evaluating;
      await delivering;
      if (held) await lease('release').catch(() => {});
      held = false;
    },
  };
}
