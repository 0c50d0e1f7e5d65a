/**
 * The rules of the add-site form, checked before the request so that a mistake is explained beside the
 * field: the collector's id pattern, origins one per line, the time-zone list and the tracking snippet.
 * The collector checks again and has the last word (its `400` message is shown as is).
 */
import type { SiteInput } from './api.js';

/**
 * A site id: the collector's `SiteIdSchema` (site-form.test.ts checks they agree). Written for the HTML
 * `pattern` attribute, which anchors it and compiles it with the `v` flag, hence the escaped `-`.
 */
export const SITE_ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9._:\\-]{0,63}';
const SITE_ID = new RegExp(`^${SITE_ID_PATTERN}$`, 'u');

/** What the form holds, as typed. */
export interface SiteFields {
  id: string;
  name: string;
  timezone: string;
  /** One origin per line. */
  origins: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The request body for `POST /api/sites`, or what is wrong with the fields. Empty fields are left out. */
export function siteInput(fields: SiteFields): Checked<SiteInput> {
  const id = fields.id.trim();
  if (!SITE_ID.test(id))
    return {
      ok: false,
      problem: 'The id is 1 to 64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit.',
    };
  const origins = parseOrigins(fields.origins);
  if (!origins.ok) return origins;
  const input: SiteInput = { id };
  const name = fields.name.trim();
  const timezone = fields.timezone.trim();
  if (name) input.name = name;
  if (timezone) input.timezone = timezone;
  if (origins.value.length) input.origins = origins.value;
  return { ok: true, value: input };
}

/**
 * Origins one per line, blank lines skipped, duplicates dropped. `https://shop.example/` is taken as its
 * origin (people paste the address bar); a path, query, or missing scheme is refused, since the collector
 * compares the bare origin a browser sends.
 */
export function parseOrigins(text: string): Checked<string[]> {
  const origins = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim();
    if (!entry) continue;
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {}
    const bare = url && url.pathname === '/' && !url.search && !url.hash && !url.username;
    if (!url || !/^https?:$/.test(url.protocol) || !bare)
      return {
        ok: false,
        problem: `"${entry}" is not an origin: write the scheme, host and optional port, such as https://shop.example.`,
      };
    origins.add(url.origin);
  }
  return { ok: true, value: [...origins] };
}

/** The tag a shop puts in its pages; the collector serves both the dashboard and `cp.js`. */
export function snippetFor(collectorOrigin: string, site: string): string {
  return `<script defer src="${collectorOrigin}/cp.js" data-site="${site}"></script>`;
}

let zones: string[] | undefined;

/**
 * IANA time-zone names for the form's list, UTC first (browsers leave it out of
 * `Intl.supportedValuesOf`); empty where the browser cannot list them, and the form asks for text.
 */
export function timeZoneNames(): string[] {
  if (!zones) {
    const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = listed.length ? ['UTC', ...listed.filter((zone) => zone !== 'UTC')] : [];
  }
  return zones;
}

/** The viewer's time zone: the likely one for a shop its owner registers. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
