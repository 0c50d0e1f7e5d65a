/**
 * What a site's registration holds: the one definition, used by the API, the CLI and the registry. The
 * body is the protocol's `SiteInput` (proven below), a registered site what the protocol calls `Site`.
 */
import type { Site as PublicSite, SiteInput } from '@cartpulse/protocol';
import * as v from 'valibot';
import { SiteIdSchema } from '../protocol/schema.js';
import type { Holds, Same } from '../protocol/same.js';

/** IANA time-zone names this runtime knows (plus UTC, which some runtimes leave out of the list). */
const TIME_ZONES: ReadonlySet<string> = new Set([
  'UTC',
  ...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []),
]);

function isTimeZone(name: string): boolean {
  if (TIME_ZONES.has(name)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** `https://shop.example` or `http://localhost:8788`: scheme, host and port, nothing else. */
const OriginSchema = v.pipe(
  v.string('an origin must be a string'),
  v.check((text) => {
    try {
      return new URL(text).origin === text;
    } catch {
      return false;
    }
  }, 'an origin is a scheme, host and optional port, such as "https://shop.example", without a path'),
);

/** A webhook secret: write-only, 1–256 characters; `null` removes the stored one. */
const secret = (field: string) =>
  v.optional(
    v.nullable(
      v.pipe(
        v.string(`${field} must be a string (or null to remove it)`),
        v.minLength(1, `${field} must not be empty: send null to remove it`),
        v.maxLength(256, `${field}: at most 256 characters`),
      ),
    ),
  );

export const SiteRegistrationSchema = v.object({
  id: SiteIdSchema,
  /** Display name. @default the id */
  name: v.optional(
    v.pipe(v.string('name must be a string'), v.trim(), v.maxLength(128, 'name: at most 128 characters')),
  ),
  /** IANA time zone of the shop, for "today". @default 'UTC' */
  timezone: v.optional(
    v.pipe(
      v.string('timezone must be a string'),
      v.check(isTimeZone, 'timezone must be an IANA name such as "Europe/Berlin"'),
    ),
  ),
  /** Origins allowed to send events; empty or absent: any origin. */
  origins: v.optional(
    v.pipe(v.array(OriginSchema, 'origins must be an array'), v.maxLength(100, 'at most 100 origins')),
  ),
  /** Events per second one collector accepts for this site. @default CARTPULSE_RATE_LIMIT */
  rateLimit: v.optional(
    v.pipe(
      v.number('rateLimit must be a number'),
      v.integer('rateLimit must be a whole number'),
      v.minValue(1),
      v.maxValue(10_000_000),
    ),
  ),
  /** Write-only: the key of the site's Shopify webhooks. Absent: kept; null: removed. */
  shopifySecret: secret('shopifySecret'),
  /** Write-only: the secret of the site's WooCommerce webhooks. Absent: kept; null: removed. */
  woocommerceSecret: secret('woocommerceSecret'),
});

export type SiteRegistration = v.InferInput<typeof SiteRegistrationSchema>;

/** Fails the typecheck when the schema stops taking exactly the protocol's `SiteInput`. */
export type RegistrationIsTheProtocol = [
  Holds<Same<SiteRegistration, SiteInput>>,
  Holds<Same<v.InferOutput<typeof SiteRegistrationSchema>, SiteInput>>,
];

/**
 * A registered site as stored: what `GET /api/sites` shows of it, when it was registered, and its webhook
 * secrets, which no answer and no log line ever shows (`publicSite` picks the public fields).
 */
export interface Site extends PublicSite {
  /** Epoch ms of the registration. */
  createdAt: number;
  /** Key of the `X-Shopify-Hmac-Sha256` signatures of `/webhooks/shopify/<id>`. */
  shopifySecret?: string;
  /** Secret of the `X-WC-Webhook-Signature` signatures of `/webhooks/woocommerce/<id>`. */
  woocommerceSecret?: string;
}

/**
 * The site a registration makes. Registering a site again replaces it, but keeps its registration time
 * and each webhook secret the new registration leaves out (`null` removes one).
 * @param before the site as registered so far, if it was
 */
export function siteFromRegistration(
  registration: v.InferOutput<typeof SiteRegistrationSchema>,
  now: number,
  before?: Site,
): Site {
  const site: Site = {
    id: registration.id,
    name: registration.name || registration.id,
    timezone: registration.timezone ?? 'UTC',
    origins: [...new Set(registration.origins ?? [])],
    createdAt: before?.createdAt ?? now,
  };
  if (registration.rateLimit !== undefined) site.rateLimit = registration.rateLimit;
  const shopifySecret =
    registration.shopifySecret === undefined ? before?.shopifySecret : registration.shopifySecret;
  if (shopifySecret) site.shopifySecret = shopifySecret;
  const woocommerceSecret =
    registration.woocommerceSecret === undefined ? before?.woocommerceSecret : registration.woocommerceSecret;
  if (woocommerceSecret) site.woocommerceSecret = woocommerceSecret;
  return site;
}

/** What `GET /api/sites` shows of a site: the protocol's `Site`. */
export type { PublicSite };

export function publicSite({ id, name, timezone, origins, rateLimit }: Site): PublicSite {
  return rateLimit === undefined
    ? { id, name, timezone, origins }
    : { id, name, timezone, origins, rateLimit };
}
