/**
 * The snapshot's breakdowns, from the breakdown counters among the e-commerce window's sums
 * (windows/dimensions.ts `BREAKDOWN_FIELD`): per dimension the top rows by visitors, then one `(other)`
 * row summing the rest, as GA4 does.
 */
import { REVENUE_UNITS } from './arithmetic.js';
import { BREAKDOWN_FIELD, DIMENSIONS, type Dimension, isDimension, OTHER, SEPARATOR } from './dimensions.js';

export interface BreakdownRow {
  value: string;
  /** Distinct visitors with an event of this row in the window. */
  visitors: number;
  pageviews: number;
  /** Orders whose first sighting falls in the window. */
  orders: number;
  /** Per ISO 4217 currency, each order once. */
  revenue: Record<string, number>;
}

export const BREAKDOWN_ROWS = 10;

export const emptyBreakdowns = (): Record<Dimension, BreakdownRow[]> =>
  Object.fromEntries(DIMENSIONS.map((d) => [d, []])) as unknown as Record<Dimension, BreakdownRow[]>;

interface Counts {
  visitors: number;
  pageviews: number;
  orders: number;
  /** Revenue units per currency. */
  revenue: Record<string, number>;
}

/** @param sums the e-commerce window's running sums, field → n */
export function breakdownsOf(sums: Record<string, number>): Record<Dimension, BreakdownRow[]> {
  const byDimension = new Map<Dimension, Map<string, Counts>>();
  for (const [field, n] of Object.entries(sums)) {
    if (field.charCodeAt(0) !== 64 /* @ */ || n === 0) continue;
    const parts = field.split(SEPARATOR);
    const counter = parts[0];
    const currency = counter === BREAKDOWN_FIELD.revenue ? parts[1] : undefined;
    const [dimension, value] = currency === undefined ? [parts[1], parts[2]] : [parts[2], parts[3]];
    if (!isDimension(dimension) || value === undefined) continue;
    let rows = byDimension.get(dimension);
    if (!rows) byDimension.set(dimension, (rows = new Map()));
    let counts = rows.get(value);
    if (!counts) rows.set(value, (counts = { visitors: 0, pageviews: 0, orders: 0, revenue: {} }));
    if (counter === BREAKDOWN_FIELD.visitors) counts.visitors += n;
    else if (counter === BREAKDOWN_FIELD.pageviews) counts.pageviews += n;
    else if (counter === BREAKDOWN_FIELD.orders) counts.orders += n;
    else if (currency !== undefined) counts.revenue[currency] = (counts.revenue[currency] ?? 0) + n;
  }
  const breakdowns = emptyBreakdowns();
  for (const [dimension, rows] of byDimension) breakdowns[dimension] = rankRows(rows);
  return breakdowns;
}

/** Most visitors first (then pageviews, then the value), the top rows, then `(other)` for the rest. */
export function rankRows(rows: Map<string, Counts>, top = BREAKDOWN_ROWS): BreakdownRow[] {
  const ranked = [...rows]
    .filter(([, c]) => c.visitors > 0 || c.pageviews > 0 || c.orders > 0)
    .sort(
      ([a, x], [b, y]) =>
        y.visitors - x.visitors || y.pageviews - x.pageviews || (a < b ? -1 : a > b ? 1 : 0),
    );
  const shown = ranked.slice(0, top).map(([value, c]) => row(value, c));
  if (ranked.length > top) {
    const rest: Counts = { visitors: 0, pageviews: 0, orders: 0, revenue: {} };
    for (const [, c] of ranked.slice(top)) {
      rest.visitors += c.visitors;
      rest.pageviews += c.pageviews;
      rest.orders += c.orders;
      for (const [currency, units] of Object.entries(c.revenue))
        rest.revenue[currency] = (rest.revenue[currency] ?? 0) + units;
    }
    shown.push(row(OTHER, rest));
  }
  return shown;
}

function row(value: string, c: Counts): BreakdownRow {
  const revenue: Record<string, number> = {};
  for (const [currency, units] of Object.entries(c.revenue))
    if (units !== 0) revenue[currency] = units / REVENUE_UNITS;
  return { value, visitors: c.visitors, pageviews: c.pageviews, orders: c.orders, revenue };
}
