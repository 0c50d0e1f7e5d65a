/**
 * Country of the client address, from the ranges in ./country-db.ts. The ranges load when this module
 * is imported (a few hundred ms, once per process), so that a missing or broken database stops the
 * process at start instead of turning every later lookup into "unknown".
 */
import { compare, loadCountryRanges } from './country-db.js';
import { publicAddress } from './ip.js';

const ranges = loadCountryRanges();

/**
 * ISO 3166-1 alpha-2 country of an IPv4 or IPv6 address; undefined for private, loopback and other
 * non-public addresses, for addresses the database does not place, and for anything that is no address.
 * Never throws.
 * @example countryOf('8.8.8.8') // 'US'
 * @example countryOf('::ffff:10.0.0.1') // undefined
 */
export function countryOf(ip: string | undefined): string | undefined {
  const address = publicAddress(ip);
  if (!address) return undefined;
  const index = 'v4' in address ? ranges.v4Codes[lastV4(address.v4)] : ranges.v6Codes[lastV6(address.v6)];
  return ranges.codes[index ?? 0] || undefined;
}

/** Index of the last IPv4 range starting at or before `address`; -1 when none does. */
function lastV4(address: number): number {
  const starts = ranges.v4Starts;
  let low = 0;
  let high = starts.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (starts[middle] <= address) low = middle + 1;
    else high = middle - 1;
  }
  return high;
}

/** The same for IPv6, whose starts take four words each. */
function lastV6(address: readonly number[]): number {
  const starts = ranges.v6Starts;
  let low = 0;
  let high = starts.length / 4 - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (compare(address, starts, middle * 4) >= 0) low = middle + 1;
    else high = middle - 1;
  }
  return high;
}
