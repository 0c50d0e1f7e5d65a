/**
 * Addresses as numbers, for range lookups: IPv4 as one unsigned 32-bit number, IPv6 as four. Only
 * public unicast addresses come out: private, loopback, link-local, documentation and multicast ones
 * have no country. Proxies write the client address in several shapes (`1.2.3.4:5678`,
 * `[2001:db8::1]:443`, `fe80::1%eth0`, `::ffff:1.2.3.4`); all of them are read. Pure, never throws.
 */

export type Address = { v4: number } | { v6: [number, number, number, number] };

/** Where the address sits, or undefined when it is no public unicast address (or no address at all). */
export function publicAddress(text: string | undefined): Address | undefined {
  if (typeof text !== 'string' || text.length > 100) return undefined;
  const bare = unwrap(text.trim());
  if (bare.includes(':')) {
    const v6 = parseIpv6(bare);
    if (!v6) return undefined;
    const [a, b, c, d] = v6;
    // IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) carry an IPv4 address in the last word.
    if ((a === 0 && b === 0 && c === 0xffff) || (a === 0x0064ff9b && b === 0 && c === 0)) return publicV4(d);
    return isPublicV6(a) ? { v6 } : undefined;
  }
  const v4 = parseIpv4(bare);
  return v4 === undefined ? undefined : publicV4(v4);
}

/** Drops `[...]` with its port, an IPv4 port and an IPv6 zone. */
function unwrap(text: string): string {
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    return end < 0 ? '' : text.slice(1, end);
  }
  const colon = text.indexOf(':');
  if (colon > 0 && colon === text.lastIndexOf(':') && text.includes('.')) return text.slice(0, colon);
  const zone = text.indexOf('%');
  return zone < 0 ? text : text.slice(0, zone);
}

/** Dotted quad, four decimal parts of 0..255 without leading zeros (which some parsers read as octal). */
export function parseIpv4(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; // a final '.' closes the last part
    if (c === 46) {
      if (digits === 0 || ++dots > 4) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return undefined; // leading zero
      part = part * 10 + c - 48;
      if (++digits > 3 || part > 255) return undefined;
    } else {
      return undefined;
    }
  }
  return dots === 4 ? value : undefined;
}

/** RFC 4291 text form, with `::` and a dotted-quad tail; four 32-bit words, most significant first. */
export function parseIpv6(text: string): [number, number, number, number] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return [
    (all[0] * 0x10000 + all[1]) >>> 0,
    (all[2] * 0x10000 + all[3]) >>> 0,
    (all[4] * 0x10000 + all[5]) >>> 0,
    (all[6] * 0x10000 + all[7]) >>> 0,
  ];
}

function groups(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      out.push(Math.floor(v4 / 0x10000), v4 % 0x10000);
    } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
      out.push(Number.parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return out;
}

/** Special-purpose IPv4 blocks (RFC 6890), multicast and reserved: none of them has a country. */
const SPECIAL_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/3',
].map((block) => {
  const [first, bits] = block.split('/');
  const shift = 32 - Number(bits);
  return { block: (parseIpv4(first) as number) >>> shift, shift };
});

function publicV4(value: number): Address | undefined {
  for (const { block, shift } of SPECIAL_V4) if (value >>> shift === block) return undefined;
  return { v4: value };
}

/** Only global unicast (2000::/3) is routed on the Internet, less the documentation block 2001:db8::/32. */
function isPublicV6(firstWord: number): boolean {
  return firstWord >>> 29 === 0b001 && firstWord !== 0x20010db8;
}
