/**
 * The filter that narrows the whole view to the sessions of one breakdown row: how it is written on the
 * API (`?filter=channel:Email`), kept in the URL fragment (`#filter=channel:Email`, so a share link
 * carries it) and named on screen ("Channel: Email").
 */
import type { BrowserEnv } from './credentials.js';
import type { Dimension, Filter } from './snapshot.js';

/** What each dimension is called on screen; the keys are every dimension the dashboard knows. */
export const DIMENSION_LABELS: Record<Dimension, string> = {
  channel: 'Channel',
  source: 'Source',
  campaign: 'Campaign',
  country: 'Country',
  device: 'Device',
  browser: 'Browser',
  os: 'OS',
  entry: 'Entry page',
};

export const isDimension = (name: string): name is Dimension => Object.hasOwn(DIMENSION_LABELS, name);

/** `channel:Organic Search` → a filter, split at the first colon (values may hold colons); else null. */
export function parseFilter(text: string | null): Filter | null {
  if (!text) return null;
  const colon = text.indexOf(':');
  const dimension = text.slice(0, colon);
  const value = text.slice(colon + 1);
  return colon > 0 && value !== '' && isDimension(dimension) ? { dimension, value } : null;
}

/**
 * The `filter` parameter as it goes in a query string or the fragment: the value percent-encoded, the
 * colon left as it is (it is allowed there), so logs and share links stay readable.
 */
export const filterParam = (filter: Filter) => `${filter.dimension}:${encodeURIComponent(filter.value)}`;

/** A string that is equal for equal filters (and `''` for none): for effect dependencies and comparisons. */
export const filterKey = (filter: Filter | null | undefined) =>
  filter ? `${filter.dimension}:${filter.value}` : '';

/** The filter in the URL fragment (`#filter=`), ignoring one that names no known dimension. */
export function filterFromUrl(env: Pick<BrowserEnv, 'location'>): Filter | null {
  return parseFilter(new URLSearchParams(env.location.hash.slice(1)).get('filter'));
}

/**
 * Records the filter in the fragment, or removes it, without adding a history entry. The fragment's other
 * parameters (`share=`) are kept exactly as they were written.
 */
export function putFilterInUrl(env: Pick<BrowserEnv, 'location' | 'history'>, filter: Filter | null): void {
  const { pathname, search, hash } = env.location;
  const parts = hash
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && part.split('=')[0] !== 'filter');
  if (filter) parts.push(`filter=${filterParam(filter)}`);
  env.history.replaceState(null, '', `${pathname}${search}${parts.length ? `#${parts.join('&')}` : ''}`);
}
