/**
 * Stream tickets. A browser's EventSource cannot send an `Authorization` header, so the dashboard first
 * asks `POST /api/stream/ticket?site=<id>` (with the Bearer token, like every API call) and then opens
 * `GET /api/stream?site=<id>&ticket=<ticket>`. A ticket is short-lived (60 s to open the stream), names one
 * site, and is signed with a key derived from `CARTPULSE_TOKEN`, so every collector of a deployment
 * accepts the others' tickets and none is stored. Tickets in URLs can reach access logs: that is why
 * they expire quickly and never carry the token itself.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TicketClaims {
  site: string;
  /** Epoch ms after which the ticket no longer opens a stream. */
  expiresAt: number;
  /** The share link the ticket was issued for; absent for the collector token. */
  share?: string;
}

/** How long a ticket can be used to open a stream. @default 60 s */
export const TICKET_TTL_MS = 60_000;

const keyFor = (secret: string) => createHmac('sha256', secret).update('cartpulse stream ticket v1').digest();

export function issueTicket(secret: string, claims: TicketClaims): string {
  const body = Buffer.from(JSON.stringify({ s: claims.site, e: claims.expiresAt, h: claims.share })).toString(
    'base64url',
  );
  const mac = createHmac('sha256', keyFor(secret)).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/** The ticket's claims when its signature holds and it has not expired at `now`; otherwise null. */
export function readTicket(secret: string, ticket: string, now: number): TicketClaims | null {
  const [body, mac, extra] = ticket.split('.');
  if (!body || !mac || extra !== undefined) return null;
  const expected = createHmac('sha256', keyFor(secret)).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const { s, e, h } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof s !== 'string' || typeof e !== 'number' || now > e) return null;
    return typeof h === 'string' ? { site: s, expiresAt: e, share: h } : { site: s, expiresAt: e };
  } catch {
    return null;
  }
}
