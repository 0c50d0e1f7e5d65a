/**
 * The site directory on the wire (docs/protocol.md, "Sites"): what `POST /api/sites` takes, what
 * `GET /api/sites` and `GET /api/sites/refused` answer. The registration body is validated by the
 * collector's valibot schema (`collector/src/sites/schema.ts`), proven at compile time to take `SiteInput`.
 */

/** A registered site, as `GET /api/sites` lists it and `POST /api/sites` answers. */
export interface Site {
  id: string;
  /** Display name; the id when none was given. */
  name: string;
  /** IANA time zone of the shop: what "today" means for the site. */
  timezone: string;
  /** Origins allowed to send events; empty: any origin. */
  origins: string[];
  /** Events per second one collector accepts for the site; absent: the collector's `CARTPULSE_RATE_LIMIT`. */
  rateLimit?: number;
}

/** What `POST /api/sites` takes: only the id is required. */
export interface SiteInput {
  /** 1–64 letters, digits, `.`, `_`, `:` or `-`, starting with a letter or digit. */
  id: string;
  /** At most 128 characters. @default the id */
  name?: string;
  /** An IANA name such as `Europe/Berlin`. @default 'UTC' */
  timezone?: string;
  /** Scheme, host and optional port, such as `https://shop.example`; at most 100. @default [] (any origin) */
  origins?: string[];
  /** Events per second, 1–10,000,000. @default CARTPULSE_RATE_LIMIT */
  rateLimit?: number;
  /**
   * Write-only: the key Shopify signs the site's webhooks with (`X-Shopify-Hmac-Sha256`), 1–256 characters.
   * Never shown by any answer. Absent: the stored one is kept; `null`: removed (Shopify webhooks then get `401`).
   */
  shopifySecret?: string | null;
  /**
   * Write-only: the secret of the site's WooCommerce webhooks (`X-WC-Webhook-Signature`), 1–256 characters.
   * Never shown by any answer. Absent: the stored one is kept; `null`: removed.
   */
  woocommerceSecret?: string | null;
}

/** The query of `GET /api/sites`. */
export interface SiteQuery {
  /** Substring of the id or the name, case-insensitive. */
  q?: string;
  /** Ids after this one: the `next` of the previous page. */
  cursor?: string;
  /** Sites per page, at most 1,000. @default 100 */
  limit?: number;
}

/** One page of `GET /api/sites`, sorted by id. */
export interface SitePage {
  sites: Site[];
  /** Sites matching the query, on every page. */
  total: number;
  /** Cursor of the next page, or null on the last. */
  next: string | null;
}

/** An id that sent events while unregistered, so that someone can register it. */
export interface RefusedSite {
  site: string;
  /** Events refused. */
  events: number;
  /** Epoch ms (server clock) of the last refused request. */
  lastAt: number;
}

/** The answer to `GET /api/sites/refused`: at most 100 ids, newest first. */
export interface RefusedSiteList {
  refused: RefusedSite[];
}

/**
 * A server key of a site, as `GET /api/sites/<id>/keys` lists it: never the key itself. Server keys let the
 * shop's backend send orders to `POST /ingest/orders`.
 */
export interface ServerKey {
  /** 12 hex digits: what `DELETE /api/sites/<id>/keys/<keyId>` names. */
  id: string;
  /** Epoch ms (server clock). */
  createdAt: number;
}

/** The answer to `POST /api/sites/<id>/keys`: the only time the key is shown. */
export interface NewServerKey {
  id: string;
  /** The key, `cpk_<43 characters>`: sent as `Authorization: Bearer <key>`. Only its SHA-256 is stored. */
  key: string;
}

/** The answer to `GET /api/sites/<id>/keys`, oldest first. */
export interface ServerKeyList {
  keys: ServerKey[];
}
