/**
 * What a storefront may send to `POST /ingest`, as the collector validates it: limits, patterns, and the
 * rules between fields. The types are `@cartpulse/protocol`'s (what the SDK sends); `SchemasAreTheProtocol`
 * at the end proves that these schemas accept exactly them. `docs/protocol.md` documents both for people
 * writing their own clients.
 */
import type { Batch as ProtocolBatch, CartpulseEvent, EventType, Item } from '@cartpulse/protocol';
import * as v from 'valibot';
import type { Holds, Same } from './same.js';

export type { CartpulseEvent, EventType };
/** A product line: the protocol's `Item`. */
export type CartpulseItem = Item;

/** Event types, in funnel order after the two generic ones. */
export const EVENT_TYPES = [
  'pageview',
  'event',
  'view_item',
  'add_to_cart',
  'remove_from_cart',
  'begin_checkout',
  'purchase',
] as const;

/** Protocol limits, shared by the collector, the SDK and the docs. */
export const LIMITS = {
  /** Largest accepted request body (and the sendBeacon quota the SDK stays under). */
  bodyBytes: 64 * 1024,
  idChars: 64,
  siteChars: 64,
  identityChars: 128,
  urlChars: 2048,
  titleChars: 512,
  nameChars: 128,
  props: 32,
  propKeyChars: 64,
  propValueChars: 512,
  items: 50,
  eventsPerBatch: 500,
} as const;

/** ISO 4217 codes this runtime knows (Intl's list), used to reject typos such as "EURO". */
const CURRENCIES: ReadonlySet<string> = new Set(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [],
);

/** Text must be well-formed Unicode (no lone surrogates), or it could not be stored and read back as JSON. */
const wellFormed = v.check(
  (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed(),
  'must be well-formed Unicode',
);
const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `at most ${max} characters`), wellFormed);
const nonEmptyText = (max: number) => v.pipe(text(max), v.minLength(1, 'must not be empty'));
const amount = v.pipe(v.number(), v.finite('must be a finite number'), v.minValue(0, 'must not be negative'));

export const SiteIdSchema = v.pipe(
  v.string('site must be a string'),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'site must be 1-64 letters, digits, ".", "_", ":" or "-"'),
);

export const CurrencySchema = v.pipe(
  v.string(),
  v.regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as "EUR"'),
  v.check((code) => CURRENCIES.size === 0 || CURRENCIES.has(code), 'unknown ISO 4217 currency code'),
);

/** One product line, shaped like a GA4 item. */
export const ItemSchema = v.object({
  id: nonEmptyText(LIMITS.identityChars),
  name: v.optional(text(LIMITS.titleChars)),
  price: v.optional(amount),
  qty: v.optional(
    v.pipe(v.number(), v.integer('qty must be an integer'), v.minValue(1), v.maxValue(100_000)),
  ),
  category: v.optional(text(LIMITS.nameChars)),
});

const PropsSchema = v.pipe(
  v.record(
    v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.propKeyChars), wellFormed),
    v.union([text(LIMITS.propValueChars), v.pipe(v.number(), v.finite()), v.boolean()]),
  ),
  v.check((props) => Object.keys(props).length <= LIMITS.props, `at most ${LIMITS.props} props`),
);

export const EventFields = {
  type: v.picklist(EVENT_TYPES, `type must be one of ${EVENT_TYPES.join(', ')}`),
  /** Client event id; the collector assigns one when absent. Retries reuse it, so a retry counts once. */
  id: v.optional(nonEmptyText(LIMITS.idChars)),
  /** Client clock, epoch ms, when the event happened. */
  ts: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
  /** Visitor id; when absent the collector derives a daily-rotating anonymous one. */
  vid: v.optional(nonEmptyText(LIMITS.identityChars)),
  /** Session id; when absent the collector derives one (30 minutes of inactivity ends a session). */
  sid: v.optional(nonEmptyText(LIMITS.identityChars)),
  url: v.optional(text(LIMITS.urlChars)),
  ref: v.optional(text(LIMITS.urlChars)),
  title: v.optional(text(LIMITS.titleChars)),
  /** Custom event name (type "event"). */
  name: v.optional(nonEmptyText(LIMITS.nameChars)),
  props: v.optional(PropsSchema),
  items: v.optional(v.pipe(v.array(ItemSchema), v.maxLength(LIMITS.items, `at most ${LIMITS.items} items`))),
  value: v.optional(amount),
  currency: v.optional(CurrencySchema),
  /** Order id (type "purchase"); orders are counted by distinct id. */
  order: v.optional(nonEmptyText(LIMITS.identityChars)),
};

/** Rules that tie fields to the event type. */
function typeRule(event: {
  type: EventType;
  name?: string;
  items?: unknown[];
  order?: string;
  value?: number;
  currency?: string;
}) {
  if (event.type === 'event' && !event.name) return 'event needs a name';
  if (
    (event.type === 'view_item' || event.type === 'add_to_cart' || event.type === 'remove_from_cart') &&
    !event.items?.length
  )
    return `${event.type} needs at least one item`;
  if (event.type === 'purchase' && !event.order) return 'purchase needs an order id';
  if (event.value !== undefined && !event.currency) return 'value needs a currency';
  return null;
}

export const EventSchema = v.pipe(
  v.object(EventFields),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = typeRule(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);

/** The batch that the SDK sends: one site, the client's send time, up to 500 events. */
export const BatchSchema = v.object({
  site: SiteIdSchema,
  /** Client clock, epoch ms, when the batch was sent; corrects the client's clock skew. */
  sent: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
  events: v.pipe(
    v.array(v.unknown(), 'events must be an array'),
    v.maxLength(LIMITS.eventsPerBatch, `at most ${LIMITS.eventsPerBatch} events per batch`),
  ),
});

/**
 * A batch as first parsed: its events are still unchecked, since each is validated on its own (an invalid
 * one goes to the dead-letter stream, not the whole batch down with it).
 */
export type Batch = v.InferOutput<typeof BatchSchema>;

/**
 * Fails the typecheck when a schema above and the protocol's type part ways: what a client typed with
 * `@cartpulse/protocol` sends is what the schema takes, and what the schema lets through is that type.
 */
export type SchemasAreTheProtocol = [
  Holds<Same<(typeof EVENT_TYPES)[number], EventType>>,
  Holds<Same<v.InferInput<typeof ItemSchema>, Item>>,
  Holds<Same<v.InferOutput<typeof ItemSchema>, Item>>,
  Holds<Same<v.InferInput<typeof EventSchema>, CartpulseEvent>>,
  Holds<Same<v.InferOutput<typeof EventSchema>, CartpulseEvent>>,
  Holds<Same<v.InferInput<typeof BatchSchema>, Omit<ProtocolBatch, 'events'> & { events: unknown[] }>>,
];

/** Turns valibot issues into one readable line, e.g. `items.0.price: must not be negative`. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path?.map((step) => String(step.key)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
