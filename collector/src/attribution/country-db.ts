/**
 * The IP-to-country ranges of DB-IP's "IP to Country Lite" (CC BY 4.0), as the npm package
 * `@ip-location-db/dbip-country` ships them: CSV rows `first,last,CC`, sorted and inclusive (IPv4 as
 * decimal numbers, IPv6 in hex text). Only the first address of each range is kept, in typed arrays
 * (a few MB instead of 40 MB of text); a hole between two rows becomes a range of its own with no
 * country, so a lookup is one binary search for the last range starting at or before the address.
 * The rows are read with a char-code scanner: splitting 700,000 lines into strings took seconds.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface CountryRanges {
  /** Country codes by index; index 0 is "no country". */
  codes: string[];
  v4Starts: Uint32Array;
  v4Codes: Uint16Array;
  /** Four words per range, most significant first. */
  v6Starts: Uint32Array;
  v6Codes: Uint16Array;
}

const PACKAGE = '@ip-location-db/dbip-country';

export function loadCountryRanges(): CountryRanges {
  const require = createRequire(import.meta.url);
  const file = (name: string) => readFileSync(require.resolve(`${PACKAGE}/${name}`), 'latin1');
  const codes: Codes = { list: [''], byLetters: new Uint16Array(26 * 26) };
  const v4 = readRanges(file('dbip-country-ipv4-num.csv'), 1, scanDecimal, codes);
  const v6 = readRanges(file('dbip-country-ipv6.csv'), 4, scanIpv6, codes);
  return {
    codes: codes.list,
    v4Starts: v4.starts,
    v4Codes: v4.codes,
    v6Starts: v6.starts,
    v6Codes: v6.codes,
  };
}

/** Reads an address of `width` words at `pos` into `out`; returns the position after it, or -1. */
type Scan = (csv: string, pos: number, out: Uint32Array) => number;

function readRanges(csv: string, width: number, scan: Scan, codes: Codes) {
  let rows = 1;
  for (let i = csv.indexOf('\n'); i >= 0; i = csv.indexOf('\n', i + 1)) rows++;
  const capacity = rows * 2 + 1; // every row may follow a hole
  const starts = new Uint32Array(capacity * width);
  const indexes = new Uint16Array(capacity);
  const next = new Uint32Array(width); // first address not covered yet
  const from = new Uint32Array(width);
  const to = new Uint32Array(width);
  let count = 0;
  let covered = false; // the last row ended at the very last address
  const push = (start: Uint32Array, code: number) => {
    starts.set(start, count * width);
    indexes[count++] = code;
  };
  for (let pos = 0; pos < csv.length; ) {
    const newline = csv.indexOf('\n', pos);
    const lineEnd = newline < 0 ? csv.length : newline;
    if (lineEnd - pos > 1) {
      const afterFrom = scan(csv, pos, from);
      const afterTo = afterFrom < 0 || csv[afterFrom] !== ',' ? -1 : scan(csv, afterFrom + 1, to);
      const code = afterTo < 0 || csv[afterTo] !== ',' ? -1 : countryCode(csv, afterTo + 1, lineEnd, codes);
      if (code < 0) throw new Error(`${PACKAGE}: unreadable row "${csv.slice(pos, lineEnd)}"`);
      const order = compare(from, next);
      if (covered || order < 0)
        throw new Error(`${PACKAGE}: rows overlap or are unsorted at "${csv.slice(pos, lineEnd)}"`);
      if (order > 0) push(next, 0);
      push(from, code);
      next.set(to);
      covered = !increment(next);
    }
    pos = lineEnd + 1;
  }
  if (!covered) push(next, 0);
  return { starts: starts.slice(0, count * width), codes: indexes.slice(0, count) };
}

interface Codes {
  list: string[];
  /** Index in `list` by the code's two letters (AA = 0 ... ZZ = 675); 0 while not seen. */
  byLetters: Uint16Array;
}

const isUpper = (c: number) => c >= 65 && c <= 90;

/** Index in `codes.list` of the two capital letters at `pos` (added when new); -1 when they are not there. */
function countryCode(csv: string, pos: number, lineEnd: number, codes: Codes): number {
  let end = lineEnd;
  while (end > pos && csv.charCodeAt(end - 1) <= 32) end--; // '\r'
  if (end - pos !== 2 || !isUpper(csv.charCodeAt(pos)) || !isUpper(csv.charCodeAt(pos + 1))) return -1;
  const key = (csv.charCodeAt(pos) - 65) * 26 + csv.charCodeAt(pos + 1) - 65;
  let index = codes.byLetters[key];
  if (index === 0) {
    index = codes.list.push(csv.slice(pos, end)) - 1;
    codes.byLetters[key] = index;
  }
  return index;
}

export function compare(a: ArrayLike<number>, b: ArrayLike<number>, offset = 0): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[offset + i]) return a[i] < b[offset + i] ? -1 : 1;
  }
  return 0;
}

/** Adds one; false when it wrapped past the last address. */
function increment(words: Uint32Array): boolean {
  for (let i = words.length - 1; i >= 0; i--) {
    if (words[i] !== 0xffffffff) {
      words[i] += 1;
      return true;
    }
    words[i] = 0;
  }
  return false;
}

const scanDecimal: Scan = (csv, pos, out) => {
  let value = 0;
  let end = pos;
  for (let c = csv.charCodeAt(end); c >= 48 && c <= 57; c = csv.charCodeAt(++end))
    value = value * 10 + c - 48;
  if (end === pos || value > 0xffffffff) return -1;
  out[0] = value;
  return end;
};

const groups = new Uint16Array(8);

/** Hex groups with at most one `::`; the database writes no dotted-quad tails. */
export const scanIpv6: Scan = (csv, pos, out) => {
  let count = 0;
  let gapAt = -1;
  let digits = 0;
  let value = 0;
  let end = pos;
  for (; end < csv.length; end++) {
    const c = csv.charCodeAt(end);
    const hex = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (hex >= 0) {
      if (++digits > 4) return -1;
      value = value * 16 + hex;
      continue;
    }
    if (c !== 58) break; // ':'
    if (digits > 0) {
      if (count === 8) return -1;
      groups[count++] = value;
    } else if (end !== pos) {
      return -1; // ':::'
    }
    if (csv.charCodeAt(end + 1) === 58) {
      if (gapAt >= 0) return -1;
      gapAt = count;
      end++;
    } else if (digits === 0) {
      return -1; // a lone leading ':'
    }
    digits = 0;
    value = 0;
  }
  if (digits > 0) {
    if (count === 8) return -1;
    groups[count++] = value;
  } else if (gapAt !== count) {
    return -1; // ends with a lone ':'
  }
  if (gapAt < 0 ? count !== 8 : count > 7) return -1;
  const shift = 8 - count;
  for (let i = 7; i >= 0; i--) {
    const source = gapAt < 0 || i < gapAt ? i : i - shift;
    groups[i] = gapAt >= 0 && i >= gapAt && i < gapAt + shift ? 0 : groups[source];
  }
  for (let i = 0; i < 4; i++) out[i] = (groups[2 * i] * 0x10000 + groups[2 * i + 1]) >>> 0;
  return end;
};
