/**
 * The dimensions live traffic is broken down and filtered by, and how a session's attribution (one value
 * per dimension) names the keys and fields it is counted in.
 *
 * A session's values are counted twice over: in the site's own e-commerce buckets, as fields per
 * dimension and value (`@v`, `@p`, `@o`, `@r` below), so that one snapshot read gives every breakdown
 * row; and in a *segment*, a site of its own per dimension and value (`<site>\x1f<dimension>\x1f<value>`,
 * in the site's partition), which holds the whole window set for the filtered view.
 */
export const DIMENSIONS = [
  'channel',
  'source',
  'campaign',
  'country',
  'device',
  'browser',
  'os',
  'entry',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** One value per dimension, in the order of `DIMENSIONS`. */
export type Attribution = string[];

/** The value of a dimension that has none (GA4's word for it). */
export const NOT_SET = '(not set)';
/** The row summing every row after the top ones. */
export const OTHER = '(other)';
/** Longest value kept; longer ones are cut (bounded keys and fields). */
export const VALUE_CHARS = 100;

/** Separates the parts of segment ids and breakdown fields: it cannot occur in a site id or a value. */
export const SEPARATOR = '\x1f';

export const isDimension = (name: string): name is Dimension =>
  (DIMENSIONS as readonly string[]).includes(name);

/** A value fit to be a part of a key: control characters (the separator among them) gone, bounded. */
export function dimensionValue(value: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = (value ?? '').replace(/[\x00-\x1f\x7f]/g, '').trim();
  return clean === '' ? NOT_SET : clean.slice(0, VALUE_CHARS);
}

export const segmentOf = (site: string, dimension: Dimension, value: string) =>
  `${site}${SEPARATOR}${dimension}${SEPARATOR}${value}`;

/** The segments a session with this attribution is counted in, one per dimension. */
export const segmentsOf = (site: string, attribution: Attribution) =>
  DIMENSIONS.map((dimension, i) => segmentOf(site, dimension, attribution[i]));

export const isSegment = (id: string) => id.includes(SEPARATOR);

/** Breakdown counters kept in the site's e-commerce buckets. */
export const BREAKDOWN_FIELD = {
  /** Visitors whose latest event with this value falls in the bucket (so the window's sum is distinct visitors). */
  visitors: '@v',
  pageviews: '@p',
  /** Orders, at their first sighting. */
  orders: '@o',
  /** Revenue units of the first sighting, with the currency after the marker: `@r<SEP>EUR<SEP>…`. */
  revenue: '@r',
} as const;

export const breakdownField = (counter: string, dimension: Dimension, value: string) =>
  `${counter}${SEPARATOR}${dimension}${SEPARATOR}${value}`;
export const revenueField = (currency: string, dimension: Dimension, value: string) =>
  `${BREAKDOWN_FIELD.revenue}${SEPARATOR}${currency}${SEPARATOR}${dimension}${SEPARATOR}${value}`;

export interface Filter {
  dimension: Dimension;
  value: string;
}

/** `channel:Email` → a filter (split at the first colon); undefined when it names no dimension. */
export function parseFilter(text: string): Filter | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const dimension = text.slice(0, colon);
  if (!isDimension(dimension)) return undefined;
  return { dimension, value: dimensionValue(text.slice(colon + 1)) };
}
