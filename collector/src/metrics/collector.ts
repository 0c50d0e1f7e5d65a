/**
 * The collector's own metrics, as `CollectorHooks` (context.ts) that the ingest route, the live stream
 * and the request middleware call.
 *
 * Bots are counted apart (`cartpulse_bot_events_total`), not as a reject reason: a bot's batch is
 * answered 202 and is ordinary traffic, while rejects are what an operator alerts on.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CollectorHooks } from '../context.js';
import { requestDurationHistogram } from './http.js';

/**
 * The reasons ingest rejects events for (every one but `bot`); anything else is counted as `other`.
 * `unauthorized` (no or a wrong server key) and `bad_signature` (a webhook not signed with the site's
 * secret) are refused orders from the shop's backend.
 */
export const REJECT_REASONS = [
  'invalid_event',
  'malformed_json',
  'invalid_batch',
  'too_large',
  'origin',
  'unavailable',
  'unknown_site',
  'rate_limited',
  'unauthorized',
  'bad_signature',
] as const;

/** Sites named one by one in `cartpulse_rate_limited_events_total`; later ones share `site="(other)"`. */
export const RATE_LIMITED_SITES = 20;

/** Seconds; an XADD on a healthy Redis takes well under a millisecond. */
export const APPEND_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export function collectorMetrics(registry: Registry): CollectorHooks {
  const accepted = new Counter({
    name: 'cartpulse_events_accepted_total',
    help: 'Events written to the stream (acknowledged by Redis).',
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'cartpulse_events_rejected_total',
    help: 'Events refused by POST /ingest, /ingest/orders and the webhooks (a 4xx or 503 answer, or the dead-letter stream), by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const bots = new Counter({
    name: 'cartpulse_bot_events_total',
    help: 'Events from bot user agents: answered 202, counted nowhere else.',
    registers: [registry],
  });
  const append = new Histogram({
    name: 'cartpulse_xadd_duration_seconds',
    help: 'Time to write one accepted batch to its stream partition (XADD, with its dead letters).',
    buckets: APPEND_BUCKETS,
    registers: [registry],
  });
  const sseClients = new Gauge({
    name: 'cartpulse_sse_clients',
    help: 'Live-stream (SSE) viewers connected to this collector.',
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'cartpulse_rate_limited_events_total',
    help: `Events refused with 429 by a site's rate limit, by site (the first ${RATE_LIMITED_SITES} sites seen by name, the rest as "(other)").`,
    labelNames: ['site'] as const,
    registers: [registry],
  });
  const truncated = new Counter({
    name: 'cartpulse_dlq_truncated_events_total',
    help: 'Invalid events whose raw JSON was cut to CARTPULSE_DLQ_RAW_BYTES for the dead-letter stream.',
    registers: [registry],
  });
  const limitedSites = new Set<string>();
  const known = new Set<string>(REJECT_REASONS);
  // Every reason from the start, so that rate() and alerts see a 0 before the first reject.
  for (const reason of [...REJECT_REASONS, 'other']) rejected.inc({ reason }, 0);

  return {
    onAccepted: (count) => accepted.inc(count),
    onRejected: (reason, count) => {
      if (reason === 'bot') bots.inc(count);
      else rejected.inc({ reason: known.has(reason) ? reason : 'other' }, count);
    },
    onAppend: (seconds) => append.observe(seconds),
    onRateLimited: (site, count) => {
      if (!limitedSites.has(site) && limitedSites.size < RATE_LIMITED_SITES) limitedSites.add(site);
      rateLimited.inc({ site: limitedSites.has(site) ? site : '(other)' }, count);
    },
    onDeadLetterTruncated: (count) => truncated.inc(count),
    onRequest: requestDurationHistogram(registry),
    onStreamOpened: () => sseClients.inc(),
    onStreamClosed: () => sseClients.dec(),
  };
}
