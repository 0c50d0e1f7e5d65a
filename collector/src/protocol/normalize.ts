/**
 * From a parsed request body to what the stream stores: validation with the protocol schema, clock-skew
 * correction, anonymous identity. Pure: the caller supplies the accept time and the identity function.
 */
import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { eventTime, tooOld } from './event-time.js';
import { pathOf } from './path.js';
import { type Batch, BatchSchema, describeIssues, EventSchema } from './schema.js';
import type { EventTraffic, StoredEvent } from './stored-event.js';

export interface RejectedEvent {
  reason: string;
  raw: unknown;
}

export type ParsedBody = { ok: true; batch: Batch } | { ok: false; error: string };

/** Accepts the batch shape `{site, sent, events}` and a lone event carrying its own `site`. */
export function parseBody(body: unknown): ParsedBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, error: 'expected a JSON object: a batch {site, events} or an event with a site' };
  const record = body as Record<string, unknown>;
  const shaped = 'events' in record ? record : { site: record.site, events: [withoutSite(record)] };
  const result = v.safeParse(BatchSchema, shaped);
  if (!result.success) return { ok: false, error: describeIssues(result.issues) };
  return { ok: true, batch: result.output };
}

function withoutSite(record: Record<string, unknown>) {
  const { site: _site, ...event } = record;
  return event;
}

export function newEventId(): string {
  return `s-${randomBytes(12).toString('base64url')}`;
}

export interface NormalizedBatch {
  accepted: StoredEvent[];
  rejected: RejectedEvent[];
}

export const TOO_OLD = 'ts: the event happened more than 24 hours before it arrived (ts corrected by sent)';

/**
 * @param acceptTime server time the request arrived, epoch ms
 * @param anonymousVisitor the cookieless visitor id for this request (called only when needed)
 * @param traffic where a page view came from, from its full URL and referrer (attribution/); none: not kept
 */
export function normalizeBatch(
  batch: Batch,
  acceptTime: number,
  anonymousVisitor: () => string,
  traffic?: (url: string | undefined, referrer: string | undefined) => EventTraffic,
): NormalizedBatch {
  const accepted: StoredEvent[] = [];
  const rejected: RejectedEvent[] = [];
  for (const raw of batch.events) {
    const result = v.safeParse(EventSchema, raw);
    if (!result.success) {
      rejected.push({ reason: describeIssues(result.issues), raw });
      continue;
    }
    const event = result.output;
    if (tooOld(acceptTime, event.ts, batch.sent)) {
      rejected.push({ reason: TOO_OLD, raw });
      continue;
    }
    const stored: StoredEvent = {
      id: event.id ?? newEventId(),
      type: event.type,
      t: eventTime(acceptTime, event.ts, batch.sent),
      vid: event.vid ?? anonymousVisitor(),
    };
    if (event.sid !== undefined) stored.sid = event.sid;
    const path = pathOf(event.url);
    if (path !== undefined) stored.path = path;
    if (event.title !== undefined) stored.title = event.title;
    if (event.ref !== undefined) stored.ref = event.ref;
    if (event.name !== undefined) stored.name = event.name;
    if (event.props !== undefined) stored.props = event.props;
    if (event.items !== undefined) stored.items = event.items;
    if (event.value !== undefined) stored.value = event.value;
    if (event.currency !== undefined) stored.currency = event.currency;
    if (event.order !== undefined) stored.order = event.order;
    if (traffic && event.type === 'pageview') stored.traffic = traffic(event.url, event.ref);
    accepted.push(stored);
  }
  return { accepted, rejected };
}
