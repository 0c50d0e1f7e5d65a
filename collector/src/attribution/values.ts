/**
 * Every value this module returns is at most this many UTF-16 units long, the measure the windows'
 * `dimensionValue` cuts by, so that a value leaves here already fit to be stored.
 */
export const VALUE_LIMIT = 100;

/** What GA4 shows for a value that is unknown. */
export const NOT_SET = '(not set)';

/** At most VALUE_LIMIT units; a surrogate pair that would be cut in two goes whole. */
export function clip(value: string): string {
  if (value.length <= VALUE_LIMIT) return value;
  const last = value.charCodeAt(VALUE_LIMIT - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? VALUE_LIMIT - 1 : VALUE_LIMIT);
}
