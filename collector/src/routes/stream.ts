/**
 * `GET /api/stream?site=<id>`: the site's snapshot as Server-Sent Events (docs/protocol.md, "Live
 * updates"). A `snapshot` message whenever the numbers change, at most one per `tickMs`; `unchanged` with
 * the server time when nothing changed for 5 s; a `: heartbeat` comment every `heartbeatMs` for proxies.
 * Message ids are content versions: a client resuming with `Last-Event-ID` (or `?lastEventId=`, for a
 * fresh EventSource) that is up to date gets `unchanged` instead of the whole snapshot.
 *
 * One hub per app reads each watched site once per tick for all of its viewers (`live/hub.ts`).
 *
 * Credentials: `Authorization: Bearer` (collector or share token), or `?ticket=` from
 * `POST /api/stream/ticket?site=<id>` for browsers, whose EventSource cannot send headers
 * (`live/tickets.ts`).
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { streamSSE } from 'hono/streaming';
import * as v from 'valibot';
import type { AppContext } from '../context.js';
import { requireToken, type Viewer, viewerOf } from '../http/auth.js';
import { badRequest, forbidden, storageFailure, unauthorized } from '../http/errors.js';
import { filterParam } from '../http/filter-param.js';
import { createHub, type Hub, type HubMessage } from '../live/hub.js';
import { issueTicket, readTicket, TICKET_TTL_MS } from '../live/tickets.js';
import { SiteIdSchema } from '../protocol/schema.js';
import { sharesFor } from '../shares/context.js';
import { type Dimension, SEPARATOR, segmentOf } from '../windows/dimensions.js';

export interface StreamOptions {
  /** Time between snapshot reads of a watched site: at most this many messages a second per viewer. @default 250 */
  tickMs?: number;
  /** Longest silence before an `unchanged` confirmation. @default 5000 */
  confirmMs?: number;
  /** Interval of the heartbeat comment; a revoked share link's streams close at the next one. @default 15000 */
  heartbeatMs?: number;
  /** Reconnection delay suggested to EventSource (`retry:`). @default 2000 */
  retryMs?: number;
  /** The hub; tests pass one to observe it. @default one per app, reading `ctx.snapshot` */
  hub?: Hub;
}

const siteOf = (c: Context) => v.safeParse(SiteIdSchema, c.req.query('site'));

export function streamRoutes(ctx: AppContext, options: StreamOptions = {}) {
  const { tickMs = 250, confirmMs = 5000, heartbeatMs = 15_000, retryMs = 2000 } = options;
  const hub =
    options.hub ??
    createHub({
      read: (watched) => {
        const [site, dimension, value] = watched.split(SEPARATOR);
        return ctx.snapshot(
          site,
          undefined,
          dimension ? { dimension: dimension as Dimension, value } : undefined,
        );
      },
      tickMs,
      confirmMs,
      // read a site when its windows changed or their edges moved, not every tick
      edgeMs: ctx.options.granularityMs,
      onError: (site, error) =>
        ctx.log.warn({ err: error, site, route: '/api/stream' }, 'live stream read failed; retrying'),
    });
  /** Site → the filtered views of it being watched (segment ids), which change with the site. */
  const filtered = new Map<string, Map<string, number>>();
  ctx.applied.listen((sites) => {
    for (const site of sites) {
      hub.changed(site);
      for (const segment of filtered.get(site)?.keys() ?? []) hub.changed(segment);
    }
  });
  const shares = sharesFor(ctx);
  const bearer = requireToken(ctx.options.token, { shares });
  const app = new Hono();

  /** A ticket in the query, else the Bearer header. */
  const ticketOrBearer: MiddlewareHandler = async (c, next) => {
    const ticket = c.req.query('ticket');
    if (ticket === undefined) return bearer(c, next);
    const claims = readTicket(ctx.options.token, ticket, ctx.options.clock());
    if (!claims) return c.json({ error: 'stream ticket is invalid or expired: get a new one' }, 401);
    if (claims.site !== c.req.query('site')) return forbidden(c, 'this ticket is for another site');
    let viewer: Viewer = { kind: 'token' };
    if (claims.share) {
      try {
        const share = await shares.get(claims.share);
        if (!share || share.site !== claims.site) return unauthorized(c);
        viewer = { kind: 'share', share };
      } catch (error) {
        return storageFailure(c, ctx, error, '/api/stream');
      }
    }
    c.set('viewer', viewer);
    return next();
  };

  app.post('/api/stream/ticket', bearer, (c) => {
    const site = siteOf(c);
    if (!site.success) return badRequest(c, 'query parameter site is missing or not a site id');
    const viewer = viewerOf(c);
    const expiresAt = ctx.options.clock() + TICKET_TTL_MS;
    const share = viewer.kind === 'share' ? viewer.share.id : undefined;
    const ticket = issueTicket(ctx.options.token, { site: site.output, expiresAt, share });
    return c.json({ ticket, expiresAt }, 200, { 'Cache-Control': 'no-store' });
  });

  app.get('/api/stream', ticketOrBearer, (c) => {
    const site = siteOf(c);
    if (!site.success) return badRequest(c, 'query parameter site is missing or not a site id');
    const filter = filterParam(c, ctx.options.breakdowns);
    if (!filter.ok) return badRequest(c, filter.error);
    const watched = filter.filter
      ? segmentOf(site.output, filter.filter.dimension, filter.filter.value)
      : site.output;
    const viewer = viewerOf(c);
    const lastEventId = c.req.header('last-event-id') || c.req.query('lastEventId') || undefined;
    c.header('X-Accel-Buffering', 'no'); // nginx: pass events through at once
    return streamSSE(c, async (stream) => {
      await stream.write(`retry: ${retryMs}\n\n`);
      // Latest wins: a slow client skips intermediate snapshots instead of queueing them, but never
      // loses a snapshot to a mere confirmation.
      let pending: HubMessage | null = null;
      let writing = false;
      const pump = async () => {
        writing = true;
        while (pending && !stream.aborted && !stream.closed) {
          const message: HubMessage = pending;
          pending = null;
          await stream.writeSSE({ event: message.event, id: message.id, data: message.data });
        }
        writing = false;
      };
      if (watched !== site.output) {
        const views = filtered.get(site.output) ?? new Map<string, number>();
        filtered.set(site.output, views.set(watched, (views.get(watched) ?? 0) + 1));
      }
      const unsubscribe = hub.subscribe(
        watched,
        (message) => {
          if (!(pending?.event === 'snapshot' && message.event === 'unchanged')) pending = message;
          if (!writing) void pump();
        },
        lastEventId,
      );
      ctx.hooks.onStreamOpened?.();
      await new Promise<void>((resolve) => {
        const heartbeat = setInterval(async () => {
          if (viewer.kind === 'share') {
            const still = await shares.get(viewer.share.id).catch(() => viewer.share);
            if (!still) return finish();
          }
          await stream.write(': heartbeat\n\n');
        }, heartbeatMs);
        function finish() {
          clearInterval(heartbeat);
          resolve();
        }
        stream.onAbort(finish);
      });
      unsubscribe();
      const views = filtered.get(site.output);
      if (views?.has(watched)) {
        const left = (views.get(watched) ?? 1) - 1;
        if (left > 0) views.set(watched, left);
        else views.delete(watched);
        if (views.size === 0) filtered.delete(site.output);
      }
      ctx.hooks.onStreamClosed?.();
    });
  });

  return app;
}
