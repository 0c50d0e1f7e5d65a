/**
 * Reading the snapshot's breakdowns: lists that may be missing (older collectors send none) and values
 * turned into what people read ("Germany", "Mobile", "/café").
 */
import { countryName, flag, NOT_SET } from './country.js';
import { DIMENSION_LABELS } from './filter.js';
import { displayPath } from './format.js';
import type { BreakdownRow, Dimension, Filter, Snapshot } from './snapshot.js';

/** The row that sums everything below the top 10: not a value one can filter by. */
export const OTHER = '(other)';

/** The rows of one dimension; empty when the snapshot has none for it. */
export function breakdownRows(snapshot: Snapshot, dimension: Dimension): BreakdownRow[] {
  return snapshot.breakdowns?.[dimension] ?? [];
}

/** Whether any dimension has a row: a filtered snapshot, or a collector without breakdowns, has none. */
export function hasBreakdowns(snapshot: Snapshot): boolean {
  return Object.values(snapshot.breakdowns ?? {}).some((rows) => rows.length > 0);
}

/** A value as shown: country names, capitalized devices, decoded paths; storefront text stays text. */
export function valueLabel(dimension: Dimension, value: string): string {
  if (value === OTHER) return 'Other';
  if (dimension === 'country') return countryName(value);
  if (value === NOT_SET) return value;
  if (dimension === 'device') return value.charAt(0).toUpperCase() + value.slice(1);
  if (dimension === 'entry') return displayPath(value);
  return value;
}

/** The flag shown before a country; `''` for every other dimension. */
export const valueIcon = (dimension: Dimension, value: string) =>
  dimension === 'country' ? flag(value) : '';

/** "Channel: Email", as the filter chip and the row's button name it. */
export const filterLabel = (filter: Filter) =>
  `${DIMENSION_LABELS[filter.dimension]}: ${valueLabel(filter.dimension, filter.value)}`;
