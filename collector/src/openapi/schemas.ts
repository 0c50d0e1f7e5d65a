/**
 * The document's named schemas, `#/components/schemas/<name>`: the wire schemas the routes validate
 * with, the ingest body as a client should send it, and the answers of `answers.ts`.
 */
import * as v from 'valibot';
import {
  BatchSchema,
  CurrencySchema,
  EventSchema,
  ItemSchema,
  LIMITS,
  SiteIdSchema,
} from '../protocol/schema.js';
import { AlertRuleInputSchema } from '../alerts/rules.js';
import { OrderSchema } from '../orders/schema.js';
import { CreateShareSchema } from '../routes/shares.js';
import { SiteRegistrationSchema } from '../sites/schema.js';
import {
  AlertEntrySchema,
  AlertListSchema,
  AlertRuleSchema,
  DeletedAlertSchema,
  DeletedKeySchema,
  DeletedSiteSchema,
  ErrorSchema,
  HealthSchema,
  IngestResultSchema,
  NewServerKeySchema,
  NewShareLinkSchema,
  NotReadySchema,
  RecentEventSchema,
  RefusedSitesSchema,
  ServerKeyListSchema,
  ServerKeySchema,
  ShareLinkSchema,
  ShareLinksSchema,
  SitePageSchema,
  SiteSchema,
  SnapshotSchema,
  StreamTicketSchema,
} from './answers.js';

/**
 * The collector takes `events` as any array and validates each event on its own (an invalid one is
 * dead-lettered and counted in `rejected`, the batch still answers 202); a client should send events
 * of this shape.
 */
const EventDocSchema = v.pipe(
  EventSchema,
  v.description(
    'Rules between fields: `event` needs `name`; `view_item`, `add_to_cart` and `remove_from_cart` need ' +
      'at least one item; `purchase` needs `order`; `value` needs `currency`. Unknown fields are ignored.',
  ),
);
const IngestBatchSchema = v.object({
  ...BatchSchema.entries,
  events: v.pipe(v.array(EventDocSchema), v.maxLength(LIMITS.eventsPerBatch)),
});
const LoneEventSchema = v.intersect([v.object({ site: BatchSchema.entries.site }), EventDocSchema]);
const IngestBodySchema = v.pipe(
  v.union([IngestBatchSchema, LoneEventSchema]),
  v.description(
    `A batch \`{site, sent, events}\`, or one event with its own \`site\` (and no \`events\`). ` +
      `At most ${LIMITS.bodyBytes} bytes.`,
  ),
);

const OrderDocSchema = v.pipe(
  OrderSchema,
  v.description(
    'Rules between fields: `paid` (the default) needs `value`, the total; `refunded` needs `value` above 0, ' +
      'the amount refunded; `cancelled` takes no `value` (the whole order). Unknown fields are ignored. ' +
      `At most ${LIMITS.bodyBytes} bytes.`,
  ),
);

/** Named schemas: each becomes `#/components/schemas/<name>`, and every use of it a `$ref`. */
export const SCHEMAS = {
  SiteId: SiteIdSchema,
  Currency: CurrencySchema,
  Item: ItemSchema,
  Event: EventDocSchema,
  IngestBatch: IngestBatchSchema,
  LoneEvent: LoneEventSchema,
  IngestBody: IngestBodySchema,
  IngestResult: IngestResultSchema,
  Order: OrderDocSchema,
  Error: ErrorSchema,
  Snapshot: SnapshotSchema,
  RecentEvent: RecentEventSchema,
  StreamTicket: StreamTicketSchema,
  SiteRegistration: SiteRegistrationSchema,
  Site: SiteSchema,
  SitePage: SitePageSchema,
  RefusedSites: RefusedSitesSchema,
  DeletedSite: DeletedSiteSchema,
  ServerKey: ServerKeySchema,
  NewServerKey: NewServerKeySchema,
  ServerKeyList: ServerKeyListSchema,
  DeletedKey: DeletedKeySchema,
  CreateShare: CreateShareSchema,
  ShareLink: ShareLinkSchema,
  NewShareLink: NewShareLinkSchema,
  ShareLinks: ShareLinksSchema,
  AlertRuleInput: v.pipe(
    AlertRuleInputSchema,
    v.description(
      'One of four kinds (docs/protocol.md, "Alerts"); unknown fields are refused. At most 50 rules per site.',
    ),
  ),
  AlertRule: AlertRuleSchema,
  AlertEntry: AlertEntrySchema,
  AlertList: AlertListSchema,
  DeletedAlert: DeletedAlertSchema,
  Health: HealthSchema,
  NotReady: NotReadySchema,
};
export type SchemaName = keyof typeof SCHEMAS;
