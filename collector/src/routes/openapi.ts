/**
 * `GET /openapi.json`: an OpenAPI 3.1 description of every endpoint of the collector, for generated
 * clients and API fuzzers. Public (it holds nothing that the source does not), cached for 5 minutes.
 *
 * Bodies are converted from the valibot schemas the routes validate with (`@valibot/to-json-schema`),
 * so the document follows the wire protocol by construction. Answers that no route validates (the
 * snapshot, a site page, share links…) get a valibot schema here, each tied to the TypeScript type the
 * route answers with: when one of those types changes, the typecheck fails until this file follows.
 * `openapi.test.ts` checks that every route the app registers is described here, and the other way round.
 */
import { type JsonSchema, type OverrideActionContext, toJsonSchemaDefs } from '@valibot/to-json-schema';
import { Hono } from 'hono';
import * as v from 'valibot';
import pkg from '../../package.json' with { type: 'json' };
import type { Readiness } from '../redis/readiness.js';
import type { ShareLink } from '../shares/store.js';
import type { RefusedSite } from '../sites/refused.js';
import type { SitePage } from '../sites/registry.js';
import type { publicSite } from '../sites/schema.js';
import type { Snapshot } from '../windows/snapshot.js';
import {
  BatchSchema,
  CurrencySchema,
  EVENT_TYPES,
  EventSchema,
  ItemSchema,
  LIMITS,
  SiteIdSchema,
} from '../protocol/schema.js';
import { SiteRegistrationSchema } from '../sites/schema.js';
import { CreateShareSchema } from './shares.js';
import { SiteListQuerySchema } from './sites.js';

// ---- Answers that no route validates, described here ----

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const epochMs = v.pipe(v.number(), v.minValue(0), v.description('epoch milliseconds'));

const ErrorSchema = v.object({ error: v.string() });
const IngestResultSchema = v.object({ accepted: count, rejected: count });

const RecentEventSchema = v.object({
  type: v.picklist(EVENT_TYPES),
  t: epochMs,
  path: v.optional(v.string()),
  item: v.optional(v.string()),
  name: v.optional(v.string()),
});

const SnapshotSchema = v.object({
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
    topProducts: v.array(v.object({ id: v.string(), name: v.string(), count })),
  }),
  series: v.object({ start: epochMs, stepMs: count, pageviews: v.array(count), visitors: v.array(count) }),
  recent: v.pipe(v.array(RecentEventSchema), v.description('newest first, at most 50')),
});

const StreamTicketSchema = v.object({ ticket: v.string(), expiresAt: epochMs });

const SiteSchema = v.object({
  id: SiteIdSchema,
  name: v.string(),
  timezone: v.string(),
  origins: v.array(v.string()),
  rateLimit: v.optional(count),
});
const SitePageSchema = v.object({
  sites: v.array(SiteSchema),
  total: count,
  next: v.pipe(v.nullable(SiteIdSchema), v.description('cursor of the next page; null on the last')),
});
const RefusedSitesSchema = v.object({
  refused: v.array(v.object({ site: v.string(), events: count, lastAt: epochMs })),
});
const DeletedSiteSchema = v.object({ deleted: SiteIdSchema });

const ShareLinkSchema = v.object({
  id: v.string(),
  site: SiteIdSchema,
  label: v.optional(v.string()),
  createdAt: epochMs,
});
const NewShareLinkSchema = v.object({
  ...ShareLinkSchema.entries,
  token: v.pipe(v.string(), v.description('the share token, `cps_<id>_<secret>`: shown this once')),
  path: v.pipe(v.string(), v.description('the read-only dashboard, `/share/<token>`')),
});
const ShareLinksSchema = v.object({ shares: v.array(ShareLinkSchema) });

const HealthSchema = v.object({ ok: v.literal(true) });
const NotReadySchema = v.object({ ok: v.literal(false), error: v.string() });

/** Fails the typecheck when a schema above and the type its route answers with part ways. */
type Agrees<S extends v.GenericSchema, T> = [v.InferOutput<S>] extends [T]
  ? [T] extends [v.InferOutput<S>]
    ? true
    : false
  : false;
type Holds<T extends true> = T;
export type AnswersAgreeWithTheirTypes = [
  Holds<Agrees<typeof SnapshotSchema, Snapshot>>,
  Holds<Agrees<typeof SiteSchema, ReturnType<typeof publicSite>>>,
  Holds<Agrees<typeof SitePageSchema, Omit<SitePage, 'sites'> & { sites: ReturnType<typeof publicSite>[] }>>,
  Holds<Agrees<typeof RefusedSitesSchema, { refused: RefusedSite[] }>>,
  Holds<Agrees<typeof ShareLinkSchema, ShareLink>>,
  Holds<Agrees<v.UnionSchema<[typeof HealthSchema, typeof NotReadySchema], undefined>, Readiness>>,
];

// ---- The ingest body: the wire schemas, with the events typed ----

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

/** Named schemas: each becomes `#/components/schemas/<name>`, and every use of it a `$ref`. */
const SCHEMAS = {
  SiteId: SiteIdSchema,
  Currency: CurrencySchema,
  Item: ItemSchema,
  Event: EventDocSchema,
  IngestBatch: IngestBatchSchema,
  LoneEvent: LoneEventSchema,
  IngestBody: IngestBodySchema,
  IngestResult: IngestResultSchema,
  Error: ErrorSchema,
  Snapshot: SnapshotSchema,
  RecentEvent: RecentEventSchema,
  StreamTicket: StreamTicketSchema,
  SiteRegistration: SiteRegistrationSchema,
  Site: SiteSchema,
  SitePage: SitePageSchema,
  RefusedSites: RefusedSitesSchema,
  DeletedSite: DeletedSiteSchema,
  CreateShare: CreateShareSchema,
  ShareLink: ShareLinkSchema,
  NewShareLink: NewShareLinkSchema,
  ShareLinks: ShareLinksSchema,
  Health: HealthSchema,
  NotReady: NotReadySchema,
};
type SchemaName = keyof typeof SCHEMAS;

type Json = Record<string, unknown>;

/**
 * What JSON Schema cannot say. A check becomes a description with its message, in the protocol's own
 * words ("also checked: must be well-formed Unicode"); the event's rules between fields (a check with
 * no message) are described on the Event. Transformations (`trim`, the list query's `Number`) change
 * nothing a client sends, and JSON has no non-finite numbers. Anything else unsupported throws, so
 * that a new schema feature is noticed here instead of silently left out of the document.
 */
function overrideAction({
  valibotAction: action,
  jsonSchema,
}: OverrideActionContext): JsonSchema | undefined {
  if (action.type === 'check' || action.type === 'raw_check') {
    const message = (action as { message?: unknown }).message;
    if (typeof message !== 'string') return jsonSchema;
    const before = typeof jsonSchema.description === 'string' ? `${jsonSchema.description}; ` : '';
    return { ...jsonSchema, description: `${before}also checked: ${message}` };
  }
  if (action.type === 'trim' || action.type === 'transform' || action.type === 'finite') return jsonSchema;
  return undefined;
}

/** JSON Schema 2020-12, the dialect of OpenAPI 3.1; named schemas are referenced as components. */
const convert = (definitions: Record<string, v.GenericSchema>) =>
  toJsonSchemaDefs(definitions, {
    target: 'draft-2020-12',
    overrideAction,
    overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
  }) as Record<string, Json>;

// ---- Operations ----

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName) => ({ 'application/json': { schema: ref(name) } });
const answer = (description: string, name?: SchemaName, headers?: Json) => ({
  description,
  ...(headers && { headers }),
  ...(name && { content: json(name) }),
});
const shared = (name: keyof typeof RESPONSES) => ({ $ref: `#/components/responses/${name}` });
const text = (type: string) => ({ [type]: { schema: { type: 'string' } } });
const header = (description: string, schema: Json = { type: 'string' }) => ({ description, schema });

const RETRY_AFTER = { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } };
const NO_STORE = { 'Cache-Control': header('`no-store`') };

const RESPONSES = {
  BadRequest: answer('the request does not fit: `error` says which field and why', 'Error'),
  Unauthorized: answer('no token, or a wrong one', 'Error', {
    'WWW-Authenticate': header('`Bearer`'),
  }),
  Forbidden: answer('a share token (or stream ticket) for another site', 'Error'),
  Unavailable: answer(
    'Redis is unreachable or refuses writes: nothing was stored or read, retry after `Retry-After` seconds',
    'Error',
    RETRY_AFTER,
  ),
};

/** The collector token (`CARTPULSE_TOKEN`): every site, read and write. */
const COLLECTOR = [{ collectorToken: [] }];
/** Read routes also take a share token, for its own site only. */
const READER = [{ collectorToken: [] }, { shareToken: [] }];
const PUBLIC: Json[] = [];

const siteQuery = (description = 'the site id') => ({
  name: 'site',
  in: 'query',
  required: true,
  description,
  schema: ref('SiteId'),
});

/** The list query's fields, one parameter each (a query is a set of parameters, not a component). */
function siteListParameters() {
  const query = convert({ SiteId: SiteIdSchema, Query: SiteListQuerySchema }).Query as {
    properties: Record<string, Json>;
  };
  const descriptions: Record<string, string> = {
    q: 'search: sites whose id or name contains it, case-insensitive',
    cursor: 'the `next` of the previous page',
    limit: 'sites per page (default 100)',
  };
  return Object.entries(query.properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    description: descriptions[name],
    schema,
  }));
}

function paths() {
  return {
    '/ingest': {
      post: {
        operationId: 'ingest',
        tags: ['ingest'],
        summary: 'Send events',
        description:
          "The storefront's door; no token. Send `text/plain` (what `navigator.sendBeacon` sends) to need no " +
          'CORS preflight. A 202 means the accepted events are in the Redis stream. Events that fail the ' +
          'Event schema do not fail their batch: they are counted in `rejected` and dead-lettered. Known ' +
          'bots get a 202 and are counted nowhere. The Event schema also allows strings that the collector ' +
          'refuses: lone UTF-16 surrogates, and currency codes its runtime does not know.',
        security: PUBLIC,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: ref('IngestBody') },
            'text/plain': {
              schema: {
                type: 'string',
                contentMediaType: 'application/json',
                contentSchema: ref('IngestBody'),
              },
            },
          },
        },
        responses: {
          202: answer('stored (or dead-lettered, counted in `rejected`)', 'IngestResult', {
            'Access-Control-Allow-Origin': header("the request's `Origin`, or `*`"),
          }),
          400: answer('the body is not JSON, not an object, or not a batch', 'Error'),
          403: answer("the request's `Origin` is not among the site's allowed origins", 'Error'),
          404: answer('the site is not registered: `{"error": "unknown site: <id>"}`', 'Error'),
          413: answer(`the body is over ${LIMITS.bodyBytes} bytes`, 'Error'),
          429: answer('the site is over its rate limit: nothing was stored', 'Error', RETRY_AFTER),
          503: shared('Unavailable'),
        },
      },
      options: {
        operationId: 'ingestPreflight',
        tags: ['ingest'],
        summary: 'CORS preflight',
        description:
          "Answered for any origin (a preflight has no body, so no site); the POST checks the site's origins.",
        security: PUBLIC,
        responses: {
          204: {
            description: 'the preflight is allowed',
            headers: {
              'Access-Control-Allow-Origin': header("the request's `Origin`, or `*`"),
              'Access-Control-Allow-Methods': header('`POST,OPTIONS`'),
              'Access-Control-Allow-Headers': header('`Content-Type`'),
              'Access-Control-Max-Age': header('`86400`'),
            },
          },
        },
      },
    },
    '/api/realtime': {
      get: {
        operationId: 'getRealtime',
        tags: ['live'],
        summary: "A snapshot of a site's live windows",
        security: READER,
        parameters: [siteQuery()],
        responses: {
          200: answer('the snapshot (docs/protocol.md explains each number)', 'Snapshot', NO_STORE),
          400: shared('BadRequest'),
          401: shared('Unauthorized'),
          403: shared('Forbidden'),
          503: shared('Unavailable'),
        },
      },
    },
    '/api/stream/ticket': {
      post: {
        operationId: 'issueStreamTicket',
        tags: ['live'],
        summary: "A 60-second ticket that opens one site's stream",
        description: 'For browsers, whose EventSource cannot send an `Authorization` header.',
        security: READER,
        parameters: [siteQuery()],
        responses: {
          200: answer('the ticket', 'StreamTicket', NO_STORE),
          400: shared('BadRequest'),
          401: shared('Unauthorized'),
          403: shared('Forbidden'),
          503: shared('Unavailable'),
        },
      },
    },
    '/api/stream': {
      get: {
        operationId: 'openStream',
        tags: ['live'],
        summary: 'The snapshot as Server-Sent Events',
        description:
          'Messages: `snapshot` (data: a Snapshot) on connect and whenever the numbers change, at most 4 a ' +
          'second; `unchanged` (data: `{"at": <epoch ms>}`) after 5 s without change; a `: heartbeat` ' +
          'comment every 15 s. Each `id` is a content version: resuming with it answers `unchanged` ' +
          'instead of the whole snapshot. The stream stays open until the client leaves.',
        security: [...READER, { streamTicket: [] }],
        parameters: [
          siteQuery(),
          {
            name: 'lastEventId',
            in: 'query',
            required: false,
            description: 'the last `id` seen, for a new EventSource (same as `Last-Event-ID`)',
            schema: { type: 'string' },
          },
          {
            name: 'Last-Event-ID',
            in: 'header',
            required: false,
            description: 'the last `id` seen; EventSource sends it when it reconnects',
            schema: { type: 'string' },
          },
        ],
        responses: {
          200: {
            description: 'the event stream',
            content: {
              'text/event-stream': {
                schema: { type: 'string' },
                example: `retry: 2000\n\nevent: snapshot\nid: 3kq0cX1vZb2Lr8Qe\ndata: {"site":"demo-shop",...}\n\n`,
              },
            },
          },
          400: shared('BadRequest'),
          401: answer('no token, a wrong one, or an expired ticket', 'Error'),
          403: shared('Forbidden'),
          503: shared('Unavailable'),
        },
      },
    },
    '/api/sites': {
      get: {
        operationId: 'listSites',
        tags: ['sites'],
        summary: 'Registered sites, a page at a time, sorted by id',
        description: 'With a share token: only its own site, and the query is ignored.',
        security: READER,
        parameters: siteListParameters(),
        responses: {
          200: answer('a page of sites', 'SitePage', NO_STORE),
          400: shared('BadRequest'),
          401: shared('Unauthorized'),
          503: shared('Unavailable'),
        },
      },
      post: {
        operationId: 'registerSite',
        tags: ['sites'],
        summary: 'Register a site, or replace its registration',
        security: COLLECTOR,
        requestBody: { required: true, content: json('SiteRegistration') },
        responses: {
          200: answer('replaced', 'Site', NO_STORE),
          201: answer('registered', 'Site', NO_STORE),
          400: shared('BadRequest'),
          401: shared('Unauthorized'),
          503: shared('Unavailable'),
        },
      },
    },
    '/api/sites/refused': {
      get: {
        operationId: 'listRefusedSites',
        tags: ['sites'],
        summary: 'Site ids that sent events without being registered, newest first (at most 100)',
        security: COLLECTOR,
        responses: {
          200: answer('the refused ids', 'RefusedSites', NO_STORE),
          401: shared('Unauthorized'),
          503: shared('Unavailable'),
        },
      },
    },
    '/api/sites/{id}': {
      delete: {
        operationId: 'removeSite',
        tags: ['sites'],
        summary: 'Remove a site and everything of it',
        security: COLLECTOR,
        parameters: [{ name: 'id', in: 'path', required: true, schema: ref('SiteId') }],
        responses: {
          200: answer('removed', 'DeletedSite', NO_STORE),
          400: shared('BadRequest'),
          401: shared('Unauthorized'),
          404: answer('no such site: `{"error": "unknown site: <id>"}`', 'Error'),
          503: shared('Unavailable'),
        },
      },
    },
    '/api/shares': {
      post: {
        operationId: 'createShare',
        tags: ['shares'],
        summary: 'Create a read-only link to one site',
        security: COLLECTOR,
        requestBody: { required: true, content: json('CreateShare') },
        responses: {
          201: answer('created; the token is in this answer only', 'NewShareLink', NO_STORE),
          400: shared('BadRequest'),
          401: shared('Unauthorized'),
          503: shared('Unavailable'),
        },
      },
      get: {
        operationId: 'listShares',
        tags: ['shares'],
        summary: 'Share links, oldest first, without their tokens',
        security: COLLECTOR,
        parameters: [{ ...siteQuery("only this site's links"), required: false }],
        responses: {
          200: answer('the links', 'ShareLinks', NO_STORE),
          400: shared('BadRequest'),
          401: shared('Unauthorized'),
          503: shared('Unavailable'),
        },
      },
    },
    '/api/shares/{id}': {
      delete: {
        operationId: 'revokeShare',
        tags: ['shares'],
        summary: 'Revoke a share link: its token stops working, its open streams close within 15 s',
        security: COLLECTOR,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          204: { description: 'revoked' },
          401: shared('Unauthorized'),
          404: answer('no such share link', 'Error'),
          503: shared('Unavailable'),
        },
      },
    },
    '/': { get: page('dashboard', 'The dashboard (its API calls need a token)') },
    '/share/{token}': {
      get: {
        ...page('sharedDashboard', 'The read-only dashboard of a share link'),
        parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
      },
    },
    '/assets/{file}': {
      get: {
        operationId: 'dashboardAsset',
        tags: ['dashboard'],
        summary: "The dashboard's content-hashed scripts and styles, cacheable forever",
        security: PUBLIC,
        parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: {
            description: 'the file',
            headers: { 'Cache-Control': header('`public, max-age=31536000, immutable`') },
            content: Object.fromEntries(
              [
                'text/javascript',
                'text/css',
                'application/json',
                'image/svg+xml',
                'image/png',
                'font/woff2',
              ].map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
            ),
          },
          404: answer('no such file', 'Error'),
        },
      },
    },
    '/cp.js': {
      get: {
        operationId: 'sdkScript',
        tags: ['ingest'],
        summary: 'The SDK for a `<script>` tag',
        description: 'Gzipped when the browser accepts it; loadable from any origin.',
        security: PUBLIC,
        parameters: [{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
        responses: {
          200: {
            description: 'the script',
            headers: {
              ETag: header('a strong validator of this representation'),
              'Cache-Control': header('`public, max-age=300`'),
            },
            content: text('application/javascript'),
          },
          304: { description: 'the copy named by `If-None-Match` is current' },
          503: { description: 'the SDK is not built', content: text('text/plain') },
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'metrics',
        tags: ['operations'],
        summary: 'Prometheus metrics (text exposition format)',
        description:
          'Needs the collector token unless `CARTPULSE_METRICS_PUBLIC=1`; share tokens never open it. ' +
          'Answers 404 in a process started without metrics.',
        security: COLLECTOR,
        responses: {
          200: { description: 'the metrics', content: text('text/plain') },
          401: shared('Unauthorized'),
        },
      },
    },
    '/healthz': {
      get: {
        operationId: 'healthz',
        tags: ['operations'],
        summary: 'Liveness: the process answers',
        security: PUBLIC,
        responses: { 200: answer('alive', 'Health') },
      },
    },
    '/readyz': {
      get: {
        operationId: 'readyz',
        tags: ['operations'],
        summary: 'Readiness: this collector can count events now',
        security: PUBLIC,
        responses: {
          200: answer('ready', 'Health'),
          503: answer('not ready; `error` says why', 'NotReady'),
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'openapi',
        tags: ['operations'],
        summary: 'This document',
        security: PUBLIC,
        responses: {
          200: {
            description: 'OpenAPI 3.1',
            headers: { 'Cache-Control': header('`public, max-age=300`') },
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  };
}

function page(operationId: string, summary: string) {
  return {
    operationId,
    tags: ['dashboard'],
    summary,
    security: PUBLIC,
    responses: {
      200: { description: 'the page, with a strict Content-Security-Policy', content: text('text/html') },
      503: { description: 'the dashboard is not built', content: text('text/plain') },
    },
  };
}

/** The whole document (the route builds it once, on the first request). */
export function openapiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cartpulse collector',
      version: pkg.version,
      description:
        'Real-time analytics for shops: storefronts send events to `POST /ingest`; dashboards read live ' +
        'windows from `/api/realtime` and `/api/stream`. The protocol is explained in docs/protocol.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      { name: 'ingest', description: 'What storefronts call' },
      { name: 'live', description: 'Live numbers of one site' },
      { name: 'sites', description: 'The site registry' },
      { name: 'shares', description: 'Read-only links to one site' },
      { name: 'dashboard', description: "The dashboard's pages and files" },
      { name: 'operations', description: 'Health, readiness, metrics' },
    ],
    paths: paths(),
    components: {
      schemas: convert(SCHEMAS),
      responses: RESPONSES,
      headers: {
        RetryAfter: header('seconds to wait before sending again', { type: 'integer', minimum: 0 }),
      },
      securitySchemes: {
        collectorToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The collector token, `CARTPULSE_TOKEN`: every site, read and write.',
        },
        shareToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'cps_<id>_<secret>',
          description: "A share link's token: reads one site; a request for another site answers 403.",
        },
        streamTicket: {
          type: 'apiKey',
          in: 'query',
          name: 'ticket',
          description: "From `POST /api/stream/ticket`: opens one site's stream within 60 s.",
        },
      },
    },
  };
}

export function openapiRoutes() {
  const app = new Hono();
  let body: string | undefined;
  app.get('/openapi.json', (c) => {
    body ??= JSON.stringify(openapiDocument());
    return c.body(body, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    });
  });
  return app;
}
