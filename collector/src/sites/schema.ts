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
});

export type SiteRegistration = v.InferInput<typeof SiteRegistrationSchema>;

/** Fails the typecheck when the schema stops taking exactly the protocol's `SiteInput`. */
export type RegistrationIsTheProtocol = [
  Holds<Same<SiteRegistration, SiteInput>>,
  Holds<Same<v.InferOutput<typeof SiteRegistrationSchema>, SiteInput>>,
];

/** A registered site as stored: what `GET /api/sites` shows of it, and when it was registered. */
export interface Site extends PublicSite {
  /** Epoch ms of the registration. */
  createdAt: number;
}

export function siteFromRegistration(
  registration: v.InferOutput<typeof SiteRegistrationSchema>,
  now: number,
): Site {
  const site: Site = {
    id: registration.id,
    name: registration.name || registration.id,
    timezone: registration.timezone ?? 'UTC',
    origins: [...new Set(registration.origins ?? [])],
    createdAt: now,
  };
  if (registration.rateLimit !== undefined) site.rateLimit = registration.rateLimit;
  return site;
}

/** What `GET /api/sites` shows of a site: the protocol's `Site`. */
export type { PublicSite };

export function publicSite({ id, name, timezone, origins, rateLimit }: Site): PublicSite {
  return rateLimit === undefined
    ? { id, name, timezone, origins }
    : { id, name, timezone, origins, rateLimit };
}
