/**
 * Answers that no route validates (the snapshot, a site page, share links…), described as valibot schemas
 * so that they convert like the request bodies. Each is tied to the protocol's type of that answer
 * (`@cartpulse/protocol`) and to the TypeScript type its route answers with: when either changes, the
 * typecheck fails until the schema here follows.
 */
import type * as protocol from '@cartpulse/protocol';
import * as v from 'valibot';
import { ALERT_FORMATS, ALERT_ID, HEADLINE_METRICS, HOURLY_METRICS } from '../alerts/rules.js';
import { EVENT_TYPES, SiteIdSchema } from '../protocol/schema.js';
import type { Holds, Same } from '../protocol/same.js';
import type { Readiness } from '../redis/readiness.js';
import type { ShareLink } from '../shares/store.js';
import { KEY_ID, type NewServerKey, type ServerKey } from '../sites/keys.js';
import type { RefusedSite } from '../sites/refused.js';
import type { SitePage } from '../sites/registry.js';
import type { publicSite } from '../sites/schema.js';
import type { BreakdownRow } from '../windows/breakdowns.js';
import type { RecentEvent } from '../windows/delta.js';
import { DIMENSIONS, type Dimension, type Filter } from '../windows/dimensions.js';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const epochMs = v.pipe(v.number(), v.minValue(0), v.description('epoch milliseconds'));

export const ErrorSchema = v.object({ error: v.string() });
export const IngestResultSchema = v.object({ accepted: count, rejected: count });

export const RecentEventSchema = v.object({
  type: v.picklist(EVENT_TYPES),
  t: epochMs,
  path: v.optional(v.string()),
  item: v.optional(v.string()),
  name: v.optional(v.string()),
});

export const CartStageSchema = v.object({
  sessions: count,
  value: v.pipe(v.record(v.string(), v.number()), v.description('per ISO 4217 currency')),
});

export const BreakdownRowSchema = v.object({
  value: v.string(),
  visitors: count,
  pageviews: count,
  orders: v.pipe(count, v.description('orders first seen in the window')),
  revenue: v.pipe(v.record(v.string(), v.number()), v.description('per ISO 4217 currency, each order once')),
});

const perCurrency = (what: string) =>
  v.pipe(v.record(v.string(), v.number()), v.description(`${what} per ISO 4217 currency`));

export const DayNumbersSchema = v.object({
  since: v.pipe(epochMs, v.description("the day's local midnight")),
  until: v.pipe(epochMs, v.description('counted up to (exclusive)')),
  visitors: count,
  sessions: count,
  pageviews: count,
  orders: v.pipe(count, v.description('distinct orders first seen')),
  revenue: perCurrency('revenue, each order once,'),
  conversionRate: v.pipe(v.number(), v.minValue(0), v.maxValue(1), v.description('buyers ÷ visitors')),
  averageOrderValue: perCurrency('revenue ÷ orders paid in it, two decimals,'),
});

export const DayHoursSchema = v.object({
  date: v.pipe(v.string(), v.description('local date, YYYY-MM-DD')),
  since: epochMs,
  visitors: v.pipe(v.array(count), v.description('visitors whose first event of the day was in that hour')),
  sessions: v.pipe(v.array(count), v.description('sessions whose first event of the day was in that hour')),
  pageviews: v.array(count),
  orders: v.array(count),
  revenue: v.pipe(
    v.record(v.string(), v.array(v.number())),
    v.description('per ISO 4217 currency, per hour'),
  ),
});

export const CoverageSchema = v.object({
  browser: v.pipe(count, v.description('orders a browser reported')),
  backend: v.pipe(count, v.description("orders the shop's backend reported")),
  both: v.pipe(count, v.description('orders both reported')),
  browserShare: v.pipe(
    v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
    v.description('both ÷ backend, four decimals; null when the backend reported none'),
  ),
  backendOnlyRevenue: perCurrency('revenue of the orders only the backend reported,'),
});

export const SnapshotSchema = v.object({
  site: SiteIdSchema,
  at: epochMs,
  windows: v.object({ activeMs: count, pagesMs: count, commerceMs: count, granularityMs: count }),
  activeUsers: count,
  activeSessions: count,
  pageviews: count,
  topPages: v.array(v.object({ path: v.string(), views: count })),
  ecommerce: v.object({
    viewItems: count,
    addToCarts: count,
    checkouts: count,
    orders: count,
    revenue: v.pipe(v.record(v.string(), v.number()), v.description('purchase value per ISO 4217 currency')),
    conversionRate: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    carts: v.pipe(
      v.object({ active: CartStageSchema, checkingOut: CartStageSchema, purchased: CartStageSchema }),
      v.description(
        "live carts: sessions with items in their cart and an event in the last 30 minutes (the carts' value); sessions that began checkout in the last 10 minutes and have not bought (their carts' value); sessions that bought in the last 10 minutes (the revenue of the orders first seen then)",
      ),
    ),
    averageOrderValue: v.pipe(
      v.record(v.string(), v.number()),
      v.description("per ISO 4217 currency: revenue ÷ the window's orders paid in it, two decimals"),
    ),
    topProducts: v.array(v.object({ id: v.string(), name: v.string(), count })),
    coverage: v.pipe(
      v.nullable(v.object({ window: CoverageSchema, today: v.nullable(CoverageSchema) })),
      v.description(
        "orders browser tracking saw against those the shop's backend reported, over the e-commerce window and today; null when filtered",
      ),
    ),
  }),
  series: v.object({ start: epochMs, stepMs: count, pageviews: v.array(count), visitors: v.array(count) }),
  recent: v.pipe(v.array(RecentEventSchema), v.description('newest first, at most 50')),
  breakdowns: v.pipe(
    v.object(
      Object.fromEntries(DIMENSIONS.map((d) => [d, v.array(BreakdownRowSchema)])) as Record<
        Dimension,
        v.ArraySchema<typeof BreakdownRowSchema, undefined>
      >,
    ),
    v.description(
      'per dimension, the top 10 rows over the e-commerce window by visitors, then one "(other)" row summing the rest; empty lists when filtered or when breakdowns are off',
    ),
  ),
  filter: v.pipe(
    v.nullable(v.object({ dimension: v.picklist(DIMENSIONS), value: v.string() })),
    v.description(
      'the breakdown row this snapshot is limited to (`filter=<dimension>:<value>`); null for all',
    ),
  ),
  timezone: v.pipe(v.string(), v.description('the site\'s IANA time zone: what "today" means')),
  today: v.pipe(v.nullable(DayNumbersSchema), v.description('since local midnight; null when filtered')),
  yesterday: v.pipe(
    v.nullable(DayNumbersSchema),
    v.description('yesterday up to the same time of day, to the minute; null when filtered'),
  ),
  lastWeek: v.pipe(
    v.nullable(DayNumbersSchema),
    v.description(
      "the same weekday a week ago up to the same time of day: whole hours, the current hour's share pro-rated; null when filtered",
    ),
  ),
  hours: v.pipe(
    v.nullable(
      v.object({ stepMs: count, today: DayHoursSchema, yesterday: DayHoursSchema, lastWeek: DayHoursSchema }),
    ),
    v.description('per hour of the local day; null when filtered'),
  ),
});

export const StreamTicketSchema = v.object({ ticket: v.string(), expiresAt: epochMs });

export const SiteSchema = v.object({
  id: SiteIdSchema,
  name: v.string(),
  timezone: v.string(),
  origins: v.array(v.string()),
  rateLimit: v.optional(count),
});
export const SitePageSchema = v.object({
  sites: v.array(SiteSchema),
  total: count,
  next: v.pipe(v.nullable(SiteIdSchema), v.description('cursor of the next page; null on the last')),
});
export const RefusedSitesSchema = v.object({
  refused: v.array(v.object({ site: v.string(), events: count, lastAt: epochMs })),
});
export const DeletedSiteSchema = v.object({ deleted: SiteIdSchema });

const keyId = v.pipe(v.string(), v.regex(KEY_ID), v.description('12 hex digits'));
export const ServerKeySchema = v.object({ id: keyId, createdAt: epochMs });
export const NewServerKeySchema = v.object({
  id: keyId,
  key: v.pipe(
    v.string(),
    v.regex(/^cpk_[A-Za-z0-9_-]{43}$/),
    v.description('the server key, `cpk_<43 characters>`: shown this once (only its SHA-256 is stored)'),
  ),
});
export const ServerKeyListSchema = v.object({ keys: v.array(ServerKeySchema) });
export const DeletedKeySchema = v.object({ deleted: keyId });

export const ShareLinkSchema = v.object({
  id: v.string(),
  site: SiteIdSchema,
  label: v.optional(v.string()),
  createdAt: epochMs,
});
export const NewShareLinkSchema = v.object({
  ...ShareLinkSchema.entries,
  token: v.pipe(v.string(), v.description('the share token, `cps_<id>_<secret>`: shown this once')),
  path: v.pipe(v.string(), v.description('the read-only dashboard, `/share/<token>`')),
});
export const ShareLinksSchema = v.object({ shares: v.array(ShareLinkSchema) });

const alertCommon = {
  id: v.pipe(v.string(), v.regex(ALERT_ID), v.description('16 hex digits')),
  site: SiteIdSchema,
  webhook: v.string(),
  format: v.picklist(ALERT_FORMATS),
  createdAt: epochMs,
};
const NoOrdersAlertSchema = v.object({
  ...alertCommon,
  kind: v.literal('no_orders'),
  minutes: count,
  minAddToCarts: count,
});
const comparisonAlert = <K extends 'drop' | 'spike'>(kind: K) =>
  v.object({
    ...alertCommon,
    kind: v.literal(kind),
    metric: v.picklist(HOURLY_METRICS),
    percent: v.number(),
    currency: v.optional(v.string()),
  });
const DropAlertSchema = comparisonAlert('drop');
const SpikeAlertSchema = comparisonAlert('spike');
const ThresholdAlertSchema = v.object({
  ...alertCommon,
  kind: v.literal('threshold'),
  metric: v.picklist(HEADLINE_METRICS),
  above: v.optional(v.number()),
  below: v.optional(v.number()),
  minutes: count,
  currency: v.optional(v.string()),
});
export const AlertRuleSchema = v.variant('kind', [
  NoOrdersAlertSchema,
  DropAlertSchema,
  SpikeAlertSchema,
  ThresholdAlertSchema,
]);

export const LastDeliverySchema = v.object({
  state: v.picklist(['firing', 'resolved']),
  at: epochMs,
  ok: v.boolean(),
  attempts: count,
  status: v.pipe(v.nullable(count), v.description("the receiver's HTTP status; null when it never answered")),
  error: v.pipe(v.nullable(v.string()), v.description('why it failed; null when it worked')),
});
const alertStatus = {
  state: v.pipe(
    v.picklist(['ok', 'firing', 'failing']),
    v.description('`failing`: the latest notification could not be delivered; else the episode'),
  ),
  firing: v.pipe(
    v.boolean(),
    v.description(
      'whether an episode is on, whatever became of its notifications (a failing rule may be firing)',
    ),
  ),
  since: v.pipe(v.nullable(epochMs), v.description('when the episode (ok or firing) started')),
  value: v.pipe(v.nullable(v.number()), v.description('the latest value the rule compared')),
  baseline: v.pipe(
    v.nullable(v.number()),
    v.description('drop and spike: the same hour last week; null without one'),
  ),
  detail: v.pipe(v.nullable(v.string()), v.description('the latest evaluation in words')),
  evaluatedAt: v.nullable(epochMs),
  lastDelivery: v.nullable(LastDeliverySchema),
  pending: v.pipe(count, v.description('notifications waiting for delivery')),
};
const withStatus = <E extends v.ObjectEntries>(schema: v.ObjectSchema<E, undefined>) =>
  v.object({ ...schema.entries, ...alertStatus });
export const AlertEntrySchema = v.variant('kind', [
  withStatus(NoOrdersAlertSchema),
  withStatus(DropAlertSchema),
  withStatus(SpikeAlertSchema),
  withStatus(ThresholdAlertSchema),
]);
export const AlertListSchema = v.object({ alerts: v.array(AlertEntrySchema) });
export const DeletedAlertSchema = v.object({ deleted: v.string() });

export const HealthSchema = v.object({ ok: v.literal(true) });
export const NotReadySchema = v.object({ ok: v.literal(false), error: v.string() });

/** Whether a schema above describes exactly `T`; `Holds` fails the typecheck where it does not. */
type Agrees<S extends v.GenericSchema, T> = Same<v.InferOutput<S>, T>;

/** The schemas describe the protocol's answers exactly. */
export type AnswersAreTheProtocol = [
  Holds<Agrees<typeof IngestResultSchema, protocol.IngestResult>>,
  Holds<Agrees<typeof RecentEventSchema, protocol.RecentEvent>>,
  Holds<Agrees<typeof BreakdownRowSchema, protocol.BreakdownRow>>,
  Holds<Agrees<typeof SnapshotSchema, protocol.Snapshot>>,
  Holds<Agrees<typeof StreamTicketSchema, protocol.StreamTicket>>,
  Holds<Agrees<typeof SiteSchema, protocol.Site>>,
  Holds<Agrees<typeof SitePageSchema, protocol.SitePage>>,
  Holds<Agrees<typeof RefusedSitesSchema, protocol.RefusedSiteList>>,
  Holds<Agrees<typeof ShareLinkSchema, protocol.ShareLink>>,
  Holds<Agrees<typeof NewShareLinkSchema, protocol.NewShareLink>>,
  Holds<Agrees<typeof ShareLinksSchema, protocol.ShareLinkList>>,
  Holds<Agrees<typeof ServerKeySchema, protocol.ServerKey>>,
  Holds<Agrees<typeof NewServerKeySchema, protocol.NewServerKey>>,
  Holds<Agrees<typeof ServerKeyListSchema, protocol.ServerKeyList>>,
  Holds<Agrees<typeof AlertRuleSchema, protocol.AlertRule>>,
  Holds<Agrees<typeof LastDeliverySchema, protocol.LastDelivery>>,
  Holds<Agrees<typeof AlertEntrySchema, protocol.AlertEntry>>,
  Holds<Agrees<typeof AlertListSchema, protocol.AlertList>>,
];

/**
 * The types the routes answer with are the protocol's: the snapshot's parts, named where they are built
 * (the snapshot itself is the protocol's type: windows/snapshot.ts), a site as listed, refused ids, share
 * links. Alert rules and their states are the protocol's types themselves (alerts/rules.ts, alerts/state.ts).
 */
export type AnswersAgreeWithTheirTypes = [
  Holds<Same<RecentEvent, protocol.RecentEvent>>,
  Holds<Same<BreakdownRow, protocol.BreakdownRow>>,
  Holds<Same<Dimension, protocol.Dimension>>,
  Holds<Same<Filter, protocol.Filter>>,
  Holds<Agrees<typeof SiteSchema, ReturnType<typeof publicSite>>>,
  Holds<Agrees<typeof SitePageSchema, Omit<SitePage, 'sites'> & { sites: ReturnType<typeof publicSite>[] }>>,
  Holds<Agrees<typeof RefusedSitesSchema, { refused: RefusedSite[] }>>,
  Holds<Agrees<typeof ShareLinkSchema, ShareLink>>,
  Holds<Agrees<typeof ServerKeySchema, ServerKey>>,
  Holds<Agrees<typeof NewServerKeySchema, NewServerKey>>,
  Holds<Agrees<v.UnionSchema<[typeof HealthSchema, typeof NotReadySchema], undefined>, Readiness>>,
];
