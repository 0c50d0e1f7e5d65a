/**
 * Number, money and time formatting for the dashboard: pure functions, locale injectable for tests; clock
 * times in the site's time zone.
 */
import type { Site } from './api.js';

const integerFormats = new Map<string, Intl.NumberFormat>();

/** `1234` → `1,234` (in the viewer's locale). */
export function formatCount(value: number, locale?: string): string {
  const key = locale ?? '';
  let format = integerFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    integerFormats.set(key, format);
  }
  return format.format(value);
}

/** `37.5, 'EUR'` → `€37.50`; an unknown currency code falls back to `37.50 XYZ`. */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** For tight rows: exact below 1,000 (`€37.50`), compact from there (`€1.2K`). */
export function formatMoneyShort(amount: number, currency: string, locale?: string): string {
  if (Math.abs(amount) < 1000) return formatMoney(amount, currency, locale);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(amount);
  } catch {
    return formatMoney(amount, currency, locale);
  }
}

/**
 * Revenue in several currencies, compact enough for one row: the first `limit` currencies (by code, as in
 * the headline), how many more there are, and every amount in full for a tooltip.
 */
export function revenueSummary(
  revenue: Record<string, number>,
  locale?: string,
  limit = 1,
): { shown: string[]; more: number; full: string } {
  const currencies = Object.entries(revenue).sort(([a], [b]) => a.localeCompare(b));
  return {
    shown: currencies.slice(0, limit).map(([currency, amount]) => formatMoneyShort(amount, currency, locale)),
    more: Math.max(0, currencies.length - limit),
    full: currencies.map(([currency, amount]) => formatMoney(amount, currency, locale)).join(' · '),
  };
}

/** A 0–1 ratio as a percentage with one decimal: `0.3333` → `33.3%`. */
export function formatRate(ratio: number, locale?: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(Number.isFinite(ratio) ? ratio : 0);
}

/** Step-to-step share of a funnel, `null` when the previous step is empty. */
export function stepRate(previous: number, current: number): number | null {
  return previous > 0 ? current / previous : null;
}

/** How long ago `then` was, as a viewer reads it: `just now`, `12 s ago`, `3 min ago`, `2 h ago`. */
export function ago(then: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  if (seconds < 2) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The local date (`YYYY-MM-DD`) and 24-hour time (`HH:MM`) of `ms` in an IANA time zone, as the site's day
 * is counted; UTC for a zone this browser does not know.
 *
 * @example zoneClock(Date.UTC(2026, 2, 29, 1), 'Europe/Berlin') // { date: '2026-03-29', time: '03:00' }
 */
export function zoneClock(ms: number, timeZone: string): { date: string; time: string } {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    };
    try {
      format = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    }
    zoneFormats.set(timeZone, format);
  }
  const part: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(ms)) part[type] = value;
  return { date: `${part.year}-${part.month}-${part.day}`, time: `${part.hour}:${part.minute}` };
}

/** A window length as the label beside a number: `300000` → `5 min`. */
export function windowLabel(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60} h`;
  if (minutes >= 1) return `${Math.round(minutes)} min`;
  return `${Math.round(ms / 1000)} s`;
}

const EVENT_LABELS: Record<string, string> = {
  pageview: 'Pageview',
  event: 'Event',
  view_item: 'Viewed item',
  add_to_cart: 'Added to cart',
  remove_from_cart: 'Removed from cart',
  begin_checkout: 'Began checkout',
  purchase: 'Purchase',
};

/** Human name of an event type; an unknown type shows as itself. */
export function eventLabel(type: string): string {
  return EVENT_LABELS[type] ?? type;
}

/**
 * A page path as people read it: percent-escapes decoded (`/caf%C3%A9` → `/café`), except the reserved
 * characters that would change its meaning (`%2F`, `%3F`, `%23`). Shown as text, never as markup.
 */
export function displayPath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** A site as people pick it: `My Shop (my-shop)`, or the id alone when the name is the id. */
export function siteLabel(site: Pick<Site, 'id' | 'name'>): string {
  return site.name && site.name !== site.id ? `${site.name} (${site.id})` : site.id;
}
